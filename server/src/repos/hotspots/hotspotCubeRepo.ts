import type { Sql } from '../../db/database.js';
import { sqlPart, sqlRaw } from '../../db/sqlQuery.js';
import type { GridScope } from '../../domain/gridCode.js';
import { gridScopeCondition } from '../sql/gridScopeSql.js';

/** The grids an analysis compares: villages or groups. */
export type HotspotLevel = 'village' | 'group';

export interface CodeRange {
  from: string;
  to: string;
}

/** The current grids of `level` whose codes lie in `range` (an area's descendants), by code. */
export async function hotspotGrids(
  sql: Sql,
  level: HotspotLevel,
  range: CodeRange,
): Promise<{ code: string; name: string }[]> {
  return sql<{ code: string; name: string }>`
    SELECT code, name FROM grids
    WHERE level = ${level} AND valid_to IS NULL AND code BETWEEN ${range.from} AND ${range.to}
    ORDER BY code`;
}

/**
 * Queen contiguity among the current grids of `level` in `range`, as spdep's poly2nb(queen = TRUE)
 * defines it: two grids are neighbours when they share at least one boundary point (a vertex of one
 * within snapping distance of a vertex of the other; here both snapped to 1e-7°, about 1 cm). The
 * published grids tile their parent exactly with shared vertex chains (the partition check, the
 * seed's noding), so neighbours share vertices; joining vertex keys is one hash join whatever the
 * planner knows, where a polygon ST_Intersects self-join took a second for a county's groups.
 * Each pair once, `a < b`.
 */
export async function queenNeighbourPairs(
  sql: Sql,
  level: HotspotLevel,
  range: CodeRange,
): Promise<{ a: string; b: string }[]> {
  return sql<{ a: string; b: string }>`
    WITH area AS (
      SELECT code, geom FROM grids
      WHERE level = ${level} AND valid_to IS NULL AND code BETWEEN ${range.from} AND ${range.to}),
    vertices AS (
      SELECT DISTINCT area.code,
        round(ST_X(point.geom) * 1e7)::bigint AS x, round(ST_Y(point.geom) * 1e7)::bigint AS y
      FROM area, LATERAL ST_DumpPoints(area.geom) AS point)
    SELECT DISTINCT one.code AS a, other.code AS b
    FROM vertices one JOIN vertices other ON other.x = one.x AND other.y = one.y AND other.code > one.code`;
}

/**
 * Cases reported per grid (its village or group column) and week: week w is
 * [from + 7w days, from + 7(w+1) days), counted up to `until` inclusive; `category` narrows.
 */
export async function weeklyCaseCounts(
  sql: Sql,
  scope: GridScope,
  level: HotspotLevel,
  weeks: { from: Date; until: Date },
  category?: string,
): Promise<{ code: string; week: number; count: number }[]> {
  const column = sqlRaw(level === 'village' ? 'k.village_code' : 'k.group_code');
  const ofCategory = category === undefined ? sqlPart`` : sqlPart` AND k.category = ${category}`;
  return sql.query<{ code: string; week: number; count: number }>(sqlPart`
    SELECT ${column} AS code,
      floor(extract(epoch FROM k.reported_at - ${weeks.from}::timestamptz) / 604800)::int AS week,
      count(*)::int AS count
    FROM cases k
    WHERE ${gridScopeCondition('k', scope)}
      AND k.reported_at >= ${weeks.from} AND k.reported_at <= ${weeks.until}${ofCategory}
    GROUP BY 1, 2`);
}
