import type { Sql } from '../../db/database.js';
import { sqlPart } from '../../db/sqlQuery.js';
import type { GridScope } from '../../domain/gridCode.js';
import { EMPTY_COLLECTION, limitedCollectionSql } from '../sql/featureCollectionSql.js';
import { gridScopeCondition } from '../sql/gridScopeSql.js';
import { maskedNameSql } from '../sql/personalDataSql.js';

/** The responsibility streets of a grid as FeatureCollection JSON text; the chief's name is masked. */
export async function streetCollectionJson(
  sql: Sql,
  scope: GridScope,
  limit: number,
  /** false: no name at all, not even masked (a wall display in a public hall). */
  names = true,
): Promise<string> {
  const chiefName = names
    ? sqlPart`(SELECT ${maskedNameSql('p.name')} FROM member_private p WHERE p.member_id = s.chief_id)`
    : sqlPart`NULL::text`;
  const features = sqlPart`
    SELECT json_build_object(
      'type', 'Feature',
      'id', s.id,
      'geometry', ST_AsGeoJSON(s.geom, 6)::json,
      'properties', json_build_object(
        'id', s.id,
        'name', s.name,
        'chiefName', ${chiefName},
        'lengthM', round(s.length_m::numeric),
        'groupCode', s.group_code)) AS feature,
      row_number() OVER (ORDER BY s.id) AS ord
    FROM streets s
    WHERE ${gridScopeCondition('s', scope)}
    ORDER BY s.id`;
  const rows = await sql.query<{ body: string }>(limitedCollectionSql(features, limit));
  return rows[0]?.body ?? EMPTY_COLLECTION;
}
