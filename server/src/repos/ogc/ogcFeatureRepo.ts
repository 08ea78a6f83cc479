import type { Sql } from '../../db/database.js';
import { sqlJoin, sqlPart, sqlRaw, type SqlQuery } from '../../db/sqlQuery.js';
import type { GridCode } from '../../domain/gridCode.js';
import type { Envelope } from '../../domain/ogc/ogcBbox.js';
import type { OgcCrs } from '../../domain/ogc/ogcCrs.js';
import type { TimeInterval } from '../../domain/ogc/ogcDatetime.js';
import { isoTimestampSql } from '../sql/gridScopeSql.js';
import { keyAfter, keyEquals, type FeatureSource } from './ogcFeatureSources.js';

/**
 * OGC API – Features reads: pages of a collection in key order, their exact count, one feature,
 * and extents. Every page is one indexed query of at most `limit + 1` rows, its GeoJSON built by
 * the database and returned as text (never the whole collection in memory).
 */
export interface FeatureFilter {
  /** Features intersecting any of these (a bbox crossing the antimeridian is two). */
  envelopes?: Envelope[];
  time?: TimeInterval;
}

export interface FeaturePage {
  /** The page's features as a JSON array text. */
  features: string;
  returned: number;
  /** The last key of the page when more features follow, else null. */
  nextAfter: string | null;
}

/**
 * A geometry as GeoJSON in `crs`: CRS84 as stored; EPSG:4490/4326 latitude first; EPSG:3857 by
 * ST_Transform (PostGIS's PROJ on both backends). Options 0: no `crs` member, whatever the SRID.
 */
function geometryJson(expression: string, crs: OgcCrs): SqlQuery {
  const geometry = sqlRaw(expression);
  if (crs.srid === 3857) return sqlPart`ST_AsGeoJSON(ST_Transform(${geometry}, 3857), ${crs.decimals}, 0)::json`;
  if (crs.axisOrder === 'latLon')
    return sqlPart`ST_AsGeoJSON(ST_FlipCoordinates(${geometry}), ${crs.decimals}, 0)::json`;
  return sqlPart`ST_AsGeoJSON(${geometry}, ${crs.decimals}, 0)::json`;
}

function featureJson(source: FeatureSource, crs: OgcCrs): SqlQuery {
  return sqlPart`json_build_object(
    'type', 'Feature',
    'id', ${sqlRaw(source.key)},
    'geometry', ${geometryJson(source.geometry, crs)},
    'properties', ${source.properties})`;
}

function envelopeSql(envelope: Envelope): SqlQuery {
  const box = sqlPart`ST_MakeEnvelope(${envelope.minX}::float8, ${envelope.minY}::float8, ${envelope.maxX}::float8, ${envelope.maxY}::float8, ${envelope.srid}::int)`;
  return envelope.srid === 4326 ? box : sqlPart`ST_Transform(${box}, 4326)`;
}

function filterConditions(source: FeatureSource, filter: FeatureFilter): SqlQuery {
  const parts: SqlQuery[] = [source.scope];
  if (filter.envelopes && filter.envelopes.length > 0) {
    const geometry = sqlRaw(`t.geom`);
    const boxes = filter.envelopes.map(
      (e) => sqlPart`(${geometry} && ${envelopeSql(e)} AND ST_Intersects(${geometry}, ${envelopeSql(e)}))`,
    );
    parts.push(sqlPart`(${sqlJoin(boxes, ' OR ')})`);
  }
  if (filter.time && source.time) {
    const start = sqlRaw(source.time.start);
    const end = source.time.end ? sqlRaw(source.time.end) : null;
    if (filter.time.end) parts.push(sqlPart`${start} <= ${filter.time.end}`);
    if (filter.time.start) {
      parts.push(
        end ? sqlPart`(${end} IS NULL OR ${end} >= ${filter.time.start})` : sqlPart`${start} >= ${filter.time.start}`,
      );
    }
  }
  return sqlJoin(parts, ' AND ');
}

export async function featurePage(
  sql: Sql,
  source: FeatureSource,
  crs: OgcCrs,
  filter: FeatureFilter,
  limit: number,
  after: string | undefined,
): Promise<FeaturePage> {
  const conditions =
    after === undefined
      ? filterConditions(source, filter)
      : sqlPart`${filterConditions(source, filter)} AND ${keyAfter(source, after)}`;
  const key = sqlRaw(source.key);
  const rows = await sql.query<{ features: string; returned: number; more: boolean; last: string | null }>(sqlPart`
    WITH picked AS (
      SELECT ${featureJson(source, crs)} AS feature, ${key}::text AS key, row_number() OVER (ORDER BY ${key}) AS ord
      ${source.from}
      WHERE ${conditions}
      ORDER BY ${key}
      LIMIT ${limit + 1}
    )
    SELECT coalesce(json_agg(feature ORDER BY ord) FILTER (WHERE ord <= ${limit}), '[]'::json)::text AS features,
      count(*) FILTER (WHERE ord <= ${limit})::int AS returned,
      count(*) > ${limit} AS more,
      max(key) FILTER (WHERE ord = ${limit}) AS last
    FROM picked`);
  const row = rows[0];
  if (!row) return { features: '[]', returned: 0, nextAfter: null };
  return { features: row.features, returned: row.returned, nextAfter: row.more ? row.last : null };
}

/** How many features match (`numberMatched`): exact, through the same indexed conditions. */
export async function countFeatures(sql: Sql, source: FeatureSource, filter: FeatureFilter): Promise<number> {
  const rows = await sql.query<{ n: number }>(sqlPart`
    SELECT count(*)::int AS n ${source.from} WHERE ${filterConditions(source, filter)}`);
  return rows[0]?.n ?? 0;
}

/** One feature by its key as JSON text, or null when there is none in the viewer's scope. */
export async function featureById(sql: Sql, source: FeatureSource, crs: OgcCrs, key: string): Promise<string | null> {
  const rows = await sql.query<{ feature: string }>(sqlPart`
    SELECT ${featureJson(source, crs)}::text AS feature ${source.from}
    WHERE ${source.scope} AND ${keyEquals(source, key)}`);
  return rows[0]?.feature ?? null;
}

/** [west, south, east, north] in CRS84 of the scope grid: everything a viewer reads lies inside it. */
export async function scopeExtent(sql: Sql, scope: GridCode): Promise<[number, number, number, number] | null> {
  const rows = await sql<{ w: number; s: number; e: number; n: number }>`
    SELECT ST_XMin(geom) AS w, ST_YMin(geom) AS s, ST_XMax(geom) AS e, ST_YMax(geom) AS n
    FROM grids WHERE code = ${scope.code} AND valid_to IS NULL`;
  const row = rows[0];
  if (!row) return null;
  const round = (value: number) => Math.round(value * 1e6) / 1e6;
  return [round(row.w), round(row.s), round(row.e), round(row.n)];
}

/** The first and last instant of a collection's time property in the viewer's scope (ISO 8601 UTC). */
export async function temporalExtent(sql: Sql, source: FeatureSource): Promise<[string | null, string | null] | null> {
  if (!source.time) return null;
  const start = sqlRaw(source.time.start);
  // An open period (a current grid) has no end: the interval stays open.
  const end = source.time.end === source.time.start ? sqlPart`max(${start})` : sqlPart`NULL::timestamptz`;
  const rows = await sql.query<{ first: string | null; last: string | null }>(sqlPart`
    SELECT ${isoTimestampSql('x.first')} AS first, ${isoTimestampSql('x.last')} AS last
    FROM (SELECT min(${start}) AS first, ${end} AS last ${source.from} WHERE ${source.scope}) x`);
  const row = rows[0];
  return row ? [row.first, row.last] : null;
}
