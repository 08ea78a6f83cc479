import type { LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import { gridColors } from './palette.js';
import { HOUSEHOLD_POINTS_MIN_ZOOM, tileLayerNames } from './tileSources.js';

/**
 * Households from the `households` tiles: cells aggregated by the server below z13 (`count`,
 * circle area proportional to it), single points from z13.
 *
 * Drawn by MapLibre rather than deck.gl's MVTLayer: households are anonymous and never picked (no
 * personal data on the map), MapLibre already caches, overzooms and parses these tiles in its
 * workers, and MVTLayer would add @deck.gl/geo-layers and loaders.gl to the bundle for no gain.
 */
export function householdStyleLayers(): LayerSpecification[] {
  return [
    {
      id: 'household-cell',
      type: 'circle',
      source: 'households',
      'source-layer': tileLayerNames.householdCells,
      maxzoom: HOUSEHOLD_POINTS_MIN_ZOOM,
      paint: {
        'circle-color': gridColors.household,
        'circle-opacity': 0.45,
        'circle-radius': [
          'interpolate',
          ['linear'],
          ['sqrt', ['to-number', ['get', 'count'], 1]],
          1,
          1.5,
          10,
          5,
          40,
          12,
        ],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 0.5,
      },
    },
    {
      id: 'household-point',
      type: 'circle',
      source: 'households',
      'source-layer': tileLayerNames.households,
      minzoom: HOUSEHOLD_POINTS_MIN_ZOOM,
      paint: {
        'circle-color': gridColors.household,
        'circle-opacity': 0.8,
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 13, 1.6, 17, 4.5],
      },
    },
  ];
}
