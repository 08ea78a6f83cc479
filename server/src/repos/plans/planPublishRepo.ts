import type { Database, Sql } from '../../db/database.js';
import { sqlPart } from '../../db/sqlQuery.js';
import type { Viewer } from '../../domain/accessRole.js';
import { PlanError } from '../../domain/plan/planError.js';
import { publishEvent } from '../../outbox/publishEvent.js';
import { recordAudit } from '../audit/auditRepo.js';
import { planGridChanges, planMovesSql, staffMovesSql } from './planImpactRepo.js';
import { lockPlanForWrite, type PlanSummary } from './planRepo.js';
import { validatePlan } from './planStateRepo.js';
import type { PlanPublishReply } from '../../contract/plan.js';

export type PublishResult = PlanPublishReply;

export interface PublishOptions {
  /** Runs inside the transaction just before it commits (tests make a publish fail mid-way). */
  beforeCommit?: (sql: Sql) => Promise<void>;
}

/**
 * Publishes a draft plan in ONE transaction: a full validation (422 with the problems when any
 * error remains), a check that nobody published over the plan's base since it started (409), a new
 * grid version (changed grids retired and re-inserted as version + 1, removed ones retired, new
 * ones inserted), households / streets / cameras / open cases moved to their new group (explicit
 * assignments first, then point-in-polygon; town_code is the plan's town either way), staff of
 * removed grids moved to the grid that took them, the audit entry, and one live `grid` event.
 * Anything failing rolls all of it back.
 *
 * Cases: closed and resolved cases keep the grid row (code + version) they happened in, as
 * DOMAIN.md asks; OPEN cases move to the new group and its new version, because someone in that
 * grid must now act on them (their step log keeps the history).
 */
export async function publishPlan(
  db: Database,
  planId: number,
  viewer: Viewer,
  options: PublishOptions = {},
): Promise<PublishResult> {
  return db.transaction(async (sql) => {
    const plan = await lockPlanForWrite(sql, planId, viewer);
    const validation = await validatePlan(db, planId, { sql, fresh: true });
    const errors = validation.problems.filter((problem) => problem.severity === 'error');
    if (errors.length > 0) {
      throw new PlanError(422, `the plan has ${errors.length} problem(s) that block publishing: ${summary(errors)}`, {
        problems: errors,
      });
    }
    await checkBaseUnchanged(sql, plan);

    const [next] = await sql<{ version: number }>`
      SELECT coalesce(max(version), 1)::int + 1 AS version FROM grid_versions`;
    const gridVersion = next!.version;
    const changes = await planGridChanges(sql, planId);
    const redrawn = [...changes.changed, ...changes.added];
    const changedCount = redrawn.length + changes.removed.length;
    await sql`
      INSERT INTO grid_versions (version, published_by, plan_id, scope_code, changed)
      VALUES (${gridVersion}, ${viewer.username}, ${planId}, ${plan.scope}, ${changedCount})`;

    const retired = JSON.stringify([...changes.changed, ...changes.removed]);
    await sql`
      UPDATE grids SET valid_to = now(), status = 'retired', to_version = ${gridVersion}
      WHERE valid_to IS NULL AND code IN (SELECT jsonb_array_elements_text(${retired}::jsonb))`;
    await sql`
      INSERT INTO grids (code, level, name, parent_code, version, status, valid_from, geom, label_point, area_m2, from_version)
      SELECT pg.code, pg.level, pg.name, pg.parent_code,
        coalesce((SELECT max(o.version) FROM grids o WHERE o.code = pg.code), 0) + 1,
        'published', now(), pg.geom, ST_PointOnSurface(pg.geom), ST_Area(pg.geom::geography), ${gridVersion}
      FROM plan_grids pg
      WHERE pg.plan_id = ${planId} AND pg.code IN (SELECT jsonb_array_elements_text(${JSON.stringify(redrawn)}::jsonb))`;
    // Moves read the plan and the rows' current groups; open cases take their new group's current row.
    const moved = {
      households: await moveRows(sql, plan, 'households'),
      streets: await moveRows(sql, plan, 'streets'),
      cameras: await moveRows(sql, plan, 'cameras'),
      openCases: await moveOpenCases(sql, plan),
      staff: await moveStaff(sql, planId),
    };

    await sql`
      UPDATE plans SET status = 'published', published_grid_version = ${gridVersion}, version = version + 1,
        updated_at = now(), lock_holder = NULL, lock_expires_at = NULL
      WHERE id = ${planId}`;
    await recordAudit(sql, {
      actor: viewer,
      action: 'plan.publish',
      entity: 'plan',
      entityKey: String(planId),
      before: { status: 'draft', baseGridVersion: plan.baseGridVersion },
      after: { status: 'published', gridVersion, grids: changes, moved },
    });
    await options.beforeCommit?.(sql);
    await publishEvent(sql, {
      kind: 'grid',
      ...(plan.scopeLevel === 'town' ? { townCode: plan.scope } : { villageCode: plan.scope }),
      payload: { scope: plan.scope, gridVersion },
    });
    return { gridVersion, changed: changedCount, moved };
  });
}

function summary(problems: readonly { kind: string; code?: string }[]): string {
  return problems
    .slice(0, 5)
    .map((problem) => (problem.code ? `${problem.kind} ${problem.code}` : problem.kind))
    .join(', ');
}

/** 409 when a grid the plan started from was republished or retired since, or a new one appeared. */
async function checkBaseUnchanged(sql: Sql, plan: PlanSummary): Promise<void> {
  const [moved] = await sql<{ code: string; version: number | null }>`
    SELECT pg.code, g.version FROM plan_grids pg
    LEFT JOIN grids g ON g.code = pg.code AND g.valid_to IS NULL
    WHERE pg.plan_id = ${plan.id} AND pg.base_version IS NOT NULL AND g.version IS DISTINCT FROM pg.base_version
    UNION ALL
    SELECT g.code, g.version FROM grids g
    WHERE g.valid_to IS NULL AND g.level IN ('village', 'group')
      AND (g.parent_code = ${plan.scope} OR g.parent_code IN (
        SELECT v.code FROM grids v WHERE v.valid_to IS NULL AND v.parent_code = ${plan.scope} AND ${plan.scopeLevel} = 'town'))
      AND NOT EXISTS (SELECT 1 FROM plan_grids pg WHERE pg.plan_id = ${plan.id} AND pg.code = g.code)
    LIMIT 1`;
  if (moved) {
    throw new PlanError(
      409,
      `grid ${moved.code} was published by another plan after this one started (now ${moved.version === null ? 'retired' : `version ${moved.version}`}); start a new plan from the current grid`,
      { code: moved.code },
    );
  }
}

async function moveRows(sql: Sql, plan: PlanSummary, table: 'households' | 'streets' | 'cameras'): Promise<number> {
  const target = { households: sqlPart`households`, streets: sqlPart`streets`, cameras: sqlPart`cameras` }[table];
  const rows = await sql.query<{ count: number }>(sqlPart`
    WITH moves AS (${planMovesSql(plan, table)}),
    updated AS (
      UPDATE ${target} t SET group_code = m.to_code, village_code = m.to_village
      FROM moves m WHERE t.id = m.id AND m.to_code IS NOT NULL
      RETURNING 1)
    SELECT count(*)::int AS count FROM updated`);
  return rows[0]?.count ?? 0;
}

/** Moves open cases to their new group, pointing at that group's current (just published) row. */
async function moveOpenCases(sql: Sql, plan: PlanSummary): Promise<number> {
  const rows = await sql.query<{ count: number }>(sqlPart`
    WITH moves AS (${planMovesSql(plan, 'open_cases')}),
    updated AS (
      UPDATE cases t SET group_code = m.to_code, village_code = m.to_village,
        grid_version = (SELECT g.version FROM grids g WHERE g.code = m.to_code AND g.valid_to IS NULL)
      FROM moves m WHERE t.serial = m.id AND m.to_code IS NOT NULL
      RETURNING 1)
    SELECT count(*)::int AS count FROM updated`);
  return rows[0]?.count ?? 0;
}

async function moveStaff(sql: Sql, planId: number): Promise<number> {
  const rows = await sql.query<{ count: number }>(sqlPart`
    WITH moves AS (${staffMovesSql(planId)}),
    updated AS (
      UPDATE grid_roles r SET grid_code = m.to_code
      FROM moves m WHERE r.id = m.id AND m.to_code IS NOT NULL
      RETURNING 1)
    SELECT count(*)::int AS count FROM updated`);
  return rows[0]?.count ?? 0;
}
