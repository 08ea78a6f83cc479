import { TILE_EXTENT, type TileCoord } from './tileLayers.js';

/** A lon/lat box in degrees (EPSG:4326). */
export interface LonLatBounds {
  west: number;
  south: number;
  east: number;
  north: number;
}

/** Web Mercator's latitude limit: the square world of the tile pyramid. */
export const MERCATOR_MAX_LATITUDE = 85.0511287798066;

/**
 * The lon/lat box of a tile, optionally grown by `bufferUnits` tile units (1/4096 of its side) on
 * each side. Computed here rather than with `ST_Transform(ST_TileEnvelope(…, margin))`, because
 * PROJ wraps a margin that crosses the antimeridian (east 182.8° becomes −177.2°) and PostGIS clamps
 * it at z 0 — the box would no longer contain the tile.
 */
export function tileBoundsDegrees({ z, x, y }: TileCoord, bufferUnits = 0): LonLatBounds {
  const tiles = 2 ** z;
  const margin = bufferUnits / TILE_EXTENT;
  return {
    west: Math.max(-180, ((x - margin) / tiles) * 360 - 180),
    east: Math.min(180, ((x + 1 + margin) / tiles) * 360 - 180),
    north: Math.min(90, latitudeAtTileRow(y - margin, tiles)),
    south: Math.max(-90, latitudeAtTileRow(y + 1 + margin, tiles)),
  };
}

/** Latitude (degrees) of the top edge of row `row` (fractional) when the world has `tiles` rows. */
function latitudeAtTileRow(row: number, tiles: number): number {
  return (Math.atan(Math.sinh(Math.PI * (1 - (2 * row) / tiles))) * 180) / Math.PI;
}

/** Degrees of longitude that one display pixel (8 tile units on a 512 px tile) spans at zoom `z`. */
export function pixelSpanDegrees(z: number): number {
  return (8 * 360) / (2 ** z * TILE_EXTENT);
}
