import type { ExpressionSpecification, LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import { gridColors } from './palette.js';

/** The county whose grids the map shows; its neighbours are only context. */
export const homeCountyCode = '620724000000';

/** Neighbouring counties and the home county's outline, from the `region` GeoJSON source. */
export function regionStyleLayers(): LayerSpecification[] {
  const isHome = (): ExpressionSpecification => ['==', ['get', 'code'], homeCountyCode];
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

/** Drawn last among the polygons so grid lines never hide the county border. */
export function countyOutlineLayer(): LayerSpecification {
  return {
    id: 'county-outline',
    type: 'line',
    source: 'region',
    filter: ['==', ['get', 'code'], homeCountyCode],
    layout: { 'line-join': 'round' },
    paint: { 'line-color': gridColors.county, 'line-width': ['interpolate', ['linear'], ['zoom'], 7, 2.5, 12, 4] },
  };
}
