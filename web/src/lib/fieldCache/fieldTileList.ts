import { STREETS_MIN_ZOOM, TILE_SETS, type TileSet } from '@tiles/tileLayers.js';

/** [west, south, east, north] in degrees. */
type Bbox = [number, number, number, number];

export interface FieldTile {
  set: TileSet;
  z: number;
  x: number;
  y: number;
}

/** The finest zoom the map requests (tileSources.ts: overzoomed beyond). */
const MAX_TILE_ZOOM = 14;

/** The Web Mercator (XYZ) tile column and row holding a point at zoom `z`. */
export function tileAt(lon: number, lat: number, z: number): { x: number; y: number } {
  const n = 2 ** z;
  const clampedLat = Math.max(-85.05112878, Math.min(85.05112878, lat));
  const rad = (clampedLat * Math.PI) / 180;
  const x = Math.floor(((lon + 180) / 360) * n);
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
  return { x: Math.min(n - 1, Math.max(0, x)), y: Math.min(n - 1, Math.max(0, y)) };
}

/** Every tile of `set` covering `bbox` at zoom `z`. */
function tilesOver(set: TileSet, [west, south, east, north]: Bbox, z: number): FieldTile[] {
  const min = tileAt(west, north, z);
  const max = tileAt(east, south, z);
  const tiles: FieldTile[] = [];
  for (let x = min.x; x <= max.x; x++) for (let y = min.y; y <= max.y; y++) tiles.push({ set, z, x, y });
  return tiles;
}

/**
 * The tiles the field app keeps for a staff member without a signal, coarse to fine, never more
 * than `budget`: the county around them at z6–10 (the report map's first frame), then their own
 * grid from z11 down to z14, where every household and street is drawn. A zoom level that would
 * overflow the budget is left out with every finer one, so what is kept is always whole levels
 * (a town leader's town stops before z14; a group's grid goes all the way). Streets start at z12.
 */
export function fieldTileList({ county, grid, budget }: { county: Bbox; grid: Bbox; budget: number }): FieldTile[] {
  const levels: { bbox: Bbox; z: number }[] = [];
  for (let z = 6; z <= 10; z++) levels.push({ bbox: county, z });
  for (let z = 11; z <= MAX_TILE_ZOOM; z++) levels.push({ bbox: grid, z });
  const chosen: FieldTile[] = [];
  for (const { bbox, z } of levels) {
    const level = TILE_SETS.filter((set) => set !== 'streets' || z >= STREETS_MIN_ZOOM).flatMap((set) =>
      tilesOver(set, bbox, z),
    );
    if (chosen.length + level.length > budget) break;
    chosen.push(...level);
  }
  return chosen;
}
