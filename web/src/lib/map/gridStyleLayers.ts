import type { LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import { gridColors } from './palette.js';
import { tileLayerNames } from './tileSources.js';

const labelFont = ['sans-serif'];

/**
 * Town, village and group outlines from the `grids` tiles, with labels per level by zoom: towns
 * while the county fills the screen, villages from z10, groups from z13 (each level's labels
 * give way to the next so the map never shows three layers of names).
 */
export function gridStyleLayers(): LayerSpecification[] {
  return [
    {
      id: 'grid-group-line',
      type: 'line',
      source: 'grids',
      'source-layer': tileLayerNames.group,
      minzoom: 11,
      paint: {
        'line-color': gridColors.group,
        'line-width': ['interpolate', ['linear'], ['zoom'], 11, 0.5, 15, 1.5],
        'line-dasharray': [4, 2],
      },
    },
    {
      id: 'grid-village-line',
      type: 'line',
      source: 'grids',
      'source-layer': tileLayerNames.village,
      minzoom: 9,
      paint: {
        'line-color': gridColors.village,
        'line-width': ['interpolate', ['linear'], ['zoom'], 9, 0.6, 14, 2],
      },
    },
    {
      id: 'grid-town-line',
      type: 'line',
      source: 'grids',
      'source-layer': tileLayerNames.town,
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': gridColors.town,
        'line-width': ['interpolate', ['linear'], ['zoom'], 7, 1.2, 14, 3.5],
      },
    },
  ];
}

export function gridLabelLayers(): LayerSpecification[] {
  const label = (
    level: 'town' | 'village' | 'group',
    minzoom: number,
    maxzoom: number,
    size: number,
    color: string,
  ): LayerSpecification => ({
    id: `grid-${level}-label`,
    type: 'symbol',
    source: 'grids',
    'source-layer': tileLayerNames.gridLabels,
    minzoom,
    maxzoom,
    filter: ['==', ['get', 'level'], level],
    layout: {
      'text-field': ['get', 'name'],
      'text-font': labelFont,
      'text-size': size,
      'text-padding': 4,
      'symbol-sort-key': ['to-number', ['get', 'code']],
    },
    paint: { 'text-color': color, 'text-halo-color': '#ffffff', 'text-halo-width': 1.6 },
  });
  return [
    label('town', 7, 11, 16, '#6e2a14'),
    label('village', 10, 14.5, 13, '#7a4a14'),
    label('group', 13, 24, 12, '#3e6a38'),
  ];
}
