import {
  GRID_LABELS_LAYER,
  GRID_LEVEL_LAYERS,
  HOUSEHOLD_CELLS_LAYER,
  HOUSEHOLD_POINTS_MIN_ZOOM,
  HOUSEHOLDS_LAYER,
  STREETS_LAYER,
  STREETS_MIN_ZOOM,
  gridLevelsAtZoom,
  type TileSet,
} from './tileLayers.js';

/**
 * TileJSON 3.0.0 documents of the vector tile sets (https://github.com/mapbox/tilejson-spec/tree/master/3.0.0),
 * so MapLibre, QGIS and other clients add a set by URL and know its layers, fields and zooms. Pure:
 * the origin comes from the request (http/requestOrigin.ts).
 */

/** A `vector_layers` entry: the fields a tile's features carry and their kinds, as TileJSON 3.0.0 says. */
export interface VectorLayer {
  id: string;
  description: string;
  fields: Record<string, 'String' | 'Number' | 'Boolean'>;
  minzoom: number;
  maxzoom: number;
}

export interface TileJson {
  tilejson: '3.0.0';
  name: string;
  description: string;
  attribution: string;
  scheme: 'xyz';
  tiles: string[];
  minzoom: number;
  maxzoom: number;
  vector_layers: VectorLayer[];
}

/**
 * Tiles are complete at z14 (single households, groups); clients overzoom beyond it, as the web
 * app's sources do (web/src/lib/map/tileSources.ts).
 */
export const TILE_JSON_MAX_ZOOM = 14;

export const TILE_ATTRIBUTION = 'gridmap';

const gridFields = { code: 'String', name: 'String', level: 'String', parentCode: 'String' } as const;

/** The first zoom at which a grid level is in the tiles (tiles/tileLayers.ts gridLevelsAtZoom). */
function firstZoomOf(level: string): number {
  for (let z = 0; z <= TILE_JSON_MAX_ZOOM; z++) if ((gridLevelsAtZoom(z) as string[]).includes(level)) return z;
  return TILE_JSON_MAX_ZOOM;
}

const max = TILE_JSON_MAX_ZOOM;

/** The layers of each set, with the zooms at which tiles carry them. */
export function vectorLayersOf(set: TileSet): VectorLayer[] {
  switch (set) {
    case 'grids':
      return [
        ...GRID_LEVEL_LAYERS.map((level) => ({
          id: level,
          description: `${level} grid outlines (MultiPolygon; feature id = grid row id)`,
          fields: { ...gridFields },
          minzoom: firstZoomOf(level),
          maxzoom: max,
        })),
        {
          id: GRID_LABELS_LAYER,
          description: 'a label point per grid, for the levels drawn at the zoom',
          fields: { code: 'String', name: 'String', level: 'String' },
          minzoom: 0,
          maxzoom: max,
        },
      ];
    case 'streets':
      return [
        {
          id: STREETS_LAYER,
          description: 'responsibility streets and lanes (LineString); never the street chief',
          fields: { id: 'Number', name: 'String', groupCode: 'String' },
          minzoom: STREETS_MIN_ZOOM,
          maxzoom: max,
        },
      ];
    case 'households':
      return [
        {
          id: HOUSEHOLDS_LAYER,
          description: 'households as points (no names)',
          fields: { id: 'Number', size: 'Number', groupCode: 'String' },
          minzoom: HOUSEHOLD_POINTS_MIN_ZOOM,
          maxzoom: max,
        },
        {
          id: HOUSEHOLD_CELLS_LAYER,
          description: 'households counted per cell of the tile, below the zoom of single points',
          fields: { count: 'Number', population: 'Number' },
          minzoom: 0,
          maxzoom: HOUSEHOLD_POINTS_MIN_ZOOM - 1,
        },
      ];
  }
}

const descriptions: Record<TileSet, string> = {
  grids: 'grid outlines from the prefecture to the villager group, and their label points',
  streets: 'responsibility streets (街长制)',
  households: 'households, aggregated into cells when zoomed out',
};

/** The TileJSON of `set`, its tile URL absolute on `origin` (e.g. `https://gis.example.cn`). */
export function tileJson(set: TileSet, origin: string): TileJson {
  return {
    tilejson: '3.0.0',
    name: `gridmap ${set}`,
    description: `${descriptions[set]}; only what the caller's scope covers`,
    attribution: TILE_ATTRIBUTION,
    scheme: 'xyz',
    tiles: [`${origin}/tiles/${set}/{z}/{x}/{y}.mvt`],
    minzoom: set === 'streets' ? STREETS_MIN_ZOOM : 0,
    maxzoom: TILE_JSON_MAX_ZOOM,
    vector_layers: vectorLayersOf(set),
  };
}
