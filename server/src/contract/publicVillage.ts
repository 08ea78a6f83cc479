import { Type, type Static } from 'typebox';
import { MultiPolygonGeometry } from './geojson.js';

/**
 * 一村一码 (issue #16 part 5): the village page anyone reaches by scanning the code on the village's
 * notice board (`GET /api/public/villages/:code`, no sign-in), and the mark that publishes a
 * member's phone there (`PUT /api/members/:id/phone-public`). The public reply carries no resident
 * at all: no household, no ID number, no case detail; a member's full name and phone only when a
 * county administrator has published them (migration 013), else the masked name (张**).
 */

export const PublicVillageParams = Type.Object({
  code: Type.String({
    pattern: '^[0-9]{12}$',
    description: "the village's 12-digit statistical division code (统计用区划代码)",
    examples: ['620724105201'],
  }),
});
export type PublicVillageParams = Static<typeof PublicVillageParams>;

const Place = Type.Object({ code: Type.String(), name: Type.String() });

export const PublicRole = Type.Enum(['grid_head', 'grid_staff', 'street_chief'], {
  description: '网格长 / 网格员 / 街长',
});
export type PublicRole = Static<typeof PublicRole>;

export const PublicPerson = Type.Object({
  role: PublicRole,
  name: Type.String({
    description: 'the full name when the member’s contact is published, else masked (张**)',
  }),
  grid: Type.Object(
    { code: Type.String(), name: Type.String() },
    { description: 'the group the post is in (a street chief: the group of the street)' },
  ),
  phone: Type.Union([Type.String(), Type.Null()], {
    description: 'the published phone; null unless a county administrator marked it public',
  }),
});
export type PublicPerson = Static<typeof PublicPerson>;

export const PublicGroup = Type.Object({
  code: Type.String({ description: '15 digits: the village code + a 3-digit sequence' }),
  name: Type.String(),
  outline: MultiPolygonGeometry,
});
export type PublicGroup = Static<typeof PublicGroup>;

export const PublicStreet = Type.Object({
  name: Type.String(),
  groupCode: Type.String(),
  chiefName: Type.Union([Type.String(), Type.Null()], {
    description: 'street chief 街长, by the same rule as people; null when none',
  }),
});
export type PublicStreet = Static<typeof PublicStreet>;

export const PublicMonthCount = Type.Object({
  month: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}$', description: 'China time (UTC+8), e.g. 2026-11' }),
  reported: Type.Integer({ minimum: 0, description: 'cases reported in the month (voided ones left out)' }),
  closed: Type.Integer({ minimum: 0, description: 'cases closed (结案) in the month' }),
});
export type PublicMonthCount = Static<typeof PublicMonthCount>;

export const PublicVillageReply = Type.Object(
  {
    code: Type.String(),
    name: Type.String(),
    town: Place,
    county: Place,
    outline: MultiPolygonGeometry,
    groups: Type.Array(PublicGroup, { description: 'the villager groups (组/社) in code order' }),
    people: Type.Array(PublicPerson, { description: 'grid heads, grid staff and street chiefs, by group' }),
    streets: Type.Array(PublicStreet, { description: 'responsibility streets (党员包街巷) in name order' }),
    caseCountsByMonth: Type.Array(PublicMonthCount, {
      description: 'the last 12 months, oldest first, the current month last; counts only',
    }),
    links: Type.Object({
      report: Type.String({ description: 'where grid staff report a case (needs sign-in)' }),
      feedback: Type.String({ description: 'where a resident turns with a complaint or suggestion (投诉建议)' }),
    }),
  },
  { description: 'a village as its public page shows it; nothing of any other village' },
);
export type PublicVillageReply = Static<typeof PublicVillageReply>;

export const MemberIdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }) });
export type MemberIdParams = Static<typeof MemberIdParams>;

export const PhonePublicBody = Type.Object(
  {
    // An untyped enum, not Type.Boolean: the app's Ajv coerces types (for query strings), and a null or ""
    // coerced to false would withdraw the mark on a malformed body.
    public: Type.Unsafe<boolean>({
      enum: [true, false],
      description: 'true: publish the member’s name and phone on the village page',
    }),
  },
  { additionalProperties: false },
);
export type PhonePublicBody = Static<typeof PhonePublicBody>;

export const PhonePublicReply = Type.Object({
  id: Type.Integer(),
  villageCode: Type.Union([Type.String(), Type.Null()], { description: 'null for a town-level member' }),
  phonePublic: Type.Boolean(),
});
export type PhonePublicReply = Static<typeof PhonePublicReply>;
