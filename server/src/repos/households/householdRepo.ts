import type { Sql } from '../../db/database.js';
import { sqlPart } from '../../db/sqlQuery.js';
import type { GridScope } from '../../domain/gridCode.js';
import { EMPTY_COLLECTION, limitedCollectionSql } from '../sql/featureCollectionSql.js';
import { gridScopeCondition } from '../sql/gridScopeSql.js';
import { maskedNameSql } from '../sql/personalDataSql.js';

/**
 * The households of a grid as FeatureCollection JSON text, ordered by id. The head's name is
 * masked; phone and ID number are never read. The private row and the link are probed per
 * household by primary key (subqueries, not joins) so a group never hashes the whole county.
 */
export async function householdCollectionJson(
  sql: Sql,
  scope: GridScope,
  limit: number,
  /** false: no name at all, not even masked (a wall display in a public hall). */
  names = true,
): Promise<string> {
  const headName = names
    ? sqlPart`(SELECT ${maskedNameSql('p.head_name')} FROM household_private p WHERE p.household_id = h.id)`
    : sqlPart`NULL::text`;
  const features = sqlPart`
    SELECT json_build_object(
      'type', 'Feature',
      'id', h.id,
      'geometry', ST_AsGeoJSON(h.geom, 6)::json,
      'properties', json_build_object(
        'id', h.id,
        'houseNo', h.house_no,
        'size', h.size,
        'headName', ${headName},
        'linked', EXISTS (SELECT 1 FROM household_links l WHERE l.household_id = h.id),
        'groupCode', h.group_code)) AS feature,
      row_number() OVER (ORDER BY h.id) AS ord
    FROM households h
    WHERE ${gridScopeCondition('h', scope)}
    ORDER BY h.id`;
  const rows = await sql.query<{ body: string }>(limitedCollectionSql(features, limit));
  return rows[0]?.body ?? EMPTY_COLLECTION;
}
