import type { Sql } from '../../db/database.js';
import { sqlPart, sqlRaw, type SqlQuery } from '../../db/sqlQuery.js';
import type { GridScope } from '../../domain/gridCode.js';

/** The [from, to) window of a playback column read: intervals that meet it are kept. */
export interface HistoryWindow {
  from?: Date;
  to?: Date;
}

const epochMs = (column: string) => sqlPart`floor(extract(epoch FROM ${sqlRaw(column)}) * 1000)::bigint`;

/** Patrols belong to a village: a group's scope reads its village's patrols (as GET /api/patrols/day). */
function patrolScopeCondition(scope: GridScope): SqlQuery {
  if (scope.column === 'group_code') return sqlPart`p.village_code = ${scope.from.slice(0, 12)}`;
  const column = sqlRaw(`p.${scope.column}`);
  return scope.from === scope.to
    ? sqlPart`${column} = ${scope.from}`
    : sqlPart`${column} BETWEEN ${scope.from} AND ${scope.to}`;
}

/**
 * A grid's patrol records as columnar JSON text (contract/patrolTimeline.ts without `grid`, `from`,
 * `to`), sorted by when done then village. The slot windows end 11:30 and 17:30 China time, i.e.
 * 03:30 and 09:30 UTC of the patrol's day (China keeps UTC+8 all year).
 */
export async function patrolTimelineJson(sql: Sql, scope: GridScope, window: HistoryWindow): Promise<string> {
  const begunBefore = window.to ? sqlPart` AND i.start_at < ${window.to}` : sqlPart``;
  const notEndedBy = window.from ? sqlPart` AND i.end_at > ${window.from}` : sqlPart``;
  const rows = await sql.query<{ body: string }>(sqlPart`
    WITH intervals AS (
      SELECT p.village_code, p.slot, p.done_at AS start_at,
        greatest(
          (p.day::timestamp + CASE p.slot WHEN 'am' THEN interval '3 hours 30 minutes' ELSE interval '9 hours 30 minutes' END)
            AT TIME ZONE 'UTC',
          p.done_at + interval '1 hour') AS end_at
      FROM patrols p WHERE ${patrolScopeCondition(scope)}),
    kept AS (
      SELECT i.*, ST_AsGeoJSON(coalesce(g.label_point, ST_PointOnSurface(g.geom)), 6)::json -> 'coordinates' AS xy
      FROM intervals i JOIN grids g ON g.code = i.village_code AND g.valid_to IS NULL
      WHERE true${begunBefore}${notEndedBy})
    SELECT json_build_object(
      'count', count(*),
      'villageCode', coalesce(json_agg(kept.village_code ORDER BY kept.start_at, kept.village_code), '[]'::json),
      'slot', coalesce(json_agg(kept.slot ORDER BY kept.start_at, kept.village_code), '[]'::json),
      'startAt', coalesce(json_agg(${epochMs('kept.start_at')} ORDER BY kept.start_at, kept.village_code), '[]'::json),
      'endAt', coalesce(json_agg(${epochMs('kept.end_at')} ORDER BY kept.start_at, kept.village_code), '[]'::json),
      'lon', coalesce(json_agg(kept.xy -> 0 ORDER BY kept.start_at, kept.village_code), '[]'::json),
      'lat', coalesce(json_agg(kept.xy -> 1 ORDER BY kept.start_at, kept.village_code), '[]'::json)
    )::text AS body
    FROM kept`);
  return rows[0]!.body;
}
