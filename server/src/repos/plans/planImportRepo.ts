import type { Database } from '../../db/database.js';
import type { Viewer } from '../../domain/accessRole.js';
import { readImportFile, type ImportCrs } from '../../domain/plan/importFile.js';
import { PlanError } from '../../domain/plan/planError.js';
import { recordAudit } from '../audit/auditRepo.js';
import { geometryParam, checkOutlineInPlan } from './planGeometrySql.js';
import { insertGrid, newGridParent } from './planGridRepo.js';
import { insertPlan, readPlan } from './planRepo.js';
import type { PlanImportReply } from '../../contract/plan.js';

export type ImportResult = PlanImportReply;

/**
 * Starts a plan from a GeoJSON file, in one transaction. The plan first copies the published grids
 * of its scope like any new plan; then each accepted feature either replaces the outline of the
 * plan grid with its `code`, or (without a code) becomes a new grid with the next unused code,
 * under its `parentCode` or the plan village it lies in. Grids of a level the file brings but does
 * not list are removed (the file is that level's new partition), unless they still have groups.
 * A feature whose outline is invalid or lies outside its parent is rejected with its reason; when
 * none is accepted, nothing is stored (422 with the list).
 */
export async function importPlan(
  db: Database,
  input: { scope: string; name: string; crs?: ImportCrs; geojson: unknown },
  viewer: Viewer,
): Promise<ImportResult> {
  const file = readImportFile(input.geojson, input.crs ?? 'WGS84');
  if (!file.ok) throw new PlanError(file.status, file.message);
  return db.transaction(async (sql) => {
    const id = await insertPlan(sql, input, viewer);
    const plan = (await readPlan(sql, id))!;
    const rejected = [...file.rejected];
    const existing = new Map(
      (
        await sql<{ code: string; level: 'village' | 'group'; parent_code: string }>`
          SELECT code, level, parent_code FROM plan_grids WHERE plan_id = ${id}`
      ).map((row) => [row.code, row]),
    );
    const kept = new Set<string>();
    const levels = new Set<'village' | 'group'>();
    let imported = 0;
    for (const grid of file.grids) {
      const reject = (reason: string) =>
        rejected.push(grid.code ? { index: grid.index, code: grid.code, reason } : { index: grid.index, reason });
      try {
        if (grid.code) {
          const target = existing.get(grid.code);
          if (!target) {
            reject(`code ${grid.code} is not a grid of ${plan.scope}; leave the code out to add a new grid`);
            continue;
          }
          await checkOutlineInPlan(sql, id, grid.code, grid.geometry, target.parent_code);
          await sql`
            UPDATE plan_grids SET geom = ST_Multi(${geometryParam(grid.geometry)}), version = version + 1,
              name = coalesce(${grid.name ?? null}, name), updated_by = ${viewer.username}, updated_at = now()
            WHERE plan_id = ${id} AND code = ${grid.code}`;
          kept.add(grid.code);
          levels.add(target.level);
        } else {
          const parent = await newGridParent(
            sql,
            plan,
            grid.geometry,
            grid.level === 'village' && plan.scopeLevel === 'town' ? plan.scope : grid.parentCode,
          );
          await checkOutlineInPlan(sql, id, `(feature ${grid.index})`, grid.geometry, parent.parentCode);
          const saved = await insertGrid(sql, plan, viewer, {
            outline: grid.geometry,
            parentCode: parent.parentCode,
            level: parent.level,
            name: grid.name,
          });
          kept.add(saved.code);
          levels.add(parent.level);
        }
        imported++;
      } catch (error) {
        if (!(error instanceof PlanError)) throw error;
        reject(error.message);
      }
    }
    if (imported === 0) {
      throw new PlanError(422, `nothing to import: all ${rejected.length} features were rejected`, {
        rejected: rejected.sort((a, b) => a.index - b.index),
      });
    }
    await sql`
      UPDATE plan_grids d SET deleted = true, version = version + 1, updated_by = ${viewer.username}, updated_at = now()
      WHERE d.plan_id = ${id} AND NOT d.deleted
        AND d.level IN (SELECT jsonb_array_elements_text(${JSON.stringify([...levels])}::jsonb))
        AND d.code NOT IN (SELECT jsonb_array_elements_text(${JSON.stringify([...kept])}::jsonb))
        AND NOT EXISTS (
          -- a child that stays (listed in the file, or of a level the file does not bring)
          SELECT 1 FROM plan_grids c WHERE c.plan_id = ${id} AND c.parent_code = d.code AND NOT c.deleted
            AND (c.code IN (SELECT jsonb_array_elements_text(${JSON.stringify([...kept])}::jsonb))
              OR c.level NOT IN (SELECT jsonb_array_elements_text(${JSON.stringify([...levels])}::jsonb))))`;
    await recordAudit(sql, {
      actor: viewer,
      action: 'plan.import',
      entity: 'plan',
      entityKey: String(id),
      before: null,
      after: { scope: plan.scope, crs: input.crs ?? 'WGS84', imported, rejected: rejected.length },
    });
    return { id, imported, rejected: rejected.sort((a, b) => a.index - b.index) };
  });
}
