import type { Database, Sql } from '../../db/database.js';
import { sqlPart, type SqlQuery } from '../../db/sqlQuery.js';
import type { Viewer } from '../../domain/accessRole.js';
import { gridCodePrefix, parseGridCode } from '../../domain/gridCode.js';
import { PlanError } from '../../domain/plan/planError.js';
import { lockSeconds } from '../../domain/plan/planRules.js';
import { recordAudit } from '../audit/auditRepo.js';
import { isoTimestampSql } from '../sql/gridScopeSql.js';
import type { PlanSummary } from '../../contract/plan.js';

export type PlanStatus = 'draft' | 'published' | 'abandoned';

/** A plan as listed (plan-contract.md: GET /api/plans). */
export type { PlanSummary };

interface PlanRow {
  id: string | number;
  scope_code: string;
  scope_level: 'town' | 'village';
  scope_name: string | null;
  name: string;
  author_username: string;
  status: PlanStatus;
  version: number;
  base_grid_version: number;
  published_grid_version: number | null;
  created_at: string;
  updated_at: string;
  lock_holder: string | null;
  lock_expires_at: string | null;
}

const planColumns = sqlPart`
  p.id, p.scope_code, p.scope_level, s.name AS scope_name, p.name, p.author_username, p.status, p.version,
  p.base_grid_version, p.published_grid_version,
  ${isoTimestampSql('p.created_at')} AS created_at, ${isoTimestampSql('p.updated_at')} AS updated_at,
  CASE WHEN p.lock_expires_at > now() THEN p.lock_holder END AS lock_holder,
  CASE WHEN p.lock_expires_at > now() THEN ${isoTimestampSql('p.lock_expires_at')} END AS lock_expires_at`;

const planFrom = sqlPart`FROM plans p LEFT JOIN grids s ON s.code = p.scope_code AND s.valid_to IS NULL`;

function summaryOf(row: PlanRow): PlanSummary {
  return {
    id: Number(row.id),
    scope: row.scope_code,
    scopeLevel: row.scope_level,
    scopeName: row.scope_name ?? row.scope_code,
    name: row.name,
    author: row.author_username,
    status: row.status,
    version: row.version,
    baseGridVersion: row.base_grid_version,
    publishedGridVersion: row.published_grid_version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lock: row.lock_holder && row.lock_expires_at ? { holder: row.lock_holder, expiresAt: row.lock_expires_at } : null,
  };
}

/** The plans whose scope lies in the viewer's scope (and in `scope`, when given), newest first. */
export async function listPlans(
  sql: Sql,
  viewer: Viewer,
  filter: { scope?: string; status?: PlanStatus },
): Promise<PlanSummary[]> {
  const conditions: SqlQuery[] = [scopeCondition(viewer.scope.code)];
  if (filter.scope) conditions.push(scopeCondition(filter.scope));
  if (filter.status) conditions.push(sqlPart`p.status = ${filter.status}`);
  const where = conditions.reduce((all, condition) => sqlPart`${all} AND ${condition}`);
  const rows = await sql.query<PlanRow>(sqlPart`SELECT ${planColumns} ${planFrom} WHERE ${where} ORDER BY p.id DESC`);
  return rows.map(summaryOf);
}

/**
 * Plans whose scope lies inside `code` or contains it: a prefecture's, county's or town's list has
 * the plans of every town and village below it; a village's (or group's) list has its own and its
 * town's (which redraw it too).
 */
function scopeCondition(code: string): SqlQuery {
  const grid = parseGridCode(code);
  if (!grid) return sqlPart`false`;
  if (grid.level === 'village' || grid.level === 'group') {
    const village = grid.code.slice(0, 12);
    return sqlPart`p.scope_code IN (${village}, ${`${village.slice(0, 9)}000`})`;
  }
  // Codes are digits only: the prefix needs no LIKE escaping.
  return sqlPart`p.scope_code LIKE ${`${gridCodePrefix(grid)}%`}`;
}

export async function readPlan(sql: Sql, id: number): Promise<PlanSummary | null> {
  const [row] = await sql.query<PlanRow>(sqlPart`SELECT ${planColumns} ${planFrom} WHERE p.id = ${id}`);
  return row ? summaryOf(row) : null;
}

/** The latest published grid version (1 = the grid as first loaded). */
export async function currentGridVersion(sql: Sql): Promise<number> {
  const [row] = await sql<{ version: number }>`SELECT coalesce(max(version), 1)::int AS version FROM grid_versions`;
  return row?.version ?? 1;
}

/**
 * Starts a draft plan for a town (its villages and their groups) or a village (its groups), copying
 * the current published grids. 422 when the scope is not a current town or village grid.
 */
export async function createPlan(
  db: Database,
  input: { scope: string; name: string },
  viewer: Viewer,
): Promise<number> {
  return db.transaction((sql) => insertPlan(sql, input, viewer));
}

/** {@link createPlan} inside the caller's transaction (the import adds its grids in the same one). */
export async function insertPlan(sql: Sql, input: { scope: string; name: string }, viewer: Viewer): Promise<number> {
  const [scope] = await sql<{ level: string }>`
    SELECT level FROM grids WHERE code = ${input.scope} AND valid_to IS NULL AND level IN ('town', 'village')`;
  if (!scope) throw new PlanError(422, `scope ${input.scope} is not a current town or village grid`);
  const base = await currentGridVersion(sql);
  const [plan] = await sql<{ id: string | number }>`
    INSERT INTO plans (scope_code, scope_level, name, author_account_id, author_username, base_grid_version)
    VALUES (${input.scope}, ${scope.level}, ${input.name}, ${viewer.accountId}, ${viewer.username}, ${base})
    RETURNING id`;
  const id = Number(plan!.id);
  await sql`
    INSERT INTO plan_grids (plan_id, code, level, parent_code, name, geom, base_version, updated_by)
    SELECT ${id}, g.code, g.level, g.parent_code, g.name, g.geom, g.version, ${viewer.username}
    FROM grids g
    WHERE g.valid_to IS NULL AND (
      g.parent_code = ${input.scope}
      OR (${scope.level} = 'town' AND g.level = 'group' AND g.parent_code IN (
        SELECT v.code FROM grids v WHERE v.valid_to IS NULL AND v.parent_code = ${input.scope})))`;
  await recordAudit(sql, {
    actor: viewer,
    action: 'plan.create',
    entity: 'plan',
    entityKey: String(id),
    before: null,
    after: { scope: input.scope, name: input.name, baseGridVersion: base },
    place: input.scope,
  });
  return id;
}

/** The plan row locked for a write in this transaction: a draft, not locked by someone else. */
export async function lockPlanForWrite(sql: Sql, id: number, viewer: Viewer): Promise<PlanSummary> {
  const [row] = await sql.query<PlanRow>(sqlPart`SELECT ${planColumns} ${planFrom} WHERE p.id = ${id} FOR UPDATE OF p`);
  if (!row) throw new PlanError(404, `no plan ${id}`);
  const plan = summaryOf(row);
  if (plan.status !== 'draft') throw new PlanError(409, `plan ${id} is ${plan.status}; only a draft can change`);
  if (plan.lock && plan.lock.holder !== viewer.username) {
    throw new PlanError(
      409,
      `plan ${id} is being edited by ${plan.lock.holder} (lock until ${plan.lock.expiresAt}); wait or ask them to release it`,
      { lock: plan.lock },
    );
  }
  return plan;
}

/** Counts a write: the plan's version goes up by one. */
export async function bumpPlan(sql: Sql, id: number, options: { assignments?: boolean } = {}): Promise<number> {
  const [row] = await sql<{ version: number }>`
    UPDATE plans SET version = version + 1, updated_at = now(),
      assignments_version = assignments_version + ${options.assignments ? 1 : 0}
    WHERE id = ${id} RETURNING version`;
  return row?.version ?? 0;
}

/** Takes or renews the plan's edit lock for {@link lockSeconds}; 409 when someone else holds it. */
export async function takeLock(
  db: Database,
  id: number,
  viewer: Viewer,
): Promise<{ holder: string; expiresAt: string }> {
  return db.transaction(async (sql) => {
    await lockPlanForWrite(sql, id, viewer);
    const [row] = await sql<{ expires_at: string }>`
      UPDATE plans SET lock_holder = ${viewer.username},
        lock_expires_at = now() + make_interval(secs => ${lockSeconds})
      WHERE id = ${id}
      RETURNING ${isoTimestampSql('lock_expires_at')} AS expires_at`;
    await recordAudit(sql, {
      actor: viewer,
      action: 'plan.lock',
      entity: 'plan',
      entityKey: String(id),
      before: null,
      after: { holder: viewer.username, expiresAt: row!.expires_at },
    });
    return { holder: viewer.username, expiresAt: row!.expires_at };
  });
}

/** Releases the lock (only its holder can; nothing to do when it is free). */
export async function releaseLock(db: Database, id: number, viewer: Viewer): Promise<void> {
  await db.transaction(async (sql) => {
    const plan = await lockPlanForWrite(sql, id, viewer);
    if (!plan.lock) return;
    await sql`UPDATE plans SET lock_holder = NULL, lock_expires_at = NULL WHERE id = ${id}`;
    await recordAudit(sql, {
      actor: viewer,
      action: 'plan.unlock',
      entity: 'plan',
      entityKey: String(id),
      before: plan.lock,
      after: null,
    });
  });
}

export async function abandonPlan(db: Database, id: number, viewer: Viewer): Promise<PlanSummary> {
  return db.transaction(async (sql) => {
    const plan = await lockPlanForWrite(sql, id, viewer);
    await sql`
      UPDATE plans SET status = 'abandoned', version = version + 1, updated_at = now(),
        lock_holder = NULL, lock_expires_at = NULL
      WHERE id = ${id}`;
    await recordAudit(sql, {
      actor: viewer,
      action: 'plan.abandon',
      entity: 'plan',
      entityKey: String(id),
      before: { status: plan.status },
      after: { status: 'abandoned' },
    });
    return (await readPlan(sql, id))!;
  });
}
