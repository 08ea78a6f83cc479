import type { Sql } from '../db/database.js';
import { sqlPart, type SqlQuery } from '../db/sqlQuery.js';
import type { GridScope } from '../domain/gridCode.js';
import { EMPTY_COLLECTION, limitedCollectionSql } from './featureCollectionSql.js';
import { gridScopeCondition, isoTimestampSql } from './gridScopeSql.js';

/**
 * open: still being worked on (registered, accepted, mediating); overdue: open and past the stage
 * deadline; closed: closed after follow-up; all: every status (also resolved, transferred, voided).
 */
export type CaseStatusFilter = 'open' | 'overdue' | 'closed' | 'all';

const OPEN = sqlPart`k.status IN ('registered', 'accepted', 'mediating')`;

function statusCondition(filter: CaseStatusFilter): SqlQuery {
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
    WHERE ${gridScopeCondition('k', scope)} AND ${statusCondition(status)}
    ORDER BY k.reported_at DESC, k.serial DESC`;
  const rows = await sql.query<{ body: string }>(limitedCollectionSql(features, limit));
  return rows[0]?.body ?? EMPTY_COLLECTION;
}
