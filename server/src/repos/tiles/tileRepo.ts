import type { Feature } from 'geojson';
import type { Sql } from '../../db/database.js';
import { sqlJoin, sqlPart, sqlRaw, type SqlQuery } from '../../db/sqlQuery.js';
import {
  GRID_LABELS_LAYER,
  GRID_LEVEL_LAYERS,
  HOUSEHOLD_CELL_SIZE,
  HOUSEHOLD_CELLS_LAYER,
  HOUSEHOLDS_LAYER,
  STREETS_LAYER,
  TILE_BUFFER,
  TILE_EXTENT,
  gridLevelsAtZoom,
  tileLayersAt,
  type GridLevel,
  type TileCoord,
  type TileLayerName,
  type TileSet,
} from '../../tiles/tileLayers.js';
import { pixelSpanDegrees, tileBoundsDegrees } from '../../tiles/tileBounds.js';
import type { TileScope } from '../../tiles/tileScope.js';
import type { TileLayerFeatures } from '../../tiles/geojsonTileEncoder.js';
import { gridScopeCondition } from '../sql/gridScopeSql.js';
import { gridCodePrefix } from '../../domain/gridCode.js';

/**
 * Grids inside the scope, the village around a group, and — as context — the divisions of the
 * viewer's own county (its towns, the county, the prefecture above it); a prefecture viewer's
 * context is the prefecture. Nothing of another county: its outlines are public, but a county's
 * map has no business drawing its neighbour's towns.
 */
function gridScopeFilter(alias: string, scope: TileScope): SqlQuery {
  if (!scope) return sqlPart`TRUE`;
  const g = sqlRaw(alias);
  const prefix = `${gridCodePrefix(scope)}%`;
  const village = scope.level === 'group' ? scope.code.slice(0, 12) : null;
  const context = `${scope.code.slice(0, scope.level === 'prefecture' ? 4 : 6)}%`;
  const prefecture = `${scope.code.slice(0, 4)}00000000`;
  return sqlPart`(${g}.code LIKE ${prefix} OR ${g}.code = ${village} OR ${g}.code = ${prefecture}
    OR ${g}.level IN ('county', 'town') AND ${g}.code LIKE ${context})`;
}

function rowScopeFilter(alias: string, scope: TileScope): SqlQuery {
  return scope ? gridScopeCondition(alias, scope.scope) : sqlPart`TRUE`;
}

// The SQL of both tile renderers. Each MVT layer has ONE feature selection (below); the PostGIS
// renderer wraps it in ST_AsMVTGeom/ST_AsMVT, the JavaScript renderer in ST_AsGeoJSON — so both
// encode the same features. A selection reads the one-row `bounds` CTE and yields `fid` (the MVT
// feature id), the layer's property columns and `geom` (EPSG:4326). Every selection starts with
// `geom && <box>` so the GiST index picks the rows; the cost follows the tile, not the table.

interface LayerSelection {
  /** Property columns, exactly as they appear in the tile. */
  properties: readonly string[];
  selection: SqlQuery;
  /** The layer's geometries are points (projected by formula instead of ST_Transform). */
  points?: boolean;
}

const cellsPerSide = sqlRaw(String(TILE_EXTENT / HOUSEHOLD_CELL_SIZE));

/** Polygons and lines narrower and lower than a display pixel are left out (both renderers would drop them anyway, each by its own rule). */
const visibleAtZoom = (alias: string) =>
  sqlPart`(ST_XMax(${sqlRaw(alias)}.geom) - ST_XMin(${sqlRaw(alias)}.geom) >= b.min_span
       OR ST_YMax(${sqlRaw(alias)}.geom) - ST_YMin(${sqlRaw(alias)}.geom) >= b.min_span)`;

/** Points are taken from the tile itself, half-open, so a point lies in exactly one tile. */
const pointInTile = (point: SqlQuery) =>
  sqlPart`ST_X(${point}) >= b.west AND ST_X(${point}) < b.east AND ST_Y(${point}) > b.south AND ST_Y(${point}) <= b.north`;

function gridSelection(level: GridLevel, scope: TileScope): LayerSelection {
  return {
    properties: ['code', 'name', 'level', 'parentCode'],
    selection: sqlPart`
      SELECT g.id AS fid, g.code, g.name, g.level, g.parent_code AS "parentCode", g.geom
      FROM grids g CROSS JOIN bounds b
      WHERE g.valid_to IS NULL AND g.level = ${level} AND ${gridScopeFilter('g', scope)}
        AND g.geom && b.buffered AND ST_Intersects(g.geom, b.buffered) AND ${visibleAtZoom('g')}`,
  };
}

function gridLabelSelection(levels: readonly GridLevel[], scope: TileScope): LayerSelection {
  const point = sqlPart`p.geom`;
  return {
    properties: ['code', 'name', 'level'],
    points: true,
    selection: sqlPart`
      SELECT g.id AS fid, g.code, g.name, g.level, p.geom
      FROM grids g CROSS JOIN bounds b
        CROSS JOIN LATERAL (SELECT COALESCE(g.label_point, ST_PointOnSurface(g.geom)) AS geom) p
      WHERE g.valid_to IS NULL AND g.level IN (${sqlJoin(
        levels.map((level) => sqlPart`${level}`),
        ', ',
      )}) AND ${gridScopeFilter('g', scope)}
        AND g.geom && b.exact AND ${pointInTile(point)}`,
  };
}

const streetSelection = (scope: TileScope): LayerSelection => ({
  properties: ['id', 'name', 'groupCode'],
  selection: sqlPart`
    SELECT s.id AS fid, s.id, s.name, s.group_code AS "groupCode", s.geom
    FROM streets s CROSS JOIN bounds b
    WHERE s.geom && b.buffered AND ST_Intersects(s.geom, b.buffered) AND ${visibleAtZoom('s')}
      AND ${rowScopeFilter('s', scope)}`,
});

const householdInTile = (scope: TileScope) =>
  sqlPart`h.geom && b.exact AND ${pointInTile(sqlPart`h.geom`)} AND ${rowScopeFilter('h', scope)}`;

const householdSelection = (scope: TileScope): LayerSelection => ({
  properties: ['id', 'size', 'groupCode'],
  points: true,
  selection: sqlPart`
    SELECT h.id AS fid, h.id, h.size, h.group_code AS "groupCode", h.geom
    FROM households h CROSS JOIN bounds b
    WHERE ${householdInTile(scope)}`,
});

// Cells: the tile cut into 64 × 64 squares of Web Mercator; each household falls in the cell under
// its projected position, and a cell is drawn at its centre (a regular lattice, identical on both
// renderers). Mercator y = (1 − ln(tan φ + sec φ)/π)/2 in world fractions.
const householdCellSelection = (scope: TileScope): LayerSelection => ({
  properties: ['count', 'population'],
  points: true,
  selection: sqlPart`
    SELECT cell.cy * ${cellsPerSide} + cell.cx AS fid, cell.count, cell.population,
      ST_SetSRID(ST_MakePoint(
        (b.tile_x + (cell.cx + 0.5) / ${cellsPerSide}) / b.tiles * 360 - 180,
        degrees(atan(sinh(pi() * (1 - 2 * (b.tile_y + (cell.cy + 0.5) / ${cellsPerSide}) / b.tiles))))
      ), 4326) AS geom
    FROM (
      SELECT c.cx, c.cy, count(*) AS count, sum(c.size) AS population
      FROM (
        SELECT h.size,
          LEAST(${cellsPerSide} - 1, GREATEST(0, floor(
            ((ST_X(h.geom) + 180) / 360 * b.tiles - b.tile_x) * ${cellsPerSide})))::int AS cx,
          LEAST(${cellsPerSide} - 1, GREATEST(0, floor(
            ((1 - ln(tan(radians(ST_Y(h.geom))) + 1 / cos(radians(ST_Y(h.geom)))) / pi()) / 2 * b.tiles - b.tile_y)
            * ${cellsPerSide})))::int AS cy
        FROM households h CROSS JOIN bounds b
        WHERE ${householdInTile(scope)}
      ) c
      GROUP BY c.cx, c.cy
    ) cell CROSS JOIN bounds b`,
});

function layerSelection(layer: TileLayerName, z: number, scope: TileScope): LayerSelection {
  if ((GRID_LEVEL_LAYERS as readonly string[]).includes(layer)) return gridSelection(layer as GridLevel, scope);
  switch (layer) {
    case GRID_LABELS_LAYER:
      return gridLabelSelection(gridLevelsAtZoom(z), scope);
    case STREETS_LAYER:
      return streetSelection(scope);
    case HOUSEHOLDS_LAYER:
      return householdSelection(scope);
    case HOUSEHOLD_CELLS_LAYER:
      return householdCellSelection(scope);
    default:
      throw new Error(`no selection for tile layer ${layer}`);
  }
}

function withBounds(tile: TileCoord, body: SqlQuery): SqlQuery {
  const exact = tileBoundsDegrees(tile);
  const buffered = tileBoundsDegrees(tile, TILE_BUFFER);
  const box = (e: typeof exact) =>
    sqlPart`ST_MakeEnvelope(${e.west}::float8, ${e.south}::float8, ${e.east}::float8, ${e.north}::float8, 4326)`;
  return sqlPart`
    WITH bounds AS MATERIALIZED (
      SELECT ST_TileEnvelope(${tile.z}::int, ${tile.x}::int, ${tile.y}::int) AS tile,
        ${box(exact)} AS exact, ${box(buffered)} AS buffered,
        ${exact.west}::float8 AS west, ${exact.south}::float8 AS south,
        ${exact.east}::float8 AS east, ${exact.north}::float8 AS north,
        ${pixelSpanDegrees(tile.z)}::float8 AS min_span,
        ${2 ** tile.z}::float8 AS tiles, ${tile.x}::float8 AS tile_x, ${tile.y}::float8 AS tile_y
    )
    ${body}`;
}

const quoted = (column: string) => sqlRaw(`f."${column}"`);

/**
 * Web Mercator of a lon/lat point by its formula (x = R·λ, y = R·ln tan(π/4 + φ/2)): PROJ's
 * ST_Transform costs ~9 µs a call, which is most of a z14 household tile's time; this costs ~1 µs.
 */
const mercatorPoint = sqlPart`ST_SetSRID(ST_MakePoint(
  ST_X(f.geom) * 20037508.342789244 / 180, ln(tan(radians(45 + ST_Y(f.geom) / 2))) * 6378137), 3857)`;

/**
 * The statement that encodes a whole tile in PostGIS (ST_AsMVTGeom clips to the buffered tile,
 * snaps to the 4096 grid and simplifies; ST_AsMVT encodes): one row, column `mvt`. Undefined when
 * the tile set has no layers at this zoom.
 */
export function tileMvtQuery(set: TileSet, tile: TileCoord, scope: TileScope = null): SqlQuery | undefined {
  const layers = tileLayersAt(set, tile.z);
  if (layers.length === 0) return undefined;
  const encoded = layers.map((name) => {
    const { properties, selection, points } = layerSelection(name, tile.z, scope);
    const projected = points ? mercatorPoint : sqlPart`ST_Transform(f.geom, 3857)`;
    const columns = sqlJoin(
      properties.map((column) => sqlPart`${quoted(column)}`),
      ', ',
    );
    // ST_AsMVT skips rows whose ST_AsMVTGeom is NULL (clipped away or collapsed); filtering them
    // here would make PostgreSQL compute ST_AsMVTGeom twice per row.
    return sqlPart`COALESCE((
      SELECT ST_AsMVT(t, ${name}, ${sqlRaw(String(TILE_EXTENT))}, 'geom', 'fid')
      FROM (
        SELECT f.fid, ${columns},
          ST_AsMVTGeom(${projected}, b.tile, ${sqlRaw(String(TILE_EXTENT))}, ${sqlRaw(String(TILE_BUFFER))}, true) AS geom
        FROM (${selection}) f CROSS JOIN bounds b
      ) t
    ), ''::bytea)`;
  });
  return withBounds(tile, sqlPart`SELECT ${sqlJoin(encoded, ' || ')} AS mvt`);
}

/** The tile encoded by PostGIS in one statement; an empty tile is zero bytes. */
export async function tileAsMvt(sql: Sql, set: TileSet, tile: TileCoord, scope: TileScope = null): Promise<Uint8Array> {
  const query = tileMvtQuery(set, tile, scope);
  if (!query) return new Uint8Array(0);
  const rows = await sql.query<{ mvt: Uint8Array }>(query);
  return rows[0]?.mvt ?? new Uint8Array(0);
}

/** The tile's features as GeoJSON, every layer in one statement, for the JavaScript renderer. */
export async function tileAsGeoJsonLayers(
  sql: Sql,
  set: TileSet,
  tile: TileCoord,
  scope: TileScope = null,
): Promise<TileLayerFeatures[]> {
  const layers = tileLayersAt(set, tile.z);
  if (layers.length === 0) return [];
  const perLayer = layers.map((name) => {
    const { properties, selection, points } = layerSelection(name, tile.z, scope);
    const props = sqlJoin(
      properties.map((column) => sqlPart`${column}::text, ${quoted(column)}`),
      ', ',
    );
    // A point's coordinates as two numbers cost a fraction of ST_AsGeoJSON's text re-parsed as json.
    const geometry = points
      ? sqlPart`json_build_object('type', 'Point', 'coordinates', json_build_array(ST_X(f.geom), ST_Y(f.geom)))`
      : sqlPart`ST_AsGeoJSON(f.geom)::json`;
    return sqlPart`(
      SELECT COALESCE(json_agg(json_build_object(
        'type', 'Feature', 'id', f.fid, 'properties', json_build_object(${props}),
        'geometry', ${geometry})), '[]'::json)::text
      FROM (${selection}) f
    ) AS ${sqlRaw(`"${name}"`)}`;
  });
  const rows = await sql.query<Record<string, string>>(withBounds(tile, sqlPart`SELECT ${sqlJoin(perLayer, ', ')}`));
  const row = rows[0] ?? {};
  return layers.map((name) => ({ name, features: JSON.parse(row[name] ?? '[]') as Feature[] }));
}
