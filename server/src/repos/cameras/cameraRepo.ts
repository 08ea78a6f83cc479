import type { Sql } from '../../db/database.js';
import { sqlPart } from '../../db/sqlQuery.js';
import type { GridScope } from '../../domain/gridCode.js';
import { EMPTY_COLLECTION, limitedCollectionSql } from '../sql/featureCollectionSql.js';
import { gridScopeCondition, isoTimestampSql } from '../sql/gridScopeSql.js';

/** The cameras (雪亮工程) of a grid as FeatureCollection JSON text, ordered by device id. */
export async function cameraCollectionJson(sql: Sql, scope: GridScope, limit: number): Promise<string> {
  const features = sqlPart`
    SELECT json_build_object(
      'type', 'Feature',
      'id', c.id,
      'geometry', ST_AsGeoJSON(c.geom, 6)::json,
      'properties', json_build_object(
        'id', c.id,
        'name', c.name,
        'site', c.site,
        'status', c.status,
        'lastSeen', ${isoTimestampSql('c.last_seen')},
        'groupCode', c.group_code)) AS feature,
      row_number() OVER (ORDER BY c.id) AS ord
    FROM cameras c
    WHERE ${gridScopeCondition('c', scope)}
    ORDER BY c.id`;
  const rows = await sql.query<{ body: string }>(limitedCollectionSql(features, limit));
  return rows[0]?.body ?? EMPTY_COLLECTION;
}
