import type { VectorSourceSpecification } from '@maplibre/maplibre-gl-style-spec';
import {
  GRID_LABELS_LAYER,
  HOUSEHOLD_CELLS_LAYER,
  HOUSEHOLD_POINTS_MIN_ZOOM,
  HOUSEHOLDS_LAYER,
  STREETS_LAYER,
  STREETS_MIN_ZOOM,
  type TileSet,
} from '@tiles/tileLayers.js';

/** The source-layer names inside the server's tiles, from the server's own constants. */
export const tileLayerNames = {
  county: 'county',
  town: 'town',
  village: 'village',
  group: 'group',
  gridLabels: GRID_LABELS_LAYER,
  streets: STREETS_LAYER,
  households: HOUSEHOLDS_LAYER,
  householdCells: HOUSEHOLD_CELLS_LAYER,
} as const;

export { HOUSEHOLD_POINTS_MIN_ZOOM, STREETS_MIN_ZOOM };

/**
 * A tile set as a MapLibre source. Requested up to z14 and overzoomed beyond: the finest detail
 * (single households, groups) is complete at z14. `origin` makes the URL absolute because MapLibre
 * fetches tiles from workers, whose base URL is a blob.
 */
export function tileSource(origin: string, set: TileSet, attribution: string): VectorSourceSpecification {
  return {
    type: 'vector',
    tiles: [`${origin}/tiles/${set}/{z}/{x}/{y}.mvt`],
    minzoom: set === 'streets' ? STREETS_MIN_ZOOM : 0,
    maxzoom: 14,
    attribution,
  };
}
