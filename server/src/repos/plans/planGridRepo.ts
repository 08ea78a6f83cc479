import type { MultiPolygon } from 'geojson';
import type { Database, Sql } from '../../db/database.js';
import { sqlPart, sqlRaw, type SqlQuery } from '../../db/sqlQuery.js';
import type { Viewer } from '../../domain/accessRole.js';
import { checkCutLine, checkGridGeometry } from '../../domain/plan/gridGeometryInput.js';
import { PlanError, staleGrid } from '../../domain/plan/planError.js';
import { recordAudit } from '../audit/auditRepo.js';
import { isoTimestampSql } from '../sql/gridScopeSql.js';
import { issueCode } from './planCodeRepo.js';
import { checkOutlineInPlan, geometryParam } from './planGeometrySql.js';
import { bumpPlan, lockPlanForWrite, type PlanSummary } from './planRepo.js';

export interface GridEdit {
  code: string;
  geometry: unknown;
  version: number;
}

export interface SavedGrid {
  code: string;
  version: number;
}

interface StoredGridRow {
  level: 'village' | 'group';
  parent_code: string;
  name: string;
  version: number;
  deleted: boolean;
  updated_by: string | null;
  updated_at: string;
}

/** The plan grid, locked for this transaction; 404 when the plan has no such live grid, 409 when stale. */
async function lockGrid(sql: Sql, planId: number, code: string, version: number | undefined): Promise<StoredGridRow> {
  const [row] = await sql<StoredGridRow>`
    SELECT level, parent_code, name, version, deleted, updated_by, ${isoTimestampSql('updated_at')} AS updated_at
    FROM plan_grids WHERE plan_id = ${planId} AND code = ${code} FOR UPDATE`;
  if (!row) throw new PlanError(404, `plan ${planId} has no grid ${code}`);
  if (version !== undefined && row.version !== version) {
    throw staleGrid(code, { version: row.version, updatedBy: row.updated_by, updatedAt: row.updated_at });
  }
  if (row.deleted) throw new PlanError(404, `grid ${code} was removed from plan ${planId}`);
  return row;
}

function checkedOutline(code: string, geometry: unknown): MultiPolygon {
  const checked = checkGridGeometry(geometry);
  if (!checked.ok) throw new PlanError(400, `grid ${code}: ${checked.reason}`, { code, reason: checked.reason });
  return checked.geometry;
}

async function storeOutline(sql: Sql, planId: number, code: string, outline: MultiPolygon, viewer: Viewer) {
  const [row] = await sql<SavedGrid>`
    UPDATE plan_grids SET geom = ST_Multi(${geometryParam(outline)}), version = version + 1,
      updated_by = ${viewer.username}, updated_at = now()
    WHERE plan_id = ${planId} AND code = ${code}
    RETURNING code, version`;
  return row!;
}

/**
 * Saves several grids' outlines in one transaction (a shared-boundary vertex move changes two
 * grids at once). Any stale version → 409 naming who changed it and when; any bad outline → 400
 * or 422 naming the grid: nothing is saved.
 */
export async function saveGridEdits(
  db: Database,
  planId: number,
  viewer: Viewer,
  edits: readonly GridEdit[],
): Promise<SavedGrid[]> {
  if (edits.length === 0) throw new PlanError(400, 'changes is empty');
  if (new Set(edits.map((edit) => edit.code)).size !== edits.length) {
    throw new PlanError(400, 'changes names a grid twice');
  }
  return db.transaction(async (sql) => {
    await lockPlanForWrite(sql, planId, viewer);
    const outlines = edits.map((edit) => checkedOutline(edit.code, edit.geometry));
    const saved: SavedGrid[] = [];
    for (const [index, edit] of edits.entries()) {
      const stored = await lockGrid(sql, planId, edit.code, edit.version);
      await checkOutlineInPlan(sql, planId, edit.code, outlines[index]!, stored.parent_code);
    }
    for (const [index, edit] of edits.entries()) {
      saved.push(await storeOutline(sql, planId, edit.code, outlines[index]!, viewer));
    }
    await bumpPlan(sql, planId);
    await recordAudit(sql, {
      actor: viewer,
      action: 'plan.grids_save',
      entity: 'plan',
      entityKey: String(planId),
      before: edits.map((edit) => ({ code: edit.code, version: edit.version })),
      after: saved,
    });
    return saved;
  });
}

/** Removes a grid from the plan (kept as a deleted row: its code is never issued again). */
export async function deleteGrid(
  db: Database,
  planId: number,
  viewer: Viewer,
  code: string,
  version: number | undefined,
): Promise<void> {
  await db.transaction(async (sql) => {
    await lockPlanForWrite(sql, planId, viewer);
    const stored = await lockGrid(sql, planId, code, version);
    const [children] = await sql<{ count: number }>`
      SELECT count(*)::int AS count FROM plan_grids WHERE plan_id = ${planId} AND parent_code = ${code} AND NOT deleted`;
    if ((children?.count ?? 0) > 0) {
      throw new PlanError(409, `grid ${code} still has ${children!.count} groups; merge or move them first`, { code });
    }
    await sql`
      UPDATE plan_grids SET deleted = true, version = version + 1, updated_by = ${viewer.username}, updated_at = now()
      WHERE plan_id = ${planId} AND code = ${code}`;
    await sql`DELETE FROM plan_assignments WHERE plan_id = ${planId} AND to_code = ${code}`;
    await bumpPlan(sql, planId, { assignments: true });
    await recordAudit(sql, {
      actor: viewer,
      action: 'plan.grid_delete',
      entity: 'plan',
      entityKey: String(planId),
      before: { code, version: stored.version },
      after: null,
    });
  });
}

/** The level and parent of a new grid: given, or the plan village / scope its outline lies in. */
export async function newGridParent(
  sql: Sql,
  plan: PlanSummary,
  outline: MultiPolygon,
  parentCode: string | undefined,
): Promise<{ parentCode: string; level: 'village' | 'group' }> {
  if (parentCode === plan.scope) return { parentCode, level: plan.scopeLevel === 'town' ? 'village' : 'group' };
  if (parentCode) {
    const [village] = await sql<{ level: string }>`
      SELECT level FROM plan_grids WHERE plan_id = ${plan.id} AND code = ${parentCode} AND NOT deleted`;
    if (village?.level !== 'village') {
      throw new PlanError(422, `parentCode ${parentCode} is neither the plan's scope nor one of its villages`);
    }
    return { parentCode, level: 'group' };
  }
  if (plan.scopeLevel === 'village') return { parentCode: plan.scope, level: 'group' };
  const [village] = await sql<{ code: string }>`
    SELECT code FROM plan_grids
    WHERE plan_id = ${plan.id} AND level = 'village' AND NOT deleted
      AND ST_Intersects(geom, ST_PointOnSurface(${geometryParam(outline)}))
    ORDER BY code LIMIT 1`;
  return village ? { parentCode: village.code, level: 'group' } : { parentCode: plan.scope, level: 'village' };
}

/** A grid new in the plan, with the next unused code of its parent. */
export async function addGrid(
  db: Database,
  planId: number,
  viewer: Viewer,
  input: { geometry: unknown; parentCode?: string; name?: string },
): Promise<SavedGrid> {
  return db.transaction(async (sql) => {
    const plan = await lockPlanForWrite(sql, planId, viewer);
    const outline = checkedOutline('(new)', input.geometry);
    const { parentCode, level } = await newGridParent(sql, plan, outline, input.parentCode);
    await checkOutlineInPlan(sql, planId, '(new)', outline, parentCode);
    const saved = await insertGrid(sql, plan, viewer, { outline, parentCode, level, name: input.name });
    await bumpPlan(sql, planId);
    await recordAudit(sql, {
      actor: viewer,
      action: 'plan.grid_add',
      entity: 'plan',
      entityKey: String(planId),
      before: null,
      after: { ...saved, parentCode },
    });
    return saved;
  });
}

export async function insertGrid(
  sql: Sql,
  plan: PlanSummary,
  viewer: Viewer,
  grid: { outline: MultiPolygon; parentCode: string; level: 'village' | 'group'; name?: string | undefined },
): Promise<SavedGrid> {
  const code = await issueCode(sql, plan.id, grid.parentCode, grid.level);
  const name = grid.name?.trim() || defaultName(code, grid.level);
  const geometry = JSON.stringify(grid.outline);
  const [row] = await sql<SavedGrid>`
    INSERT INTO plan_grids (plan_id, code, level, parent_code, name, geom, base_version, version, updated_by)
    VALUES (${plan.id}, ${code}, ${grid.level}, ${grid.parentCode}, ${name},
      ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${geometry}), 4326)), NULL, 1, ${viewer.username})
    RETURNING code, version`;
  return row!;
}

/** "12组" for group sequence 12; a village's "新村 203". */
function defaultName(code: string, level: 'village' | 'group'): string {
  const sequence = Number(code.slice(-3));
  return level === 'group' ? `${sequence}组` : `新村${code.slice(-3)}`;
}

/**
 * Splits a grid along a line (PostGIS ST_Split, so both parts share the cut exactly). The part
 * holding the grid's old point-on-surface keeps the code; the other gets the next unused code.
 * 422 unless the line cuts the grid into exactly two parts.
 */
export async function splitGrid(
  db: Database,
  planId: number,
  viewer: Viewer,
  input: { code: string; version: number; line: unknown },
): Promise<SavedGrid[]> {
  const checked = checkCutLine(input.line);
  if (!checked.ok) throw new PlanError(400, checked.reason);
  const line = checked.line;
  return db.transaction(async (sql) => {
    const plan = await lockPlanForWrite(sql, planId, viewer);
    const stored = await lockGrid(sql, planId, input.code, input.version);
    const parts = await sql<{ geometry: MultiPolygon; keeps: boolean; area_m2: number }>`
      WITH g AS (SELECT geom, ST_PointOnSurface(geom) AS label FROM plan_grids WHERE plan_id = ${planId} AND code = ${input.code}),
      parts AS (SELECT (ST_Dump(ST_Split(g.geom, ${geometryParam(line)}))).geom AS geom FROM g)
      SELECT ST_AsGeoJSON(ST_Multi(p.geom))::jsonb AS geometry, ST_Intersects(p.geom, g.label) AS keeps,
        ST_Area(p.geom::geography) AS area_m2
      FROM parts p CROSS JOIN g
      ORDER BY keeps DESC, area_m2 DESC`;
    if (parts.length !== 2) {
      throw new PlanError(
        422,
        `the line must cross grid ${input.code} from edge to edge once, cutting it in two (it makes ${parts.length} part${parts.length === 1 ? '' : 's'})`,
        { code: input.code, parts: parts.length },
      );
    }
    const [kept, split] = parts as [(typeof parts)[number], (typeof parts)[number]];
    const saved = [await storeOutline(sql, planId, input.code, kept.geometry, viewer)];
    saved.push(
      await insertGrid(sql, plan, viewer, {
        outline: split.geometry,
        parentCode: stored.parent_code,
        level: stored.level,
      }),
    );
    await bumpPlan(sql, planId);
    await recordAudit(sql, {
      actor: viewer,
      action: 'plan.grid_split',
      entity: 'plan',
      entityKey: String(planId),
      before: { code: input.code, version: input.version },
      after: saved,
    });
    return saved;
  });
}

/**
 * Merges two adjacent grids of the same parent (sharing a boundary line, not just a point) into
 * the first; the second is removed, and its assignments (and, for villages, its groups) move.
 */
export async function mergeGrids(
  db: Database,
  planId: number,
  viewer: Viewer,
  input: { codes: [string, string]; versions: [number, number] },
): Promise<SavedGrid> {
  const [keep, drop] = input.codes;
  if (keep === drop) throw new PlanError(400, 'codes must name two different grids');
  return db.transaction(async (sql) => {
    await lockPlanForWrite(sql, planId, viewer);
    const a = await lockGrid(sql, planId, keep, input.versions[0]);
    const b = await lockGrid(sql, planId, drop, input.versions[1]);
    if (a.parent_code !== b.parent_code || a.level !== b.level) {
      throw new PlanError(422, `grids ${keep} and ${drop} have different parents; only siblings can merge`);
    }
    const [joined] = await sql<{ adjacent: boolean; pieces: number }>`
      WITH a AS (SELECT geom FROM plan_grids WHERE plan_id = ${planId} AND code = ${keep}),
      b AS (SELECT geom FROM plan_grids WHERE plan_id = ${planId} AND code = ${drop})
      SELECT ST_Relate(a.geom, b.geom, '****1****') AS adjacent,
        ST_NumGeometries(ST_Union(a.geom, b.geom)) AS pieces
      FROM a, b`;
    if (!joined?.adjacent) {
      throw new PlanError(422, `grids ${keep} and ${drop} are not adjacent (they share no boundary line)`, {
        codes: input.codes,
      });
    }
    const [saved] = await sql<SavedGrid>`
      UPDATE plan_grids k SET geom = ST_Multi(ST_Union(k.geom, d.geom)), version = k.version + 1,
        updated_by = ${viewer.username}, updated_at = now()
      FROM plan_grids d
      WHERE k.plan_id = ${planId} AND k.code = ${keep} AND d.plan_id = ${planId} AND d.code = ${drop}
      RETURNING k.code, k.version`;
    await sql`
      UPDATE plan_grids SET deleted = true, version = version + 1, updated_by = ${viewer.username}, updated_at = now()
      WHERE plan_id = ${planId} AND code = ${drop}`;
    await sql`
      UPDATE plan_grids SET parent_code = ${keep}, version = version + 1, updated_by = ${viewer.username}, updated_at = now()
      WHERE plan_id = ${planId} AND parent_code = ${drop} AND NOT deleted`;
    await sql`UPDATE plan_assignments SET to_code = ${keep} WHERE plan_id = ${planId} AND to_code = ${drop}`;
    await bumpPlan(sql, planId, { assignments: true });
    await recordAudit(sql, {
      actor: viewer,
      action: 'plan.grid_merge',
      entity: 'plan',
      entityKey: String(planId),
      before: { codes: input.codes, versions: input.versions },
      after: saved,
    });
    return saved!;
  });
}

/**
 * Paints whole households and streets onto a group of the plan: explicit assignments that win over
 * point-in-polygon in counts, impact and publish. Every id must be in the plan's scope.
 */
export async function assignToGrid(
  db: Database,
  planId: number,
  viewer: Viewer,
  input: { households?: number[]; streets?: number[]; to: string },
): Promise<{ to: string; households: number; streets: number }> {
  const households = [...new Set(input.households ?? [])];
  const streets = [...new Set(input.streets ?? [])];
  if (households.length + streets.length === 0) throw new PlanError(400, 'name at least one household or street');
  return db.transaction(async (sql) => {
    const plan = await lockPlanForWrite(sql, planId, viewer);
    const target = await lockGrid(sql, planId, input.to, undefined);
    if (target.level !== 'group') throw new PlanError(422, `${input.to} is not a group; assign to a group grid`);
    const column = plan.scopeLevel === 'town' ? 'town_code' : 'village_code';
    for (const [entity, ids] of [
      ['household', households],
      ['street', streets],
    ] as const) {
      if (ids.length === 0) continue;
      const table = entity === 'household' ? 'households' : 'streets';
      const [found] = await sql.query<{ count: number }>(inScopeCount(table, column, plan.scope, JSON.stringify(ids)));
      if ((found?.count ?? 0) !== ids.length) {
        throw new PlanError(
          422,
          `${ids.length - (found?.count ?? 0)} of the ${entity} ids are not in the plan's scope ${plan.scope}`,
        );
      }
      await sql`
        INSERT INTO plan_assignments (plan_id, entity, entity_id, to_code)
        SELECT ${planId}, ${entity}, id::bigint, ${input.to}
        FROM jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb) AS t(id)
        ON CONFLICT (plan_id, entity, entity_id) DO UPDATE SET to_code = excluded.to_code`;
    }
    await bumpPlan(sql, planId, { assignments: true });
    await recordAudit(sql, {
      actor: viewer,
      action: 'plan.assign',
      entity: 'plan',
      entityKey: String(planId),
      before: null,
      after: { to: input.to, households, streets },
    });
    return { to: input.to, households: households.length, streets: streets.length };
  });
}

function inScopeCount(
  table: 'households' | 'streets',
  column: 'town_code' | 'village_code',
  scope: string,
  ids: string,
): SqlQuery {
  return sqlPart`
    SELECT count(*)::int AS count FROM ${sqlRaw(table)} t
    WHERE t.id IN (SELECT jsonb_array_elements_text(${ids}::jsonb)::bigint) AND t.${sqlRaw(column)} = ${scope}`;
}
