import { Type, type Static } from 'typebox';

/** Schemas of the plans API (plan-contract.md). Geometry is GeoJSON (RFC 7946, WGS84). */

export const PlanIdParams = Type.Object({ id: Type.Integer({ minimum: 1, description: 'plan id' }) });
export type PlanIdParams = Static<typeof PlanIdParams>;

export const PlanGridParams = Type.Object({
  id: Type.Integer({ minimum: 1, description: 'plan id' }),
  code: Type.String({ pattern: '^[0-9]{12}$|^[0-9]{15}$', description: 'grid code (12 digits village, 15 group)' }),
});
export type PlanGridParams = Static<typeof PlanGridParams>;

const AnyGeometry = Type.Unknown({ description: 'GeoJSON geometry (WGS84 longitude/latitude)' });

export const PlanLock = Type.Union([
  Type.Object({ holder: Type.String(), expiresAt: Type.String({ description: 'ISO 8601 UTC' }) }),
  Type.Null(),
]);
export type PlanLock = Static<typeof PlanLock>;

export const PlanSummary = Type.Object({
  id: Type.Integer(),
  scope: Type.String({ description: 'the town or village the plan redraws' }),
  scopeLevel: Type.Enum(['town', 'village']),
  scopeName: Type.String(),
  name: Type.String(),
  author: Type.String({ description: 'username of the planner who started it' }),
  status: Type.Enum(['draft', 'published', 'abandoned']),
  version: Type.Integer({ description: 'bumped by every write to the plan' }),
  baseGridVersion: Type.Integer({ description: 'the published grid version the plan started from' }),
  publishedGridVersion: Type.Union([Type.Integer(), Type.Null()]),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  lock: PlanLock,
});
export type PlanSummary = Static<typeof PlanSummary>;

export const PlanList = Type.Array(PlanSummary);
export type PlanList = Static<typeof PlanList>;

export const PlanListQuery = Type.Object({
  scope: Type.Optional(Type.String({ pattern: '^[0-9]{6}$|^[0-9]{12}$|^[0-9]{15}$' })),
  status: Type.Optional(Type.Enum(['draft', 'published', 'abandoned'])),
});
export type PlanListQuery = Static<typeof PlanListQuery>;

export const PlanCreateBody = Type.Object({
  scope: Type.String({ pattern: '^[0-9]{12}$', description: 'a town or village code' }),
  name: Type.String({ minLength: 1, maxLength: 64 }),
});
export type PlanCreateBody = Static<typeof PlanCreateBody>;

export const PlanGridProperties = Type.Object({
  code: Type.String(),
  version: Type.Integer({ description: 'the draft grid’s version, bumped on every save' }),
  level: Type.Enum(['village', 'group']),
  name: Type.String(),
  parentCode: Type.String(),
  households: Type.Integer({ description: 'households inside (explicit assignments win), for balance' }),
  gridHead: Type.Boolean({ description: 'the grid has a grid head (网格长)' }),
  baseVersion: Type.Union([Type.Integer(), Type.Null()], {
    description: 'the published grid version it was copied from; null for a grid new in the plan',
  }),
});
export type PlanGridProperties = Static<typeof PlanGridProperties>;

export const PlanGridCollection = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(
    Type.Object({
      type: Type.Literal('Feature'),
      id: Type.String(),
      geometry: AnyGeometry,
      properties: PlanGridProperties,
    }),
  ),
});
export type PlanGridCollection = Static<typeof PlanGridCollection>;

export const SavedGrid = Type.Object({ code: Type.String(), version: Type.Integer() });
export type SavedGrid = Static<typeof SavedGrid>;
export const SavedGrids = Type.Object({ grids: Type.Array(SavedGrid) });
export type SavedGrids = Static<typeof SavedGrids>;

export const GridSaveBody = Type.Object({ geometry: AnyGeometry, version: Type.Integer({ minimum: 1 }) });
export type GridSaveBody = Static<typeof GridSaveBody>;
export const GridAddBody = Type.Object({
  geometry: AnyGeometry,
  parentCode: Type.Optional(Type.String({ pattern: '^[0-9]{12}$' })),
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
});
export type GridAddBody = Static<typeof GridAddBody>;
export const GridDeleteQuery = Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) });
export type GridDeleteQuery = Static<typeof GridDeleteQuery>;

export const EditsBody = Type.Object({
  changes: Type.Array(
    Type.Object({
      code: Type.String({ pattern: '^[0-9]{12}$|^[0-9]{15}$' }),
      geometry: AnyGeometry,
      version: Type.Integer({ minimum: 1 }),
    }),
    { minItems: 1, maxItems: 200 },
  ),
});
export type EditsBody = Static<typeof EditsBody>;

export const SplitBody = Type.Object({
  code: Type.String({ pattern: '^[0-9]{12}$|^[0-9]{15}$' }),
  version: Type.Integer({ minimum: 1 }),
  line: AnyGeometry,
});
export type SplitBody = Static<typeof SplitBody>;

export const MergeBody = Type.Object({
  codes: Type.Array(Type.String({ pattern: '^[0-9]{12}$|^[0-9]{15}$' }), { minItems: 2, maxItems: 2 }),
  versions: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 2, maxItems: 2 }),
});
export type MergeBody = Static<typeof MergeBody>;

export const AssignmentsBody = Type.Object({
  households: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 5000 })),
  streets: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 5000 })),
  to: Type.String({ pattern: '^[0-9]{15}$', description: 'the group grid that takes them' }),
});
export type AssignmentsBody = Static<typeof AssignmentsBody>;
export const AssignmentsReply = Type.Object({ to: Type.String(), households: Type.Integer(), streets: Type.Integer() });
export type AssignmentsReply = Static<typeof AssignmentsReply>;

export const PlanProblem = Type.Object({
  kind: Type.Enum([
    'gap',
    'overlap',
    'outside_parent',
    'non_contiguous',
    'invalid',
    'too_small',
    'no_grid_head',
    'imbalance',
  ]),
  severity: Type.Optional(
    Type.Enum(['error', 'warning'], {
      description:
        'always sent: errors (tiling, invalid, too_small) block publishing; warnings (no_grid_head, imbalance) do not',
    }),
  ),
  code: Type.Optional(Type.String()),
  codes: Type.Optional(Type.Array(Type.String())),
  parentCode: Type.Optional(Type.String()),
  area_m2: Type.Optional(Type.Number()),
  location: Type.Optional(AnyGeometry),
  households: Type.Optional(Type.Integer()),
  target: Type.Optional(Type.Number()),
  deviation_pct: Type.Optional(Type.Number()),
});
export type PlanProblem = Static<typeof PlanProblem>;

export const PlanValidation = Type.Object({
  ok: Type.Boolean({ description: 'no error-severity problem (warnings allowed)' }),
  problems: Type.Array(PlanProblem),
  rechecked: Type.Optional(
    Type.Object(
      { parents: Type.Integer(), grids: Type.Integer() },
      { description: 'always sent: parents re-checked and grids re-prepared by this (incremental) validation' },
    ),
  ),
});
export type PlanValidation = Static<typeof PlanValidation>;

/** An error reply with the details a client acts on (who changed a grid, where the input is wrong). */
export const PlanErrorReply = Type.Object(
  {
    error: Type.String(),
    message: Type.String(),
    code: Type.Optional(Type.String()),
    codes: Type.Optional(Type.Array(Type.String())),
    version: Type.Optional(Type.Integer()),
    changedBy: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    changedAt: Type.Optional(Type.String()),
    reason: Type.Optional(Type.String()),
    location: Type.Optional(AnyGeometry),
    lock: Type.Optional(PlanLock),
    problems: Type.Optional(Type.Array(PlanProblem)),
    rejected: Type.Optional(Type.Array(Type.Unknown())),
  },
  { additionalProperties: true },
);
export type PlanErrorReply = Static<typeof PlanErrorReply>;

/** `POST /api/plans`. */
export const PlanCreatedReply = Type.Object({ id: Type.Integer() });
export type PlanCreatedReply = Static<typeof PlanCreatedReply>;

/** The 204 of a write that returns nothing (delete a grid, release the lock). */
export const PlanNoContent = Type.Null();
export type PlanNoContent = Static<typeof PlanNoContent>;

/** `POST /api/plans/import`: JSON, or multipart/form-data with the same fields and the file. */
export const PlanImportBody = Type.Object({
  scope: Type.String({ pattern: '^[0-9]{12}$', description: 'the town or village the plan redraws' }),
  name: Type.String({ minLength: 1, maxLength: 64 }),
  crs: Type.Optional(
    Type.Enum(['WGS84', 'CGCS2000', 'GCJ-02'], {
      description: 'the file’s coordinates; GCJ-02 (Gaode / Tencent) is converted to WGS84. Default WGS84',
    }),
  ),
  geojson: Type.Unknown({
    description: 'a GeoJSON FeatureCollection of Polygon / MultiPolygon grids (object or text)',
  }),
});
export type PlanImportBody = Static<typeof PlanImportBody>;

export const PlanImportRejection = Type.Object({
  index: Type.Integer(),
  code: Type.Optional(Type.String()),
  reason: Type.String(),
});
export type PlanImportRejection = Static<typeof PlanImportRejection>;

export const PlanImportReply = Type.Object({
  id: Type.Integer(),
  imported: Type.Integer(),
  rejected: Type.Array(PlanImportRejection),
});
export type PlanImportReply = Static<typeof PlanImportReply>;

const ImpactList = (id: 'integer' | 'string') =>
  Type.Object({
    count: Type.Integer({ description: 'exact' }),
    items: Type.Array(
      Type.Object({
        id: id === 'integer' ? Type.Integer() : Type.String(),
        from: Type.String({ description: 'group code now' }),
        to: Type.Union([Type.String(), Type.Null()], { description: 'group code after publishing' }),
      }),
      { description: 'the first 200, by id' },
    ),
  });

/** `GET /api/plans/:id/impact`: what publishing would change. */
export const PlanImpact = Type.Object({
  households: ImpactList('integer'),
  streets: ImpactList('integer'),
  cameras: ImpactList('string'),
  staff: ImpactList('integer'),
  openCases: ImpactList('string'),
  grids: Type.Object({
    added: Type.Array(Type.String()),
    removed: Type.Array(Type.String()),
    changed: Type.Array(Type.String()),
  }),
});
export type PlanImpact = Static<typeof PlanImpact>;

/** `POST /api/plans/:id/publish`. */
export const PlanPublishReply = Type.Object({
  gridVersion: Type.Integer({ description: 'the new published grid version' }),
  changed: Type.Integer({ description: 'grids added, redrawn or removed' }),
  moved: Type.Object({
    households: Type.Integer(),
    streets: Type.Integer(),
    cameras: Type.Integer(),
    staff: Type.Integer(),
    openCases: Type.Integer(),
  }),
});
export type PlanPublishReply = Static<typeof PlanPublishReply>;
