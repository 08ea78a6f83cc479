import type { LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import { gridColors } from './palette.js';
import { STREETS_MIN_ZOOM, tileLayerNames } from './tileSources.js';

/** Responsibility streets (街长制) from the `streets` tiles; the chief's name is never in a tile. */
export function streetStyleLayers(): LayerSpecification[] {
  return [
    {
      id: 'street-line',
      type: 'line',
      source: 'streets',
      'source-layer': tileLayerNames.streets,
      minzoom: STREETS_MIN_ZOOM,
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: {
        'line-color': gridColors.street,
        'line-width': ['interpolate', ['linear'], ['zoom'], 12, 1, 16, 4],
        'line-opacity': 0.85,
      },
    },
    {
      id: 'street-label',
      type: 'symbol',
      source: 'streets',
      'source-layer': tileLayerNames.streets,
      minzoom: 14,
      layout: {
        'symbol-placement': 'line',
        'text-field': ['get', 'name'],
        'text-font': ['sans-serif'],
        'text-size': 11,
      },
      paint: { 'text-color': '#24497d', 'text-halo-color': '#ffffff', 'text-halo-width': 1.4 },
    },
  ];
}
