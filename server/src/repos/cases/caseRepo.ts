import type { Sql } from '../../db/database.js';
import { sqlJoin, sqlPart, sqlRaw, type SqlQuery } from '../../db/sqlQuery.js';
import type { GridScope } from '../../domain/gridCode.js';
import { EMPTY_COLLECTION, limitedCollectionSql } from '../sql/featureCollectionSql.js';
import { gridScopeCondition, isoTimestampSql } from '../sql/gridScopeSql.js';

/**
 * open: still being worked on (registered, accepted, mediating); overdue: open and past the stage
 * deadline; closed: closed after follow-up; all: every status (also resolved, transferred, voided).
 */
export type CaseStatusFilter = 'open' | 'overdue' | 'closed' | 'all';

const OPEN = sqlPart`k.status IN ('registered', 'accepted', 'mediating')`;

/** The case list's narrower filters (issue #4); each is optional. */
export interface CaseListFilters {
  category?: string;
  level?: string;
  /** Reported at or after this instant. */
  reportedFrom?: Date;
  /** Reported before this instant (exclusive). */
  reportedBefore?: Date;
}

function filterConditions(filters: CaseListFilters): SqlQuery {
  const parts: SqlQuery[] = [];
  if (filters.category !== undefined) parts.push(sqlPart` AND k.category = ${filters.category}`);
  if (filters.level !== undefined) parts.push(sqlPart` AND k.level = ${filters.level}`);
  if (filters.reportedFrom) parts.push(sqlPart` AND k.reported_at >= ${filters.reportedFrom}`);
  if (filters.reportedBefore) parts.push(sqlPart` AND k.reported_at < ${filters.reportedBefore}`);
  return sqlJoin(parts, '');
}

export function statusCondition(filter: CaseStatusFilter): SqlQuery {
  switch (filter) {
    case 'open':
      return OPEN;
    case 'overdue':
      return sqlPart`${OPEN} AND k.stage_due_at < now()`;
    case 'closed':
      return sqlPart`k.status = 'closed'`;
    case 'all':
      return sqlPart`TRUE`;
  }
}

/**
 * The cases of a grid as FeatureCollection JSON text, newest first (so a truncated reply keeps
 * the recent ones). No personal data: no reporter, parties or photo. `deadlineState` is the stage
 * clock, the rule of `domain/caseDeadline.caseDeadlineState` (the API tests hold the two
 * together): red once past `stage_due_at`, yellow from `stage_warn_at` (70 % of the time
 * allowed), else green; a case no longer open has no running clock and is green.
 */
export async function caseCollectionJson(
  sql: Sql,
  scope: GridScope,
  status: CaseStatusFilter,
  limit: number,
  filters: CaseListFilters = {},
): Promise<string> {
  const features = sqlPart`
    SELECT json_build_object(
      'type', 'Feature',
      'id', k.serial,
      'geometry', ST_AsGeoJSON(k.geom, 6)::json,
      'properties', json_build_object(
        'serial', k.serial,
        'category', k.category,
        'categoryName', cat.name_zh,
        'status', k.status,
        'level', k.level,
        'deadlineState', CASE
          WHEN NOT (${OPEN}) THEN 'green'
          WHEN k.stage_due_at < now() THEN 'red'
          WHEN k.stage_warn_at <= now() THEN 'yellow'
          ELSE 'green' END,
        'reportedAt', ${isoTimestampSql('k.reported_at')},
        'stageWarnAt', ${isoTimestampSql('k.stage_warn_at')},
        'stageDueAt', ${isoTimestampSql('k.stage_due_at')},
        'summary', k.summary,
        'major', k.major,
        'groupCode', k.group_code)) AS feature,
      row_number() OVER (ORDER BY k.reported_at DESC, k.serial DESC) AS ord
    FROM cases k
    JOIN case_categories cat ON cat.code = k.category
    WHERE ${gridScopeCondition('k', scope)} AND ${statusCondition(status)}${filterConditions(filters)}
    ORDER BY k.reported_at DESC, k.serial DESC`;
  const rows = await sql.query<{ body: string }>(limitedCollectionSql(features, limit));
  return rows[0]?.body ?? EMPTY_COLLECTION;
}

/** One row of the case list export: no personal data (no reporter, parties, summary or photo). */
export interface CaseListRow {
  serial: string;
  categoryName: string;
  villageName: string | null;
  groupName: string | null;
  level: string;
  status: string;
  deadlineState: 'green' | 'yellow' | 'red';
  /** China time, `YYYY-MM-DD HH:MM`. */
  reportedAt: string;
  stageDueAt: string | null;
}

/** China local time text of an instant column: spreadsheets show it as the users read it. */
function chinaTimeText(column: string): SqlQuery {
  return sqlPart`to_char((${sqlRaw(column)} AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM-DD HH24:MI')`;
}

/** The same cases as `caseCollectionJson`, newest first, as rows for the CSV export. */
export async function caseListRows(
  sql: Sql,
  scope: GridScope,
  status: CaseStatusFilter,
  limit: number,
  filters: CaseListFilters = {},
): Promise<{ rows: CaseListRow[]; truncated: boolean }> {
  const rows = await sql.query<CaseListRow>(sqlPart`
    SELECT k.serial, cat.name_zh AS "categoryName",
      (SELECT g.name FROM grids g WHERE g.code = k.village_code AND g.valid_to IS NULL) AS "villageName",
      (SELECT g.name FROM grids g WHERE g.code = k.group_code AND g.valid_to IS NULL) AS "groupName",
      k.level, k.status,
      CASE
        WHEN NOT (${OPEN}) THEN 'green'
        WHEN k.stage_due_at < now() THEN 'red'
        WHEN k.stage_warn_at <= now() THEN 'yellow'
        ELSE 'green' END AS "deadlineState",
      ${chinaTimeText('k.reported_at')} AS "reportedAt",
      ${chinaTimeText('k.stage_due_at')} AS "stageDueAt"
    FROM cases k
    JOIN case_categories cat ON cat.code = k.category
    WHERE ${gridScopeCondition('k', scope)} AND ${statusCondition(status)}${filterConditions(filters)}
    ORDER BY k.reported_at DESC, k.serial DESC
    LIMIT ${limit + 1}`);
  return { rows: rows.slice(0, limit), truncated: rows.length > limit };
}
