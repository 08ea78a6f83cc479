import type { Sql } from '../../db/database.js';
import { sqlPart, sqlRaw, type SqlQuery } from '../../db/sqlQuery.js';
import type { GridLevel, GridScope } from '../../domain/gridCode.js';
import { gridScopeCondition } from '../sql/gridScopeSql.js';
import type { GridStats } from '../../contract/grids.js';

/** The current version of a grid, without geometry. */
export interface GridSummary {
  code: string;
  name: string;
  level: GridLevel;
}

export interface GridFeature {
  type: 'Feature';
  id: string;
  geometry: { type: 'MultiPolygon'; coordinates: number[][][][] };
  properties: {
    code: string;
    name: string;
    level: GridLevel;
    parentCode: string | null;
    version: number;
    areaM2: number;
    labelPoint: [number, number] | null;
  };
}

export type { GridStats };

export interface GridSelection {
  level: GridLevel;
  /** Inclusive range of codes (the descendants of one grid); omitted for every grid of the level. */
  codes?: { from: string; to: string };
  /** Douglas–Peucker tolerance in degrees; 0 keeps every vertex. */
  simplifyDegrees: number;
}

/** Cases still being worked on (DOMAIN.md lifecycle); resolved cases await follow-up, not work. */
const OPEN_STATUSES = sqlRaw(`('registered', 'accepted', 'mediating')`);

/**
 * One grid as a GeoJSON Feature, built by the database: RFC 7946 lon/lat, exterior rings
 * counter-clockwise, 6 decimals (~0.1 m), area rounded to whole square metres.
 */
function featureJson(simplifyDegrees: number): SqlQuery {
  const geometry =
    simplifyDegrees > 0
      ? sqlPart`ST_Multi(ST_SimplifyPreserveTopology(g.geom, ${simplifyDegrees}::float8))`
      : sqlPart`g.geom`;
  return sqlPart`json_build_object(
    'type', 'Feature',
    'id', g.code,
    'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(${geometry}), 6)::json,
    'properties', json_build_object(
      'code', g.code,
      'name', g.name,
      'level', g.level,
      'parentCode', g.parent_code,
      'version', g.version,
      'areaM2', round(g.area_m2::numeric),
      'labelPoint', CASE WHEN g.label_point IS NULL THEN NULL
        ELSE json_build_array(round(ST_X(g.label_point)::numeric, 6), round(ST_Y(g.label_point)::numeric, 6)) END))`;
}

export async function findCurrentGrid(sql: Sql, code: string): Promise<GridSummary | null> {
  const rows = await sql<GridSummary>`
    SELECT code, name, level FROM grids WHERE code = ${code} AND valid_to IS NULL`;
  return rows[0] ?? null;
}

/** The current grids of a level (optionally inside one ancestor) as FeatureCollection JSON text. */
export async function gridCollectionJson(sql: Sql, selection: GridSelection): Promise<string> {
  const codes = selection.codes
    ? sqlPart`AND g.code BETWEEN ${selection.codes.from} AND ${selection.codes.to}`
    : sqlPart``;
  const rows = await sql<{ body: string }>`
    SELECT json_build_object(
      'type', 'FeatureCollection',
      'features', coalesce(json_agg(${featureJson(selection.simplifyDegrees)} ORDER BY g.code), '[]'::json)
    )::text AS body
    FROM grids g
    WHERE g.valid_to IS NULL AND g.level = ${selection.level} ${codes}`;
  return rows[0]?.body ?? '{"type":"FeatureCollection","features":[]}';
}

/** The current version of one grid as a Feature, or `null` when there is none. */
export async function gridFeature(sql: Sql, code: string): Promise<GridFeature | null> {
  const rows = await sql<{ feature: string }>`
    SELECT ${featureJson(0)}::text AS feature FROM grids g WHERE g.code = ${code} AND g.valid_to IS NULL`;
  const row = rows[0];
  return row ? (JSON.parse(row.feature) as GridFeature) : null;
}

/** The current ancestors of a grid, from the top grid (prefecture or county) down to its direct parent. */
export async function gridParents(sql: Sql, code: string): Promise<GridSummary[]> {
  const rows = await sql<GridSummary & { depth: number }>`
    WITH RECURSIVE chain AS (
      SELECT g.parent_code, 0 AS depth FROM grids g WHERE g.code = ${code} AND g.valid_to IS NULL
      UNION ALL
      SELECT p.parent_code, c.depth + 1
      FROM chain c JOIN grids p ON p.code = c.parent_code AND p.valid_to IS NULL
      WHERE c.depth < 8
    )
    SELECT p.code, p.name, p.level, c.depth
    FROM chain c JOIN grids p ON p.code = c.parent_code AND p.valid_to IS NULL
    ORDER BY c.depth DESC`;
  return rows.map(({ code: parentCode, name, level }) => ({ code: parentCode, name, level }));
}

export async function countChildren(sql: Sql, code: string): Promise<number> {
  const rows = await sql<{ children: number }>`
    SELECT count(*) AS children FROM grids WHERE parent_code = ${code} AND valid_to IS NULL`;
  return rows[0]?.children ?? 0;
}

/**
 * The figures of a grid's area. Every table is read through its indexed scope column, so a group
 * or village costs a few index lookups however large the county is.
 */
export async function gridStats(sql: Sql, scope: GridScope): Promise<GridStats> {
  const rows = await sql<Omit<GridStats, 'linkCoverage'>>`
    WITH hh AS (
      -- A per-row EXISTS probes the links' primary key; a join would let the planner hash the
      -- whole links table, a cost that grows with the county instead of the grid.
      SELECT count(*) AS households, coalesce(sum(h.size), 0) AS population,
        count(*) FILTER (WHERE EXISTS (SELECT 1 FROM household_links l WHERE l.household_id = h.id)) AS linked
      FROM households h
      WHERE ${gridScopeCondition('h', scope)}
    ), st AS (
      SELECT count(*) AS streets FROM streets s WHERE ${gridScopeCondition('s', scope)}
    ), cam AS (
      SELECT count(*) AS cameras, count(*) FILTER (WHERE c.status = 'online') AS online
      FROM cameras c WHERE ${gridScopeCondition('c', scope)}
    ), cs AS (
      SELECT count(*) AS open, count(*) FILTER (WHERE k.stage_due_at < now()) AS overdue
      FROM cases k WHERE ${gridScopeCondition('k', scope)} AND k.status IN ${OPEN_STATUSES}
    )
    SELECT hh.households, hh.linked AS "linkedHouseholds", hh.population,
      st.streets, cam.cameras, cam.online AS "camerasOnline", cs.open AS "openCases", cs.overdue AS "overdueCases"
    FROM hh, st, cam, cs`;
  const row = rows[0];
  if (!row) throw new Error('grid stats query returned no row');
  const linkCoverage = row.households === 0 ? 0 : Math.round((row.linkedHouseholds / row.households) * 10_000) / 10_000;
  return { ...row, linkCoverage };
}
