import type { MultiPolygon } from 'geojson';
import type { Database, Sql } from '../../db/database.js';
import { PlanError } from '../../domain/plan/planError.js';
import { PlanValidator, type PlanValidation, type ValidatedParent } from '../../domain/plan/planValidator.js';

/** One grid of a plan as held in memory between requests. */
export interface PlanGridState {
  code: string;
  level: 'village' | 'group';
  parentCode: string;
  name: string;
  version: number;
  baseVersion: number | null;
  geometry: MultiPolygon;
  households: number;
  gridHead: boolean;
}

/**
 * A plan's grids in memory, refreshed by version: each request reads the cheap list of codes and
 * versions and loads outlines and household counts only for grids whose version changed (or all
 * counts when the plan's explicit assignments changed). The validator keeps its own prepared
 * outlines the same way, so live validation after an edit costs the edit, not the plan.
 */
interface PlanState {
  scopeCode: string;
  scopeLevel: 'town' | 'village';
  assignmentsVersion: number;
  scope: { version: number; geometry: MultiPolygon } | null;
  grids: Map<string, PlanGridState>;
  validator: PlanValidator;
}

/** Per database (tests open two in one process), per plan id. */
const states = new WeakMap<Database, Map<number, PlanState>>();

function stateMap(db: Database): Map<number, PlanState> {
  let map = states.get(db);
  if (!map) {
    map = new Map();
    states.set(db, map);
  }
  return map;
}

/** Drops a plan's cached state (after publish or abandon; a full check starts from nothing). */
export function forgetPlanState(db: Database, planId: number): void {
  stateMap(db).delete(planId);
}

interface ListRow {
  code: string;
  level: 'village' | 'group';
  parent_code: string;
  name: string;
  version: number;
  base_version: number | null;
  grid_head: boolean;
}

/**
 * The plan's live grids, up to date. `fresh` ignores what is cached (the full check of a publish).
 * Reads through `sql` (a transaction's, for publish) but caches under `db`.
 */
export async function planGridStates(
  db: Database,
  planId: number,
  options: { sql?: Sql; fresh?: boolean } = {},
): Promise<{ state: PlanState; grids: PlanGridState[] }> {
  const sql = options.sql ?? db.sql;
  const [plan] = await sql<{ scope_code: string; scope_level: 'town' | 'village'; assignments_version: number }>`
    SELECT scope_code, scope_level, assignments_version FROM plans WHERE id = ${planId}`;
  if (!plan) throw new PlanError(404, `no plan ${planId}`);
  const map = stateMap(db);
  let state = options.fresh ? undefined : map.get(planId);
  if (!state || state.scopeCode !== plan.scope_code) {
    state = {
      scopeCode: plan.scope_code,
      scopeLevel: plan.scope_level,
      assignmentsVersion: -1,
      scope: null,
      grids: new Map(),
      validator: new PlanValidator(),
    };
    if (!options.fresh) map.set(planId, state);
  }

  const rows = await sql<ListRow>`
    SELECT pg.code, pg.level, pg.parent_code, pg.name, pg.version, pg.base_version,
      EXISTS (SELECT 1 FROM grid_roles r WHERE r.grid_code = pg.code AND r.role = 'grid_head' AND r.until IS NULL) AS grid_head
    FROM plan_grids pg WHERE pg.plan_id = ${planId} AND NOT pg.deleted ORDER BY pg.code`;
  const live = new Set(rows.map((row) => row.code));
  for (const code of state.grids.keys()) if (!live.has(code)) state.grids.delete(code);
  const outlineStale = rows.filter((row) => state.grids.get(row.code)?.version !== row.version).map((row) => row.code);
  const countStale = plan.assignments_version !== state.assignmentsVersion ? rows.map((row) => row.code) : outlineStale;

  const outlines = new Map<string, MultiPolygon>();
  if (outlineStale.length > 0) {
    const loaded = await sql<{ code: string; geometry: MultiPolygon }>`
      SELECT code, ST_AsGeoJSON(ST_ForcePolygonCCW(geom), 9)::jsonb AS geometry
      FROM plan_grids
      WHERE plan_id = ${planId} AND code IN (SELECT jsonb_array_elements_text(${JSON.stringify(outlineStale)}::jsonb))`;
    for (const row of loaded) outlines.set(row.code, row.geometry);
  }
  const counts = countStale.length > 0 ? await householdCounts(sql, planId, countStale) : new Map<string, number>();

  for (const row of rows) {
    const previous = state.grids.get(row.code);
    const geometry = outlines.get(row.code) ?? previous?.geometry;
    if (!geometry) continue;
    state.grids.set(row.code, {
      code: row.code,
      level: row.level,
      parentCode: row.parent_code,
      name: row.name,
      version: row.version,
      baseVersion: row.base_version,
      geometry,
      households: counts.get(row.code) ?? previous?.households ?? 0,
      gridHead: row.grid_head,
    });
  }
  state.assignmentsVersion = plan.assignments_version;

  const [scope] = await sql<{ version: number }>`
    SELECT version FROM grids WHERE code = ${plan.scope_code} AND valid_to IS NULL`;
  if (scope && state.scope?.version !== scope.version) {
    const [loaded] = await sql<{ geometry: MultiPolygon }>`
      SELECT ST_AsGeoJSON(ST_ForcePolygonCCW(geom), 9)::jsonb AS geometry
      FROM grids WHERE code = ${plan.scope_code} AND valid_to IS NULL`;
    state.scope = { version: scope.version, geometry: loaded!.geometry };
  }
  return { state, grids: rows.flatMap((row) => state.grids.get(row.code) ?? []) };
}

/**
 * Households inside each grid by point-in-polygon, with the plan's explicit assignments winning:
 * a household assigned elsewhere leaves, one assigned here (or, for a village, to one of its
 * groups) joins.
 */
async function householdCounts(sql: Sql, planId: number, codes: readonly string[]): Promise<Map<string, number>> {
  const rows = await sql<{ code: string; households: number }>`
    WITH g AS (
      SELECT code, geom FROM plan_grids
      WHERE plan_id = ${planId} AND code IN (SELECT jsonb_array_elements_text(${JSON.stringify(codes)}::jsonb))
    ),
    assigned AS (
      SELECT entity_id, to_code FROM plan_assignments WHERE plan_id = ${planId} AND entity = 'household'
    )
    SELECT g.code,
      (SELECT count(*) FROM households h LEFT JOIN assigned a ON a.entity_id = h.id
        WHERE h.geom && g.geom AND ST_Intersects(g.geom, h.geom)
          AND (a.to_code IS NULL OR left(a.to_code, length(g.code)) = g.code))::int
      + (SELECT count(*) FROM assigned a JOIN households h ON h.id = a.entity_id
        WHERE left(a.to_code, length(g.code)) = g.code AND NOT ST_Intersects(g.geom, h.geom))::int AS households
    FROM g`;
  return new Map(rows.map((row) => [row.code, row.households]));
}

/** The parents whose tiling the plan must keep: its scope, and for a town plan each of its villages. */
export function planParents(state: PlanState, grids: readonly PlanGridState[]): ValidatedParent[] {
  const parents: ValidatedParent[] = [];
  if (state.scope)
    parents.push({ code: state.scopeCode, key: `g${state.scope.version}`, geometry: state.scope.geometry });
  for (const grid of grids) {
    if (grid.level === 'village') parents.push({ code: grid.code, key: `p${grid.version}`, geometry: grid.geometry });
  }
  return parents;
}

/** The plan's validation; incremental unless `fresh` (publish). */
export async function validatePlan(
  db: Database,
  planId: number,
  options: { sql?: Sql; fresh?: boolean } = {},
): Promise<PlanValidation> {
  const { state, grids } = await planGridStates(db, planId, options);
  return state.validator.validate(planParents(state, grids), grids);
}
