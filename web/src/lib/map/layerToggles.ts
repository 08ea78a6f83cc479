import { alertLayerIds } from './alertLayer.js';

/** What the legend can switch on and off, in legend order. */
export const layerToggles = [
  'towns',
  'villages',
  'groups',
  'streets',
  'households',
  'cameras',
  'cases',
  'alerts',
] as const;
export type LayerToggle = (typeof layerToggles)[number];

/** The MapLibre style layers each toggle shows or hides (ids from the layer factories). */
export const styleLayersOf: Record<LayerToggle, readonly string[]> = {
  towns: ['grid-town-line', 'grid-town-label'],
  villages: ['grid-village-line', 'grid-village-label'],
  groups: ['grid-group-line', 'grid-group-label'],
  streets: ['street-line', 'street-label'],
  households: ['household-cell', 'household-point'],
  cameras: [],
  cases: [],
  alerts: alertLayerIds,
};

/** The deck.gl layers each toggle shows or hides. */
export const deckLayersOf: Record<LayerToggle, readonly string[]> = {
  towns: [],
  villages: [],
  groups: [],
  streets: [],
  households: [],
  cameras: ['cameras'],
  cases: ['cases'],
  alerts: [],
};

export type LayerVisibility = Record<LayerToggle, boolean>;

export const allLayersVisible: LayerVisibility = {
  towns: true,
  villages: true,
  groups: true,
  streets: true,
  households: true,
  cameras: true,
  cases: true,
  alerts: true,
};
