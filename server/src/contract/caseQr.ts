import { Type, type Static } from 'typebox';
import { CaseRecord, CaseSerial } from './cases.js';
import { CASE_ACTION_TYPES, CASE_LEVELS, CASE_STATUSES } from './vocabulary.js';

/**
 * 一案一码 (issue #14 part 5): a case's QR code (`GET /api/cases/:serial/qr.svg`), its check code
 * in the report's reply, and the reporter's public progress page (`GET /api/public/cases/:serial`,
 * no sign-in) — status and dates only.
 */

const DateTime = Type.String({ format: 'date-time' });

export const CaseQrSvg = Type.String({
  description: 'image/svg+xml: a QR code (level M) of the absolute link `<origin>/c/<serial>`',
});

export const CheckCode = Type.String({
  pattern: '^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$',
  description:
    'the check code (查询码): 6 characters without 0/O, 1/I/L; with the serial it opens the public progress page',
});

/** The 201 of `POST /api/cases`: the case and, for the reporter only, its check code. */
export const CaseReportReply = Type.Object({ ...CaseRecord.properties, checkCode: CheckCode });
export type CaseReportReply = Static<typeof CaseReportReply>;

/** What `POST /api/cases` answers: the 201 with the check code, or a `reportId` repeat's 200 without. */
export type ReportedCase = CaseRecord & { checkCode?: CaseReportReply['checkCode'] };

export const PublicCaseParams = Type.Object({ serial: CaseSerial });
export type PublicCaseParams = Static<typeof PublicCaseParams>;

export const PublicCaseQuery = Type.Object({
  code: Type.String({
    pattern: '^\\s*[0-9A-Za-z]{6}\\s*$',
    description: 'the check code of the report reply and slip (case and surrounding spaces do not matter)',
  }),
});
export type PublicCaseQuery = Static<typeof PublicCaseQuery>;

export const PublicCaseStep = Type.Object({ type: Type.Enum([...CASE_ACTION_TYPES]), at: DateTime });
export type PublicCaseStep = Static<typeof PublicCaseStep>;

/** Status and dates only: no summary, category, place, people, notes or photo. */
export const PublicCaseProgress = Type.Object(
  {
    serial: CaseSerial,
    status: Type.Enum([...CASE_STATUSES]),
    level: Type.Enum([...CASE_LEVELS], { description: 'level now handling the case' }),
    reportedAt: DateTime,
    deadline: Type.Union([DateTime, Type.Null()], { description: 'when the current stage is due; null when not open' }),
    closedAt: Type.Union([DateTime, Type.Null()]),
    steps: Type.Array(PublicCaseStep, { description: 'the step log’s action types and times, oldest first' }),
  },
  { additionalProperties: false },
);
export type PublicCaseProgress = Static<typeof PublicCaseProgress>;
