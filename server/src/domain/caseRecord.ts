import { Type, type Static } from 'typebox';
import { CASE_LEVELS } from './caseLevel.js';
import { CASE_STATUSES } from './caseLifecycle.js';
import { CASE_ACTION_TYPES, CASE_ACTOR_ROLES } from './caseRoles.js';

/**
 * One case as the write API and the case detail return it: the replies of `POST /api/cases`,
 * `POST /api/cases/:serial/actions` and (with more) `GET /api/cases/:serial`. No personal data:
 * no reporter, no parties, no photo bytes (only whether there is one), people only as member ids.
 * The web imports these types type-only.
 */
const DateTime = Type.String({ format: 'date-time' });
const NullableDateTime = Type.Union([DateTime, Type.Null()]);
const Level = Type.Enum([...CASE_LEVELS]);

export const CaseRecord = Type.Object({
  serial: Type.String({
    description: 'county code + YYYYMMDD (China time) + 5-digit sequence',
    pattern: '^[0-9]{19}$',
  }),
  category: Type.String(),
  categoryName: Type.String({ description: 'category name (zh-CN)' }),
  source: Type.String({ description: 'grid_patrol, walk_in, hotline, video_patrol, assigned or department' }),
  summary: Type.String(),
  status: Type.Enum([...CASE_STATUSES]),
  level: Type.Enum([...CASE_LEVELS], { description: 'level now handling the case' }),
  major: Type.Boolean({ description: 'major or urgent (may skip levels)' }),
  townCode: Type.String(),
  villageCode: Type.String(),
  groupCode: Type.String(),
  gridVersion: Type.Integer({ description: 'version of the group grid the case happened in' }),
  lon: Type.Number(),
  lat: Type.Number(),
  reportedAt: DateTime,
  stageStartedAt: DateTime,
  stageWarnAt: NullableDateTime,
  stageDueAt: NullableDateTime,
  deadlineState: Type.Union([Type.Enum(['green', 'yellow', 'red']), Type.Null()], {
    description:
      'stage clock of an open case: yellow from 70 % of the time allowed, red when overdue; null when not open',
  }),
  resolvedAt: NullableDateTime,
  resolvedLevel: Type.Union([Level, Type.Null()]),
  closedAt: NullableDateTime,
  escalations: Type.Integer(),
  reopens: Type.Integer(),
  hasPhoto: Type.Boolean(),
  /** The group's grid heads (网格长) now in office — who answers for the case — as member ids. */
  responsibleMemberIds: Type.Array(Type.Integer(), {
    description: 'member ids of the group grid heads (网格长) in office',
  }),
});
export type CaseRecord = Static<typeof CaseRecord>;

export const CaseStepRecord = Type.Object({
  at: DateTime,
  action: Type.Enum([...CASE_ACTION_TYPES]),
  fromStatus: Type.Union([Type.Enum([...CASE_STATUSES]), Type.Null()]),
  toStatus: Type.Enum([...CASE_STATUSES]),
  fromLevel: Type.Union([Level, Type.Null()]),
  toLevel: Level,
  actorRole: Type.Union([Type.Enum([...CASE_ACTOR_ROLES]), Type.Null()]),
  actorId: Type.Union([Type.Integer(), Type.Null()], { description: 'member id; null for the system' }),
  note: Type.Union([Type.String(), Type.Null()]),
});
export type CaseStepRecord = Static<typeof CaseStepRecord>;

export const CaseCamera = Type.Object({
  id: Type.String({ description: '20-digit GB/T 28181 device id' }),
  name: Type.String(),
  site: Type.String(),
  status: Type.Enum(['online', 'offline']),
  lastSeen: DateTime,
  lon: Type.Number(),
  lat: Type.Number(),
});
export type CaseCamera = Static<typeof CaseCamera>;

export const CasePatrol = Type.Object({
  day: Type.String({ format: 'date' }),
  slot: Type.Enum(['am', 'pm']),
  doneAt: DateTime,
  camerasViewed: Type.Integer(),
  raisedCase: Type.Union([Type.String(), Type.Null()]),
});
export type CasePatrol = Static<typeof CasePatrol>;

export const CaseDetail = Type.Object({
  ...CaseRecord.properties,
  steps: Type.Array(CaseStepRecord, { description: 'the full step log, oldest first' }),
  cameras: Type.Array(CaseCamera, { description: 'cameras of the case’s group, with status and when last seen' }),
  patrols: Type.Array(CasePatrol, {
    description: 'online patrols of the case’s village on the report day (China time)',
  }),
});
export type CaseDetail = Static<typeof CaseDetail>;
