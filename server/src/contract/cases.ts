import { Type, type Static } from 'typebox';
import { Feature, LimitedFeatureCollection, PointGeometry } from './geojson.js';
import { GridLayerQuery } from './gridCode.js';
import {
  CASE_ACTION_TYPES,
  CASE_ACTOR_ROLES,
  CASE_LEVELS,
  CASE_REQUEST_ACTIONS,
  CASE_STATUSES,
  FOLLOW_UP_SATISFACTIONS,
} from './vocabulary.js';

/**
 * The cases API: the case list (`GET /api/cases`, `GET /api/cases.csv`), reports and lifecycle
 * actions (`POST /api/cases`, `POST /api/cases/:serial/actions`) and the case detail
 * (`GET /api/cases/:serial`). No personal data: no reporter, no parties, no photo bytes (only
 * whether there is one), people only as member ids.
 */

const DateTime = Type.String({ format: 'date-time' });
const NullableDateTime = Type.Union([DateTime, Type.Null()]);
const Level = Type.Enum([...CASE_LEVELS]);

export const CaseSerial = Type.String({
  pattern: '^[0-9]{19}$',
  description: 'case serial: county code + YYYYMMDD + 5-digit sequence',
});
export type CaseSerial = Static<typeof CaseSerial>;

export const CaseSerialParams = Type.Object({ serial: CaseSerial });
export type CaseSerialParams = Static<typeof CaseSerialParams>;

const Satisfaction = Type.Enum([...FOLLOW_UP_SATISFACTIONS], {
  description: 'at the follow-up visit (回访): satisfied 满意, basically_satisfied 基本满意, dissatisfied 不满意',
});

function CaseFollowUp() {
  return Type.Object({
    at: DateTime,
    satisfaction: Satisfaction,
    note: Type.Union([Type.String(), Type.Null()]),
  });
}

/** One case as the write API and the case detail return it (`POST /api/cases`, `POST /api/cases/:serial/actions`). */
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
  version: Type.Integer({
    minimum: 1,
    description:
      'the number of steps in the case’s log: 1 when reported, one more with every action; send it back as the action’s `version` to have the action refused if the case has moved on',
  }),
  hasPhoto: Type.Boolean(),
  /** The group's grid heads (网格长) now in office — who answers for the case — as member ids. */
  responsibleMemberIds: Type.Array(Type.Integer(), {
    description: 'member ids of the group grid heads (网格长) in office',
  }),
  followUp: Type.Union([CaseFollowUp(), Type.Null()], {
    description: 'the last follow-up visit (回访) of the case; null before the first',
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
  satisfaction: Type.Union([Satisfaction, Type.Null()], { description: 'on a follow_up step only' }),
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

/** A camera of the case's village going offline or back online after the case was reported. */
export const CaseCameraChange = Type.Object({
  at: DateTime,
  cameraId: Type.String(),
  cameraName: Type.String(),
  status: Type.Enum(['online', 'offline']),
  groupCode: Type.String(),
});
export type CaseCameraChange = Static<typeof CaseCameraChange>;

export const CaseVillagePatrol = Type.Object({
  day: Type.String({ format: 'date' }),
  slot: Type.Enum(['am', 'pm']),
  doneAt: DateTime,
  camerasViewed: Type.Integer(),
  raisedCase: Type.Union([Type.String(), Type.Null()]),
});
export type CaseVillagePatrol = Static<typeof CaseVillagePatrol>;

/** `GET /api/cases/:serial`: the detail with what happened around the case since it was reported. */
export const CaseDetailWithActivity = Type.Object({
  ...CaseDetail.properties,
  cameraChanges: Type.Array(CaseCameraChange, {
    description:
      'status changes of the cameras of the case’s village from its registration until now (or until it was closed), oldest first, at most 200',
  }),
  villagePatrols: Type.Array(CaseVillagePatrol, {
    description:
      'online patrols of the case’s village from the report day until now (or closing), oldest first, at most 200',
  }),
});
export type CaseDetailWithActivity = Static<typeof CaseDetailWithActivity>;

/** The case list filters (`GET /api/cases` and `GET /api/cases.csv`), besides `grid`, `status`, `limit`. */
export const CaseListFilters = {
  category: Type.Optional(Type.String({ pattern: '^[a-z_]{2,32}$', description: 'case category code' })),
  level: Type.Optional(
    Type.Enum(['group', 'village', 'town_justice', 'town_centre'], { description: 'level now handling the case' }),
  ),
  from: Type.Optional(
    Type.String({ format: 'date', description: 'reported on or after this China date (YYYY-MM-DD)' }),
  ),
  to: Type.Optional(Type.String({ format: 'date', description: 'reported on or before this China date (YYYY-MM-DD)' })),
};
export const CaseListFilterQuery = Type.Object(CaseListFilters);
export type CaseListFilterQuery = Static<typeof CaseListFilterQuery>;

/** The query of `GET /api/cases` and `GET /api/cases.csv`. */
export const CaseQuery = Type.Object({
  ...GridLayerQuery.properties,
  ...CaseListFilters,
  status: Type.Optional(
    Type.Enum(['open', 'overdue', 'closed', 'all'], {
      default: 'open',
      description:
        'open: registered, accepted or mediating; overdue: open and past the stage deadline; closed: closed after follow-up; all: every case',
    }),
  ),
});
export type CaseQuery = Static<typeof CaseQuery>;

export const CaseFeatureProperties = Type.Object({
  serial: Type.String({ description: 'county code + YYYYMMDD + 5-digit sequence' }),
  category: Type.String(),
  categoryName: Type.String({ description: 'category name (zh-CN)' }),
  status: Type.Enum(['registered', 'accepted', 'mediating', 'resolved', 'closed', 'transferred', 'voided']),
  level: Type.Enum(['group', 'village', 'town_justice', 'town_centre'], {
    description: 'level now handling the case',
  }),
  deadlineState: Type.Enum(['green', 'yellow', 'red'], {
    description:
      'stage clock: yellow from 70 % of the time allowed, red when overdue; green otherwise and for a case no longer open',
  }),
  reportedAt: Type.String({ format: 'date-time' }),
  stageWarnAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'when the stage turns yellow (70 % of its working time)',
  }),
  stageDueAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  summary: Type.String(),
  major: Type.Boolean({ description: 'major or urgent (may skip levels)' }),
  groupCode: Type.String(),
});
export type CaseFeatureProperties = Static<typeof CaseFeatureProperties>;

export const CaseFeature = Feature(PointGeometry, CaseFeatureProperties, Type.String());
export type CaseFeature = Static<typeof CaseFeature>;

/** `GET /api/cases`: points, newest first. */
export const CaseCollection = LimitedFeatureCollection(CaseFeature, 'cases');
export type CaseCollection = Static<typeof CaseCollection>;

/** `GET /api/cases.csv`. */
export const CaseListCsv = Type.String({ description: 'text/csv' });
export type CaseListCsv = Static<typeof CaseListCsv>;

export const CaseReportBody = Type.Object({
  lon: Type.Number({ description: 'longitude, WGS84 / CGCS2000 degrees' }),
  lat: Type.Number({ description: 'latitude, WGS84 / CGCS2000 degrees' }),
  category: Type.String({ description: 'a case category code (case_categories)' }),
  summary: Type.String({ description: 'one line, 1–200 characters (trimmed)' }),
  photo: Type.Optional(Type.String({ description: 'data URL of a JPEG, PNG or WebP image, at most 2 MiB decoded' })),
  reportId: Type.Optional(
    Type.String({
      pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
      description:
        'a UUID the client makes once per draft; a repeat returns the stored case with 200 instead of registering it again',
    }),
  ),
});
export type CaseReportBody = Static<typeof CaseReportBody>;

export const CaseActionBody = Type.Object({
  action: Type.Enum([...CASE_REQUEST_ACTIONS]),
  note: Type.Optional(Type.String({ maxLength: 500, description: 'goes into the step log; the reason of a void' })),
  to: Type.Optional(
    Type.String({ maxLength: 100, description: 'hand_down / skip: a level; transfer: the department or court' }),
  ),
  days: Type.Optional(Type.Integer({ minimum: 1, description: 'extend: working days to add' })),
  satisfaction: Type.Optional(
    Type.Enum([...FOLLOW_UP_SATISFACTIONS], {
      description:
        'follow_up: what the resident said at the visit; satisfied or basically_satisfied closes the case, dissatisfied reopens it at the level that resolved it',
    }),
  ),
  version: Type.Optional(
    Type.Integer({
      minimum: 1,
      description:
        'the case’s `version` the client saw when it decided on the action (an action made offline); if the case has moved on since, the action is not applied and the reply is the 409 version_conflict with the case as it is now',
    }),
  ),
});
export type CaseActionBody = Static<typeof CaseActionBody>;

/** The 409 of an action the lifecycle refuses. */
export const CaseActionRefusal = Type.Object(
  {
    error: Type.String(),
    message: Type.String(),
    reason: Type.String({
      description: 'the lifecycle’s refusal reason, e.g. wrong_status, role_not_allowed, top_level',
    }),
  },
  { description: 'the action is not allowed now; reason says why' },
);
export type CaseActionRefusal = Static<typeof CaseActionRefusal>;

/** The 409 of an action sent with a `version` the case has moved on from (issue #14 part 4). */
export const CaseVersionConflict = Type.Object(
  {
    error: Type.String(),
    message: Type.String(),
    reason: Type.Literal('version_conflict'),
    sentVersion: Type.Integer({ description: 'the version the action was made on' }),
    current: Type.Object(
      {
        ...CaseRecord.properties,
        lastStep: Type.Union([CaseStepRecord, Type.Null()], { description: 'the newest step of the case’s log' }),
      },
      { description: 'the case as it is now: what the client shows beside the action it meant to take' },
    ),
  },
  { description: 'the case has moved on since the version the action was made on; nothing was applied' },
);
export type CaseVersionConflict = Static<typeof CaseVersionConflict>;
