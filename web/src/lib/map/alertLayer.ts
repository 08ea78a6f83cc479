import type { GeoJSONSourceSpecification, LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';

/**
 * The early-warning layer (issue #15 part 5): the villages with an alert today, drawn as a light
 * fill with a white-cased orange outline — a colour no other grid, case or thematic class uses,
 * so it reads over the thematic map too. The outlines come as GeoJSON (a few villages), not from
 * the grid tiles: those carry villages only from z9, and a county leader sees the county at z8.
 */
export const alertColor = '#ff6a00';
export const alertFill = 'rgba(255, 106, 0, 0.18)';

/** One alerted village as the layer draws it. */
export interface AlertOutline {
  code: string;
  geometry: Polygon | MultiPolygon;
}

const sourceId = 'alert-villages';

/** The style layers, in drawing order; the legend's 'alerts' toggle switches them. */
export const alertLayerIds = ['alert-village-fill', 'alert-village-casing', 'alert-village-line'] as const;

const outlines = (villages: readonly AlertOutline[]): FeatureCollection<Polygon | MultiPolygon, { code: string }> => ({
  type: 'FeatureCollection',
  features: villages.map(({ code, geometry }) => ({ type: 'Feature', properties: { code }, geometry })),
});

/** The layer's source, empty until the alerts arrive. */
export function alertSources(): Record<string, GeoJSONSourceSpecification> {
  return { [sourceId]: { type: 'geojson', data: outlines([]) } };
}

export function alertStyleLayers(): LayerSpecification[] {
  return [
    { id: 'alert-village-fill', type: 'fill', source: sourceId, paint: { 'fill-color': alertFill } },
    {
      id: 'alert-village-casing',
      type: 'line',
      source: sourceId,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': '#ffffff', 'line-width': ['interpolate', ['linear'], ['zoom'], 7, 3, 14, 7] },
    },
    {
      id: 'alert-village-line',
      type: 'line',
      source: sourceId,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': alertColor, 'line-width': ['interpolate', ['linear'], ['zoom'], 7, 1.6, 14, 4] },
    },
  ];
}

/**
 * Moves the alert layers just under `beforeId`: the drill-down's mask and thematic fills are added
 * on load, above the style's own layers, and would otherwise cover the alerted villages.
 */
export function raiseAlertLayers(map: MapLibreMap, beforeId: string): void {
  const before = map.getLayer(beforeId) ? beforeId : undefined;
  for (const id of alertLayerIds) if (map.getLayer(id)) map.moveLayer(id, before);
}

/** Draws `villages` (none: an empty list). */
export function applyAlertVillages(map: MapLibreMap, villages: readonly AlertOutline[]): void {
  map.getSource<GeoJSONSource>(sourceId)?.setData(outlines(villages));
}
