// Vector tiles served at /tiles/{layer}/{z}/{x}/{y}.mvt — names for the MapLibre style / deck.gl:
//
//   /tiles/grids/…      source-layers `prefecture`, `county`, `town`, `village`, `group` (MultiPolygon; feature id =
//                       grid row id; properties code, name, level, parentCode) and `grid_labels`
//                       (Point at the grid's label_point; code, name, level). One source-layer per
//                       level so each style layer needs no filter. Levels by zoom: z ≤ 8 prefecture +
//                       county + town, z 9–10 + village, z ≥ 11 + group (labels follow the same rule).
//   /tiles/streets/…    source-layer `streets` (LineString; id, name, groupCode) from z 12; empty below.
//                       No personal data: the street chief is never in a tile.
//   /tiles/households/… z ≥ 13: source-layer `households` (Point; id, size, groupCode — no names);
//                       z ≤ 12: source-layer `household_cells` (Point at the centre of a 64×64-unit cell
//                       of the tile; count, population) so no tile grows with the number of households.
//
// Extent 4096, buffer 64 for polygons and lines. Points (households, cells, labels) are taken from
// the tile itself without buffer, so each point is in exactly one tile and counts add up.
// An empty tile is answered with 204 No Content on both backends.

export const TILE_EXTENT = 4096;
/** Buffer around the tile for polygons and lines, in tile units (1/4096 of the tile side). */
export const TILE_BUFFER = 64;
export const MAX_TILE_ZOOM = 22;

export const GRID_LEVEL_LAYERS = ['prefecture', 'county', 'town', 'village', 'group'] as const;
export type GridLevel = (typeof GRID_LEVEL_LAYERS)[number];
export const GRID_LABELS_LAYER = 'grid_labels';
export const STREETS_LAYER = 'streets';
export const HOUSEHOLDS_LAYER = 'households';
export const HOUSEHOLD_CELLS_LAYER = 'household_cells';

/** The tile sets in the URL `/tiles/{tileSet}/…`. */
export const TILE_SETS = ['grids', 'streets', 'households'] as const;
export type TileSet = (typeof TILE_SETS)[number];

export function isTileSet(name: string): name is TileSet {
  return (TILE_SETS as readonly string[]).includes(name);
}

/** Lowest zoom at which streets are in tiles: below it a lane is a few pixels long. */
export const STREETS_MIN_ZOOM = 12;
/** From this zoom households are individual points; below it they are aggregated into cells. */
export const HOUSEHOLD_POINTS_MIN_ZOOM = 13;
/** Side of an aggregation cell in tile units: 64 → at most 64 × 64 cells per tile (8 px on a 512 px tile). */
export const HOUSEHOLD_CELL_SIZE = 64;

/** Grid levels drawn at zoom `z`: coarse levels only when zoomed out. */
export function gridLevelsAtZoom(z: number): GridLevel[] {
  if (z <= 8) return ['prefecture', 'county', 'town'];
  if (z <= 10) return ['prefecture', 'county', 'town', 'village'];
  return ['prefecture', 'county', 'town', 'village', 'group'];
}

export interface TileCoord {
  z: number;
  x: number;
  y: number;
}

/** Why `z/x/y` is not a tile (naming the parameter), or undefined when it is one. */
export function tileCoordProblem({ z, x, y }: TileCoord): { parameter: 'z' | 'x' | 'y'; message: string } | undefined {
  if (!Number.isInteger(z) || z < 0 || z > MAX_TILE_ZOOM) {
    return { parameter: 'z', message: `must be an integer from 0 to ${MAX_TILE_ZOOM}` };
  }
  const size = 2 ** z;
  for (const [parameter, value] of [
    ['x', x],
    ['y', y],
  ] as const) {
    if (!Number.isInteger(value) || value < 0 || value >= size) {
      return { parameter, message: `must be an integer from 0 to ${size - 1} at zoom ${z}` };
    }
  }
  return undefined;
}

export type TileLayerName =
  GridLevel | typeof GRID_LABELS_LAYER | typeof STREETS_LAYER | typeof HOUSEHOLDS_LAYER | typeof HOUSEHOLD_CELLS_LAYER;

/** The MVT layers a tile of `set` at zoom `z` carries, in encoding order (polygons under labels). */
export function tileLayersAt(set: TileSet, z: number): TileLayerName[] {
  switch (set) {
    case 'grids':
      return [...gridLevelsAtZoom(z), GRID_LABELS_LAYER];
    case 'streets':
      return z >= STREETS_MIN_ZOOM ? [STREETS_LAYER] : [];
    case 'households':
      return [z >= HOUSEHOLD_POINTS_MIN_ZOOM ? HOUSEHOLDS_LAYER : HOUSEHOLD_CELLS_LAYER];
  }
}
