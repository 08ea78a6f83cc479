import type { Sql } from '../../db/database.js';
import { sqlPart, sqlRaw, type SqlQuery } from '../../db/sqlQuery.js';
import { gridCodePrefix, parseGridCode } from '../../domain/gridCode.js';
import { isoTimestampSql } from '../sql/gridScopeSql.js';
import type { GridVersionSummary, VersionChange } from '../../contract/gridVersions.js';

/** A published grid version (1: the grid as first loaded). */
export type { GridVersionSummary };

/** Grids of a scope: the scope itself and its descendants, by code prefix. */
function gridsInScope(alias: string, scope: string): SqlQuery {
  const grid = parseGridCode(scope);
  if (!grid) return sqlPart`false`;
  const prefix = gridCodePrefix(grid);
  return sqlPart`left(${sqlRaw(`${alias}.code`)}, ${prefix.length}) = ${prefix}`;
}

/**
 * Published versions that changed something in `scope` (version 1 always listed), newest first.
 * A version whose plan redrew a town concerns its villages and groups, and vice versa.
 */
export async function listGridVersions(sql: Sql, scope: string): Promise<GridVersionSummary[]> {
  const rows = await sql.query<{
    version: number;
    published_at: string;
    published_by: string | null;
    plan_id: string | number | null;
    plan_name: string | null;
    scope_code: string | null;
    changed: number;
  }>(sqlPart`
    SELECT v.version, ${isoTimestampSql('v.published_at')} AS published_at, v.published_by, v.plan_id,
      p.name AS plan_name, v.scope_code, v.changed
    FROM grid_versions v LEFT JOIN plans p ON p.id = v.plan_id
    WHERE v.version = 1 OR EXISTS (
      SELECT 1 FROM grids g WHERE (g.from_version = v.version OR g.to_version = v.version)
        AND ${gridsInScope('g', scope)})
    ORDER BY v.version DESC`);
  return rows.map((row) => ({
    version: row.version,
    publishedAt: row.published_at,
    publishedBy: row.published_by,
    planId: row.plan_id === null ? null : Number(row.plan_id),
    planName: row.plan_name,
    scope: row.scope_code,
    changed: row.changed,
  }));
}

/** Rows of the grids table that make up published version `version` (see migration 005). */
export function gridsAsOf(alias: string, version: number): SqlQuery {
  const a = (column: string) => sqlRaw(`${alias}.${column}`);
  return sqlPart`${a('from_version')} <= ${version} AND (${a('to_version')} IS NULL OR ${a('to_version')} > ${version})`;
}

export async function gridVersionExists(sql: Sql, version: number): Promise<boolean> {
  const [row] = await sql<{
    found: boolean;
  }>`SELECT EXISTS (SELECT 1 FROM grid_versions WHERE version = ${version}) AS found`;
  return row?.found ?? false;
}

/** The grids of `scope` (its descendants, and itself) as of a version, as GeoJSON text. */
export async function gridsOfVersionJson(sql: Sql, scope: string, version: number): Promise<string> {
  const [row] = await sql.query<{ body: string }>(sqlPart`
    SELECT json_build_object('type', 'FeatureCollection', 'gridVersion', ${version}::int,
      'features', coalesce(json_agg(json_build_object(
        'type', 'Feature', 'id', g.code,
        'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(g.geom), 7)::json,
        'properties', json_build_object('code', g.code, 'name', g.name, 'level', g.level,
          'parentCode', g.parent_code, 'version', g.version)) ORDER BY g.code), '[]'::json))::text AS body
    FROM grids g
    WHERE ${gridsAsOf('g', version)} AND ${gridsInScope('g', scope)}`);
  return row!.body;
}

export type { VersionChange };

/** Grids of `scope` that differ between two versions, with both outlines (null where absent). */
export async function compareGridVersions(sql: Sql, scope: string, from: number, to: number): Promise<VersionChange[]> {
  const rows = await sql.query<{
    code: string;
    name: string;
    level: string;
    from_version: number | null;
    to_version: number | null;
    from_geom: unknown;
    to_geom: unknown;
  }>(sqlPart`
    WITH a AS (SELECT * FROM grids g WHERE ${gridsAsOf('g', from)} AND ${gridsInScope('g', scope)}),
    b AS (SELECT * FROM grids g WHERE ${gridsAsOf('g', to)} AND ${gridsInScope('g', scope)})
    SELECT coalesce(b.code, a.code) AS code, coalesce(b.name, a.name) AS name, coalesce(b.level, a.level) AS level,
      a.version AS from_version, b.version AS to_version,
      ST_AsGeoJSON(ST_ForcePolygonCCW(a.geom), 7)::jsonb AS from_geom,
      ST_AsGeoJSON(ST_ForcePolygonCCW(b.geom), 7)::jsonb AS to_geom
    FROM a FULL JOIN b ON a.code = b.code
    WHERE a.id IS DISTINCT FROM b.id
    ORDER BY 1`);
  return rows.map((row) => ({
    code: row.code,
    name: row.name,
    level: row.level,
    change: row.from_version === null ? 'added' : row.to_version === null ? 'removed' : 'changed',
    fromVersion: row.from_version,
    toVersion: row.to_version,
    from: row.from_geom ?? null,
    to: row.to_geom ?? null,
  }));
}

/** A plan's live grids as a GeoJSON FeatureCollection text (export). */
export async function planExportJson(sql: Sql, planId: number): Promise<string> {
  const [row] = await sql<{ body: string }>`
    SELECT json_build_object('type', 'FeatureCollection', 'planId', ${planId}::int,
      'features', coalesce(json_agg(json_build_object(
        'type', 'Feature', 'id', pg.code,
        'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(pg.geom), 9)::json,
        'properties', json_build_object('code', pg.code, 'name', pg.name, 'level', pg.level,
          'parentCode', pg.parent_code, 'version', pg.version)) ORDER BY pg.code), '[]'::json))::text AS body
    FROM plan_grids pg WHERE pg.plan_id = ${planId} AND NOT pg.deleted`;
  return row!.body;
}
