import type { Sql } from '../../db/database.js';
import { sqlPart, sqlRaw } from '../../db/sqlQuery.js';
import type { GridScope } from '../../domain/gridCode.js';
import { gridScopeCondition } from '../sql/gridScopeSql.js';
import type { HistoryWindow } from './patrolTimelineRepo.js';

const epochMs = (column: string) => sqlPart`floor(extract(epoch FROM ${sqlRaw(column)}) * 1000)::bigint`;

/**
 * A grid's camera outages as columnar JSON text (contract/cameraOutageTimeline.ts without `grid`,
 * `from`, `to`), sorted by start then camera: each audited change to offline up to the camera's
 * next audited change (back online), and for a camera offline now with no audited change, its last
 * sighting onwards. Kept when the outage meets [from, to).
 */
export async function cameraOutageTimelineJson(sql: Sql, scope: GridScope, window: HistoryWindow): Promise<string> {
  const begunBefore = window.to ? sqlPart` AND o.start_at < ${window.to}` : sqlPart``;
  const notEndedBy = window.from ? sqlPart` AND (o.end_at IS NULL OR o.end_at > ${window.from})` : sqlPart``;
  const rows = await sql.query<{ body: string }>(sqlPart`
    WITH scoped AS (
      SELECT c.id, c.status, c.last_seen, ST_AsGeoJSON(c.geom, 6)::json -> 'coordinates' AS xy
      FROM cameras c WHERE ${gridScopeCondition('c', scope)}),
    changes AS (
      SELECT a.entity_key AS id, a.at, a.after ->> 'status' AS status,
        lead(a.at) OVER (PARTITION BY a.entity_key ORDER BY a.at, a.id) AS next_at
      FROM audit_log a
      WHERE a.action = 'camera.status' AND a.entity = 'camera' AND a.entity_key IN (SELECT id FROM scoped)),
    outages AS (
      SELECT ch.id, ch.at AS start_at, ch.next_at AS end_at FROM changes ch WHERE ch.status = 'offline'
      UNION ALL
      SELECT s.id, s.last_seen, NULL FROM scoped s
      WHERE s.status = 'offline' AND NOT EXISTS (SELECT 1 FROM changes ch WHERE ch.id = s.id)),
    kept AS (
      SELECT o.*, s.xy FROM outages o JOIN scoped s ON s.id = o.id
      WHERE true${begunBefore}${notEndedBy})
    SELECT json_build_object(
      'count', count(*),
      'cameraId', coalesce(json_agg(kept.id ORDER BY kept.start_at, kept.id), '[]'::json),
      'startAt', coalesce(json_agg(${epochMs('kept.start_at')} ORDER BY kept.start_at, kept.id), '[]'::json),
      'endAt', coalesce(json_agg(${epochMs('kept.end_at')} ORDER BY kept.start_at, kept.id), '[]'::json),
      'lon', coalesce(json_agg(kept.xy -> 0 ORDER BY kept.start_at, kept.id), '[]'::json),
      'lat', coalesce(json_agg(kept.xy -> 1 ORDER BY kept.start_at, kept.id), '[]'::json)
    )::text AS body
    FROM kept`);
  return rows[0]!.body;
}
