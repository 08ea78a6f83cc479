import { Type, type Static } from 'typebox';

/** Personal data unmasked, one record at a time, audited (`GET /api/households/:id/contact`, `GET /api/members/:id/contact`). */

export const ContactIdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }) });
export type ContactIdParams = Static<typeof ContactIdParams>;

export const HouseholdContactReply = Type.Object(
  {
    id: Type.Integer(),
    houseNo: Type.String(),
    groupCode: Type.String(),
    headName: Type.String({ description: 'head of household, unmasked' }),
    phone: Type.Union([Type.String(), Type.Null()]),
    idNumber: Type.Union([Type.String(), Type.Null()], { description: 'resident ID number (身份证号)' }),
  },
  { description: 'the household’s personal data, unmasked; this read is in the audit trail' },
);
export type HouseholdContactReply = Static<typeof HouseholdContactReply>;

export const MemberContactReply = Type.Object(
  {
    id: Type.Integer(),
    name: Type.String({ description: 'unmasked' }),
    phone: Type.Union([Type.String(), Type.Null()]),
  },
  { description: 'the member’s name and phone, unmasked; this read is in the audit trail' },
);
export type MemberContactReply = Static<typeof MemberContactReply>;
