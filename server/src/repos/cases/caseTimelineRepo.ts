import type { Sql } from '../../db/database.js';
import { sqlJoin, sqlPart, type SqlQuery } from '../../db/sqlQuery.js';
import type { GridScope } from '../../domain/gridCode.js';
import { gridScopeCondition } from '../sql/gridScopeSql.js';
import { statusCondition, type CaseStatusFilter } from './caseRepo.js';

/** The filters of the timeline and of open-at (contract/caseTimeline.ts). */
export interface CaseTimelineFilters {
  status: CaseStatusFilter;
  category?: string;
  level?: string;
}

/**
 * When a case's life ended: the step that closed, voided or transferred it (statuses no action
 * leaves, so there is at most one), else NULL. `closed_at` stands in for a closed case whose log
 * lacks the step. One expression for the timeline and for open-at, so the two agree by construction.
 */
const ENDED_AT = sqlPart`CASE WHEN k.status IN ('closed', 'transferred', 'voided') THEN coalesce(
    (SELECT min(s.at) FROM case_steps s
     WHERE s.serial = k.serial AND s.to_status IN ('closed', 'transferred', 'voided')),
    k.closed_at) END`;

const epochMs = (expression: SqlQuery) => sqlPart`floor(extract(epoch FROM ${expression}) * 1000)::bigint`;

function conditions(scope: GridScope, filters: CaseTimelineFilters): SqlQuery {
  const parts = [gridScopeCondition('k', scope), statusCondition(filters.status)];
  if (filters.category !== undefined) parts.push(sqlPart`k.category = ${filters.category}`);
  if (filters.level !== undefined) parts.push(sqlPart`k.level = ${filters.level}`);
  return sqlJoin(parts, ' AND ');
}

export interface TimelineWindow {
  /** Only cases not ended by this instant. */
  from?: Date;
  /** Only cases reported before this instant. */
  to?: Date;
  limit: number;
}

/**
 * A grid's cases as columnar JSON text (contract/caseTimeline.ts `CaseTimeline` without `grid`,
 * `from`, `to`): the cases whose life [reportedAt, endedAt) meets [from, to), sorted by reportedAt
 * then serial; over `limit`, the most recently reported are kept. Positions are the text
 * `ST_AsGeoJSON(geom, 6)` gives the case list, so both read the same numbers.
 */
export async function caseTimelineJson(
  sql: Sql,
  scope: GridScope,
  filters: CaseTimelineFilters,
  window: TimelineWindow,
): Promise<string> {
  const reportedBefore = window.to ? sqlPart` AND k.reported_at < ${window.to}` : sqlPart``;
  const notEndedBy = window.from ? sqlPart`WHERE c.ended_at IS NULL OR c.ended_at > ${window.from}` : sqlPart``;
  const rows = await sql.query<{ body: string }>(sqlPart`
    WITH c AS (
      SELECT k.serial, k.reported_at, ${ENDED_AT} AS ended_at, k.stage_warn_at, k.stage_due_at, k.level, k.category, k.status, k.geom
      FROM cases k
      WHERE ${conditions(scope, filters)}${reportedBefore}),
    newest AS (
      SELECT c.* FROM c ${notEndedBy}
      ORDER BY c.reported_at DESC, c.serial DESC
      LIMIT ${window.limit + 1}),
    kept AS (
      SELECT n.*, ST_AsGeoJSON(n.geom, 6)::json -> 'coordinates' AS xy FROM newest n
      ORDER BY n.reported_at DESC, n.serial DESC
      LIMIT ${window.limit})
    SELECT json_build_object(
      'truncated', (SELECT count(*) FROM newest) > ${window.limit},
      'count', count(*),
      'serial', coalesce(json_agg(kept.serial ORDER BY kept.reported_at, kept.serial), '[]'::json),
      'reportedAt', coalesce(json_agg(${epochMs(sqlPart`kept.reported_at`)} ORDER BY kept.reported_at, kept.serial), '[]'::json),
      'endedAt', coalesce(json_agg(${epochMs(sqlPart`kept.ended_at`)} ORDER BY kept.reported_at, kept.serial), '[]'::json),
      'warnAt', coalesce(json_agg(${epochMs(sqlPart`kept.stage_warn_at`)} ORDER BY kept.reported_at, kept.serial), '[]'::json),
      'deadlineAt', coalesce(json_agg(${epochMs(sqlPart`kept.stage_due_at`)} ORDER BY kept.reported_at, kept.serial), '[]'::json),
      'level', coalesce(json_agg(kept.level ORDER BY kept.reported_at, kept.serial), '[]'::json),
      'category', coalesce(json_agg(kept.category ORDER BY kept.reported_at, kept.serial), '[]'::json),
      'status', coalesce(json_agg(kept.status ORDER BY kept.reported_at, kept.serial), '[]'::json),
      'lon', coalesce(json_agg(kept.xy -> 0 ORDER BY kept.reported_at, kept.serial), '[]'::json),
      'lat', coalesce(json_agg(kept.xy -> 1 ORDER BY kept.reported_at, kept.serial), '[]'::json)
    )::text AS body
    FROM kept`);
  return rows[0]!.body;
}

/** How many of a grid's cases were alive at `at`: reportedAt ≤ at < endedAt (NULL: not ended). */
export async function casesOpenAt(sql: Sql, scope: GridScope, filters: CaseTimelineFilters, at: Date): Promise<number> {
  const rows = await sql.query<{ count: number }>(sqlPart`
    SELECT count(*)::int AS count
    FROM cases k
    WHERE ${conditions(scope, filters)} AND k.reported_at <= ${at}
      AND (${ENDED_AT} IS NULL OR ${ENDED_AT} > ${at})`);
  return rows[0]?.count ?? 0;
}

/** The first report of the deployment's case history (any grid), or null when there is none. */
export async function caseHistoryStart(sql: Sql): Promise<Date | null> {
  const rows = await sql<{ first: Date | null }>`SELECT min(reported_at) AS first FROM cases`;
  return rows[0]?.first ?? null;
}
