import type { LayerSpecification, StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import {
  GRID_LEVEL_LAYERS,
  HOUSEHOLD_CELLS_LAYER,
  HOUSEHOLD_POINTS_MIN_ZOOM,
  HOUSEHOLDS_LAYER,
  STREETS_LAYER,
  TILE_SETS,
  type GridLevel,
} from './tileLayers.js';

/**
 * `/style.json`: a MapLibre style (spec v8) of gridmap's own sources only — each tile set by its
 * TileJSON URL and the county outlines from `/api/basemap/region` — so a desktop GIS or another
 * MapLibre page gets the same layers by one URL, and nothing is fetched from outside the intranet.
 * No labels: text layers need a `glyphs` server of SDF font ranges, which gridmap does not have
 * (the web app draws labels with the browser's local CJK fonts instead); so no `glyphs` and, with
 * no icons, no `sprite`. Labels can still be made in the client from `grid_labels`. Pure.
 */

const lineColour: Record<GridLevel, string> = {
  prefecture: '#5b3a82',
  county: '#7a3d8c',
  town: '#b0453a',
  village: '#c9852f',
  group: '#4f7d5c',
};
const lineWidth: Record<GridLevel, number> = { prefecture: 3, county: 2.5, town: 2, village: 1.2, group: 0.8 };

function gridLayers(): LayerSpecification[] {
  return GRID_LEVEL_LAYERS.flatMap((level): LayerSpecification[] => [
    {
      id: `grid-${level}-fill`,
      type: 'fill',
      source: 'grids',
      'source-layer': level,
      paint: { 'fill-color': lineColour[level], 'fill-opacity': 0.04 },
    },
    {
      id: `grid-${level}-line`,
      type: 'line',
      source: 'grids',
      'source-layer': level,
      paint: { 'line-color': lineColour[level], 'line-width': lineWidth[level] },
    },
  ]);
}

/** The style, every URL absolute on `origin` (MapLibre fetches tiles from workers with blob: base URLs). */
export function tileStyle(origin: string): StyleSpecification & { name: string } {
  return {
    version: 8,
    name: 'gridmap',
    metadata: { 'gridmap:about': 'grid governance layers; only what the caller’s scope covers' },
    sources: {
      region: { type: 'geojson', data: `${origin}/api/basemap/region` },
      ...Object.fromEntries(
        TILE_SETS.map((set) => [set, { type: 'vector' as const, url: `${origin}/tiles/${set}.json` }]),
      ),
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#eef0ec' } },
      { id: 'region-fill', type: 'fill', source: 'region', paint: { 'fill-color': '#dfe3dc', 'fill-opacity': 0.8 } },
      { id: 'region-line', type: 'line', source: 'region', paint: { 'line-color': '#9aa39a', 'line-width': 1 } },
      ...gridLayers(),
      {
        id: 'household-cells',
        type: 'circle',
        source: 'households',
        'source-layer': HOUSEHOLD_CELLS_LAYER,
        maxzoom: HOUSEHOLD_POINTS_MIN_ZOOM,
        paint: {
          'circle-color': '#3d6fa8',
          'circle-opacity': 0.6,
          'circle-radius': ['interpolate', ['linear'], ['get', 'count'], 1, 2, 50, 8],
        },
      },
      {
        id: 'households',
        type: 'circle',
        source: 'households',
        'source-layer': HOUSEHOLDS_LAYER,
        minzoom: HOUSEHOLD_POINTS_MIN_ZOOM,
        paint: {
          'circle-color': '#3d6fa8',
          'circle-radius': 3,
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 1,
        },
      },
      {
        id: 'streets',
        type: 'line',
        source: 'streets',
        'source-layer': STREETS_LAYER,
        paint: { 'line-color': '#d2691e', 'line-width': 2 },
      },
    ],
  };
}
