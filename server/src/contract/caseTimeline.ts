import { Type, type Static } from 'typebox';
import { GridCodeString } from './gridCode.js';
import { CASE_LEVELS, CASE_STATUSES } from './vocabulary.js';

/**
 * The case history as columns (issue #15 part 2), for playing a grid's cases back over time:
 * `GET /api/cases/timeline` and `GET /api/cases/open-at`. The same scope as the case list and no
 * personal data (no reporter, parties, summary or photo).
 *
 * A case lives from `reportedAt` to `endedAt`: the instant it was closed (结案), voided (作废) or
 * transferred to a department or the courts (转办) — the three statuses no action leaves — taken
 * from its step log; null while it has none of them (a resolved case awaiting its follow-up visit
 * is still alive: a failed visit reopens it). A transfer leaves every grid at once (it goes to a
 * department, not to another grid). A plan publish that moves an open case to another group is not
 * in the step log: the case counts in the grid it belongs to now over its whole life.
 */

/** The most entries one timeline reply holds; `truncated` says when more matched. */
export const TIMELINE_MAX = 200_000;

const Instant = (description: string) =>
  Type.String({
    description: `${description}: an ISO 8601 instant with its offset, e.g. 2026-11-30T12:00:00+08:00 or 2026-11-30T04:00:00Z`,
  });

/** The filters both routes take besides the grid. */
const TimelineFilters = {
  category: Type.Optional(Type.String({ pattern: '^[a-z_]{2,32}$', description: 'case category code' })),
  level: Type.Optional(Type.Enum([...CASE_LEVELS], { description: 'level now handling the case' })),
  status: Type.Optional(
    Type.Enum(['open', 'overdue', 'closed', 'all'], {
      default: 'all',
      description: 'status now (as GET /api/cases): open, overdue, closed or all (default)',
    }),
  ),
};

export const CaseTimelineQuery = Type.Object({
  grid: GridCodeString('the grid whose cases are played back'),
  from: Type.Optional(Instant('only cases still alive after this instant (not ended by then)')),
  to: Type.Optional(Instant('only cases reported before this instant')),
  ...TimelineFilters,
  limit: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: TIMELINE_MAX,
      default: TIMELINE_MAX,
      description: `at most this many cases, the most recently reported (default and max ${TIMELINE_MAX})`,
    }),
  ),
});
export type CaseTimelineQuery = Static<typeof CaseTimelineQuery>;

const Column = <T extends Parameters<typeof Type.Array>[0]>(item: T, description: string) =>
  Type.Array(item, { description });

export const CaseTimeline = Type.Object(
  {
    grid: Type.String({ description: 'the grid read (the viewer’s part of the asked one)' }),
    from: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    to: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    truncated: Type.Boolean({ description: 'true when more cases matched than `limit` (the oldest were left out)' }),
    count: Type.Integer({ description: 'entries in every column' }),
    serial: Column(Type.String(), 'case serials'),
    reportedAt: Column(Type.Integer(), 'when reported, epoch ms; the columns are sorted by it (then serial)'),
    endedAt: Column(
      Type.Union([Type.Integer(), Type.Null()]),
      'when closed, voided or transferred, epoch ms; null while none of them',
    ),
    warnAt: Column(
      Type.Union([Type.Integer(), Type.Null()]),
      'when the case’s current stage (its last one once it has ended) turns 临期, past 70 % of its working time, epoch ms; null when the stage has none. Playback calls a case 临期 at t when warnAt ≤ t < deadlineAt',
    ),
    deadlineAt: Column(
      Type.Union([Type.Integer(), Type.Null()]),
      'the deadline of the case’s current stage (its last one once it has ended), epoch ms; null when the stage has none. Playback calls a case overdue at t when t ≥ deadlineAt',
    ),
    level: Column(Type.Enum([...CASE_LEVELS]), 'level now handling the case'),
    category: Column(Type.String(), 'category code'),
    status: Column(Type.Enum([...CASE_STATUSES]), 'status now'),
    lon: Column(Type.Number(), 'longitude, as GET /api/cases gives it (6 decimals)'),
    lat: Column(Type.Number(), 'latitude, as GET /api/cases gives it (6 decimals)'),
  },
  { description: 'the cases as columns of equal length' },
);
export type CaseTimeline = Static<typeof CaseTimeline>;

export const CaseOpenAtQuery = Type.Object({
  grid: GridCodeString('the grid whose open cases are counted'),
  at: Instant('the instant'),
  ...TimelineFilters,
});
export type CaseOpenAtQuery = Static<typeof CaseOpenAtQuery>;

export const CaseOpenAt = Type.Object({
  grid: Type.String(),
  at: Type.String({ format: 'date-time' }),
  count: Type.Integer({ description: 'cases with reportedAt ≤ at < endedAt (endedAt null: still alive)' }),
});
export type CaseOpenAt = Static<typeof CaseOpenAt>;
