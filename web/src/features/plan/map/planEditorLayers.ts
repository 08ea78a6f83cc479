import type { FilterSpecification, LayerSpecification } from '@maplibre/maplibre-gl-style-spec';

/** Source ids of the editor's GeoJSON layers (the basemap's tile sources keep their own). */
export const planSources = {
  grids: 'plan-grids',
  parent: 'plan-parent',
  reference: 'plan-reference',
  problems: 'plan-problems',
  vertices: 'plan-vertices',
  draft: 'plan-draft',
} as const;

export const planColors = {
  grid: '#2f6f3a',
  selected: '#1f5fbf',
  parent: '#7a1f12',
  reference: '#555555',
  changed: '#c0392b',
  problem: '#d62828',
  vertex: '#1f5fbf',
  sharedVertex: '#e07b00',
  draft: '#8e44ad',
};

/** Published-tile layers the editor hides: the plan draws its own grids, old outlines are on demand. */
export const hiddenTileLayers = [
  'grid-group-line',
  'grid-village-line',
  'grid-town-line',
  'grid-town-label',
  'grid-village-label',
  'grid-group-label',
];

/** Draw order: reference under the plan, problems over it, vertices and the drawing on top. */
export function planEditorLayers(): LayerSpecification[] {
  const selected = ['in', ['get', 'code'], ['literal', []]] as unknown as FilterSpecification;
  return [
    {
      id: 'plan-grid-fill',
      type: 'fill',
      source: planSources.grids,
      paint: { 'fill-color': planColors.grid, 'fill-opacity': 0.06 },
    },
    {
      id: 'plan-grid-selected-fill',
      type: 'fill',
      source: planSources.grids,
      filter: selected,
      paint: { 'fill-color': planColors.selected, 'fill-opacity': 0.18 },
    },
    {
      id: 'plan-reference-line',
      type: 'line',
      source: planSources.reference,
      paint: {
        'line-color': ['case', ['boolean', ['get', 'highlight'], false], planColors.changed, planColors.reference],
        'line-width': ['case', ['boolean', ['get', 'highlight'], false], 3, 1.5],
        'line-dasharray': [2, 2],
      },
    },
    {
      id: 'plan-parent-line',
      type: 'line',
      source: planSources.parent,
      paint: { 'line-color': planColors.parent, 'line-width': 3, 'line-opacity': 0.8 },
    },
    {
      id: 'plan-grid-line',
      type: 'line',
      source: planSources.grids,
      paint: {
        'line-color': planColors.grid,
        'line-width': ['match', ['get', 'level'], 'village', 2.5, 1.5],
      },
    },
    {
      id: 'plan-grid-selected-line',
      type: 'line',
      source: planSources.grids,
      filter: selected,
      paint: { 'line-color': planColors.selected, 'line-width': 3 },
    },
    {
      id: 'plan-grid-label',
      type: 'symbol',
      source: planSources.grids,
      layout: { 'text-field': ['get', 'name'], 'text-font': ['sans-serif'], 'text-size': 12 },
      paint: { 'text-color': '#234a2a', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
    },
    {
      id: 'plan-problem-fill',
      type: 'fill',
      source: planSources.problems,
      filter: ['in', ['geometry-type'], ['literal', ['Polygon', 'MultiPolygon']]],
      paint: { 'fill-color': planColors.problem, 'fill-opacity': 0.45 },
    },
    {
      id: 'plan-problem-point',
      type: 'circle',
      source: planSources.problems,
      filter: ['in', ['geometry-type'], ['literal', ['Point', 'MultiPoint']]],
      paint: {
        'circle-radius': 7,
        'circle-color': planColors.problem,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    },
    {
      id: 'plan-problem-label',
      type: 'symbol',
      source: planSources.problems,
      filter: ['in', ['geometry-type'], ['literal', ['Point', 'MultiPoint']]],
      layout: {
        'text-field': ['get', 'label'],
        'text-font': ['sans-serif'],
        'text-size': 12,
        'text-offset': [0, 1.4],
        'text-allow-overlap': true,
      },
      paint: { 'text-color': '#8a1f1b', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
    },
    {
      id: 'plan-draft-line',
      type: 'line',
      source: planSources.draft,
      paint: { 'line-color': planColors.draft, 'line-width': 2.5, 'line-dasharray': [3, 1] },
    },
    {
      id: 'plan-draft-point',
      type: 'circle',
      source: planSources.draft,
      filter: ['in', ['geometry-type'], ['literal', ['Point', 'MultiPoint']]],
      paint: { 'circle-radius': 4, 'circle-color': planColors.draft },
    },
    {
      id: 'plan-vertex',
      type: 'circle',
      source: planSources.vertices,
      paint: {
        'circle-radius': ['case', ['>', ['get', 'shared'], 1], 6, 4.5],
        'circle-color': ['case', ['>', ['get', 'shared'], 1], planColors.sharedVertex, planColors.vertex],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.5,
      },
    },
  ];
}

/** The filter that shows only `codes` in the selection layers. */
export function selectionFilter(codes: readonly string[]): FilterSpecification {
  return ['in', ['get', 'code'], ['literal', [...codes]]] as unknown as FilterSpecification;
}
