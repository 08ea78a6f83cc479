import type { ExpressionSpecification, LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import { gridColors } from './palette.js';

/**
 * Neighbouring counties and the home counties' outlines, from the `region` GeoJSON source. `home`
 * is the codes of the counties the viewer's scope covers (lib/map/homeCounties.ts): one county, or
 * every county of a prefecture; the others are only context.
 */
export function regionStyleLayers(home: readonly string[]): LayerSpecification[] {
  const isHome = (): ExpressionSpecification => ['in', ['get', 'code'], ['literal', [...home]]];
  return [
    {
      id: 'region-fill',
      type: 'fill',
      source: 'region',
      paint: { 'fill-color': ['case', isHome(), '#fffdf6', '#ebe9e1'] },
    },
    {
      id: 'region-outline',
      type: 'line',
      source: 'region',
      filter: ['!', isHome()],
      paint: { 'line-color': '#a9a59a', 'line-width': 1, 'line-dasharray': [3, 2] },
    },
    {
      id: 'region-label',
      type: 'symbol',
      source: 'region-labels',
      filter: ['!', isHome()],
      layout: { 'text-field': ['get', 'name'], 'text-font': ['sans-serif'], 'text-size': 14 },
      paint: { 'text-color': '#85817a', 'text-halo-color': '#ebe9e1', 'text-halo-width': 1.5 },
    },
  ];
}

/** Drawn last among the polygons so grid lines never hide a home county's border. */
export function countyOutlineLayer(home: readonly string[]): LayerSpecification {
  return {
    id: 'county-outline',
    type: 'line',
    source: 'region',
    filter: ['in', ['get', 'code'], ['literal', [...home]]],
    layout: { 'line-join': 'round' },
    paint: { 'line-color': gridColors.county, 'line-width': ['interpolate', ['linear'], ['zoom'], 7, 2.5, 12, 4] },
  };
}
