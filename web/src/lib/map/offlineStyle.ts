import type { StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { FeatureCollection, Point } from 'geojson';
import type { RegionCollection } from '../api/mapFeatures.js';
import { countyOutlineLayer, regionStyleLayers } from './regionStyleLayers.js';
import { gridLabelLayers, gridStyleLayers } from './gridStyleLayers.js';
import { alertSources, alertStyleLayers } from './alertLayer.js';
import { streetStyleLayers } from './streetStyleLayers.js';
import { householdStyleLayers } from './householdStyleLayers.js';
import { tileSource } from './tileSources.js';

export interface OfflineStyleInput {
  /** The page's origin; every source URL is on it. */
  origin: string;
  region: RegionCollection;
  /** The region counties the viewer's scope covers (homeCounties): drawn as home, the rest as context. */
  home: readonly string[];
  attribution: { data: string; boundary: string };
}

/**
 * The whole basemap, built in code from gridmap's own server. No `glyphs` and no `sprite`: MapLibre
 * then draws every label with the browser's local fonts, so nothing is fetched from outside.
 */
export function offlineStyle({ origin, region, home, attribution }: OfflineStyleInput): StyleSpecification {
  return {
    version: 8,
    name: 'gridmap offline',
    sources: {
      region: { type: 'geojson', data: region, attribution: attribution.boundary },
      'region-labels': { type: 'geojson', data: regionLabelPoints(region) },
      grids: tileSource(origin, 'grids', attribution.data),
      streets: tileSource(origin, 'streets', attribution.data),
      households: tileSource(origin, 'households', attribution.data),
      ...alertSources(),
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#d8dcd6' } },
      ...regionStyleLayers(home),
      ...householdStyleLayers(),
      ...gridStyleLayers(),
      ...alertStyleLayers(),
      ...streetStyleLayers(),
      countyOutlineLayer(home),
      ...gridLabelLayers(),
    ],
  };
}

/** Label points the source data placed inside each county (a polygon's centroid can fall outside). */
export function regionLabelPoints(region: RegionCollection): FeatureCollection<Point, { code: string; name: string }> {
  return {
    type: 'FeatureCollection',
    features: region.features.map((feature) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: feature.properties.labelPoint },
      properties: { code: feature.properties.code, name: feature.properties.name },
    })),
  };
}
