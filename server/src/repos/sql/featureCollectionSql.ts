import { sqlPart, type SqlQuery } from '../../db/sqlQuery.js';

/**
 * A FeatureCollection built entirely by the database and returned as JSON text, so a large layer
 * (a whole town's households) is never parsed and re-serialized in Node.
 *
 * `features` must select a `feature` (json) and an `ord` (its 1-based position, from
 * `row_number() OVER (ORDER BY …)`) and end with the same ORDER BY. At most `limit` features are
 * kept; the foreign member `truncated` tells whether more matched.
 */
export function limitedCollectionSql(features: SqlQuery, limit: number): SqlQuery {
  return sqlPart`
    WITH picked AS (${features} LIMIT ${limit + 1})
    SELECT json_build_object(
      'type', 'FeatureCollection',
      'truncated', count(*) > ${limit},
      'features', coalesce(json_agg(feature ORDER BY ord) FILTER (WHERE ord <= ${limit}), '[]'::json)
    )::text AS body
    FROM picked`;
}

export const EMPTY_COLLECTION = '{"type":"FeatureCollection","truncated":false,"features":[]}';
