import type {
  ExpressionSpecification,
  FilterSpecification,
  LayerSpecification,
} from '@maplibre/maplibre-gl-style-spec';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon, Position } from 'geojson';
import type { Map as MapLibreMap, GeoJSONSource } from 'maplibre-gl';
import { gridColors } from './palette.js';
import { tileLayerNames } from './tileSources.js';

/** The grid levels that have their own source-layer in the `grids` tiles and can be drilled into. */
export const drillableLevels = ['county', 'town', 'village', 'group'] as const;
export type DrillableLevel = (typeof drillableLevels)[number];

/** What the map shows for the selected grid: its outline, a mask over everything else, its children. */
export interface DrillFocus {
  code: string;
  geometry: Polygon | MultiPolygon;
  childLevel: DrillableLevel | null;
  childCodes: readonly string[];
}

/** Layers are inserted under the grid labels (deck.gl's points go above them, added later). */
export const drillBeforeLayer = 'grid-town-label';

const noFeature: FilterSpecification = ['==', ['get', 'code'], '__none__'];
const transparent = 'rgba(0, 0, 0, 0)';
/** The thematic colours over the basemap: strong enough to read, light enough to see the streets. */
const thematicOpacity = 0.62;
const emptyCollection: FeatureCollection = { type: 'FeatureCollection', features: [] };

/**
 * A polygon covering the whole map with the selected grid cut out: one fill dims siblings and
 * everything else at every zoom, whichever level's tiles are loaded (group tiles start at z11).
 */
export function maskAround(geometry: Polygon | MultiPolygon): Feature<Polygon> {
  const holes: Position[][] =
    geometry.type === 'Polygon'
      ? geometry.coordinates.slice(0, 1)
      : geometry.coordinates.flatMap((polygon) => polygon.slice(0, 1));
  const world: Position[] = [
    [-180, -85],
    [180, -85],
    [180, 85],
    [-180, 85],
    [-180, -85],
  ];
  return { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [world, ...holes] } };
}

/** The sources and layers of the drill-down, the thematic colours, the density view and highlights. */
export function drillSources() {
  return {
    'drill-mask': { type: 'geojson' as const, data: emptyCollection },
    'drill-selected': { type: 'geojson' as const, data: emptyCollection },
    'drill-density': { type: 'geojson' as const, data: emptyCollection },
    'drill-case': { type: 'geojson' as const, data: emptyCollection },
  };
}

export function drillStyleLayers(): LayerSpecification[] {
  const perLevel = drillableLevels.flatMap((level): LayerSpecification[] => [
    // Invisible fills: what a click lands on (line layers are only hit on the line itself). Opacity
    // 0, not a transparent colour: MapLibre then skips drawing them but still answers queries, and
    // each would otherwise cost a full-screen pass on software WebGL.
    {
      id: `drill-hit-${level}`,
      type: 'fill',
      source: 'grids',
      'source-layer': tileLayerNames[level],
      paint: { 'fill-color': transparent, 'fill-opacity': 0 },
    },
    {
      id: `drill-child-fill-${level}`,
      type: 'fill',
      source: 'grids',
      'source-layer': tileLayerNames[level],
      filter: noFeature,
      paint: { 'fill-color': transparent, 'fill-opacity': 0 },
    },
    {
      id: `drill-child-line-${level}`,
      type: 'line',
      source: 'grids',
      'source-layer': tileLayerNames[level],
      filter: noFeature,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': '#3b3b3b', 'line-width': 1.6, 'line-opacity': 0.9 },
    },
  ]);
  return [
    // The density view is MapLibre's heatmap, not deck.gl's HeatmapLayer: a few thousand points
    // need no GPU aggregation, it needs no float render targets (deck's does, which the software
    // WebGL of kiosks and the browser tests lacks), it stays out of the bundle, and it draws
    // into the same frame the PNG export reads.
    {
      id: 'drill-density',
      type: 'heatmap',
      source: 'drill-density',
      layout: { visibility: 'none' },
      paint: {
        'heatmap-radius': ['interpolate', ['linear'], ['zoom'], 8, 10, 12, 22, 15, 40],
        'heatmap-intensity': ['interpolate', ['linear'], ['zoom'], 8, 0.6, 14, 1.4],
        'heatmap-opacity': 0.78,
        'heatmap-color': [
          'interpolate',
          ['linear'],
          ['heatmap-density'],
          0,
          'rgba(255, 255, 204, 0)',
          0.2,
          'rgb(255, 237, 160)',
          0.4,
          'rgb(254, 178, 76)',
          0.6,
          'rgb(253, 141, 60)',
          0.8,
          'rgb(240, 59, 32)',
          1,
          'rgb(189, 0, 38)',
        ],
      },
    },
    ...perLevel,
    {
      id: 'drill-mask',
      type: 'fill',
      source: 'drill-mask',
      paint: { 'fill-color': '#5b5b5b', 'fill-opacity': 0.38 },
    },
    {
      id: 'drill-selected-line',
      type: 'line',
      source: 'drill-selected',
      layout: { 'line-join': 'round' },
      paint: { 'line-color': gridColors.county, 'line-width': 3.5 },
    },
    {
      id: 'drill-street',
      type: 'line',
      source: 'streets',
      'source-layer': tileLayerNames.streets,
      filter: noFeature,
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': '#ff3d00', 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 4, 16, 9] },
    },
    {
      id: 'drill-case',
      type: 'circle',
      source: 'drill-case',
      paint: {
        'circle-radius': 13,
        'circle-color': 'rgba(0, 0, 0, 0)',
        'circle-stroke-color': '#1d3fbf',
        'circle-stroke-width': 3,
      },
    },
    {
      id: 'drill-child-label',
      type: 'symbol',
      source: 'grids',
      'source-layer': tileLayerNames.gridLabels,
      filter: noFeature,
      layout: {
        'text-field': ['get', 'name'],
        'text-font': ['sans-serif'],
        'text-size': 14,
        'text-padding': 2,
        'text-allow-overlap': false,
      },
      paint: { 'text-color': '#1f1f1f', 'text-halo-color': '#ffffff', 'text-halo-width': 2 },
    },
  ];
}

/** Adds the drill-down's sources and layers to a loaded map (under the grid labels). */
export function addDrillLayers(map: MapLibreMap): void {
  for (const [id, source] of Object.entries(drillSources())) map.addSource(id, source);
  const before = map.getLayer(drillBeforeLayer) ? drillBeforeLayer : undefined;
  for (const layer of drillStyleLayers()) {
    // The child labels go on top of everything else, other layers under the basemap's labels.
    map.addLayer(layer, layer.id === 'drill-child-label' ? undefined : before);
  }
}

const codeIn = (codes: readonly string[]): FilterSpecification => ['in', ['get', 'code'], ['literal', [...codes]]];

/** Shows `focus` (or nothing): mask, outline, children outlined and labelled. */
export function applyDrillFocus(map: MapLibreMap, focus: DrillFocus | null): void {
  const mask = map.getSource<GeoJSONSource>('drill-mask');
  const selected = map.getSource<GeoJSONSource>('drill-selected');
  mask?.setData(focus ? maskAround(focus.geometry) : emptyCollection);
  selected?.setData(focus ? { type: 'Feature', properties: {}, geometry: focus.geometry } : emptyCollection);
  for (const level of drillableLevels) {
    const filter = focus && focus.childLevel === level ? codeIn(focus.childCodes) : noFeature;
    map.setFilter(`drill-child-fill-${level}`, filter);
    map.setFilter(`drill-child-line-${level}`, filter);
  }
  map.setFilter('drill-child-label', focus?.childLevel ? codeIn(focus.childCodes) : noFeature);
}

/** Colours the children by code (thematic map); null clears. */
export function applyThematic(map: MapLibreMap, colours: ReadonlyMap<string, string> | null): void {
  const fill: ExpressionSpecification | string =
    colours && colours.size > 0
      ? (['match', ['get', 'code'], ...[...colours].flat(), transparent] as unknown as ExpressionSpecification)
      : transparent;
  // Opacity 0 without colours: the layer is then not drawn at all (see drill-hit).
  const opacity = colours && colours.size > 0 ? thematicOpacity : 0;
  for (const level of drillableLevels) {
    map.setPaintProperty(`drill-child-fill-${level}`, 'fill-color', fill);
    map.setPaintProperty(`drill-child-fill-${level}`, 'fill-opacity', opacity);
  }
}

/** Case points for the density view; null hides it. */
export function applyDensity(map: MapLibreMap, points: readonly [number, number][] | null): void {
  const data: FeatureCollection<Point> = {
    type: 'FeatureCollection',
    features: (points ?? []).map((coordinates) => ({
      type: 'Feature',
      properties: {},
      geometry: { type: 'Point', coordinates },
    })),
  };
  map.getSource<GeoJSONSource>('drill-density')?.setData(data);
  map.setLayoutProperty('drill-density', 'visibility', points ? 'visible' : 'none');
}

export function applyStreetHighlight(map: MapLibreMap, streetId: number | null): void {
  map.setFilter('drill-street', streetId === null ? noFeature : ['==', ['to-number', ['get', 'id']], streetId]);
}

export function applyCaseMark(map: MapLibreMap, position: [number, number] | null): void {
  map
    .getSource<GeoJSONSource>('drill-case')
    ?.setData(
      position
        ? { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: position } }
        : emptyCollection,
    );
}

/** The drillable grid (code and level) under a screen point, finest first. */
export function gridsAt(map: MapLibreMap, point: { x: number; y: number }): { code: string; level: DrillableLevel }[] {
  const layers = drillableLevels.map((level) => `drill-hit-${level}`).filter((id) => map.getLayer(id));
  const found = map.queryRenderedFeatures([point.x, point.y], { layers });
  const seen = new Map<string, DrillableLevel>();
  for (const feature of found) {
    const code = feature.properties?.code as string | undefined;
    const level = feature.properties?.level as DrillableLevel | undefined;
    if (code && level && !seen.has(code)) seen.set(code, level);
  }
  return [...seen].map(([code, level]) => ({ code, level }));
}
