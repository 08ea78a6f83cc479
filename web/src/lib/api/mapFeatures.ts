import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import type { CaseDeadlineState } from '@domain/caseDeadline.js';
import type { CameraFeatureProperties } from '@contract/cameras.js';
import type { CaseFeatureProperties } from '@contract/cases.js';
import type { GridProperties } from '@contract/grids.js';

// The read API's replies as the map uses them: the properties are the contract's (server/src/contract),
// wrapped in the GeoJSON types MapLibre and deck.gl take.

export type DeadlineState = CaseDeadlineState;
export type CameraProperties = CameraFeatureProperties;
export type CaseProperties = CaseFeatureProperties;

export interface RegionCountyProperties {
  code: string;
  name: string;
  level: string;
  /** [lon, lat] inside the polygon, from the source data. */
  labelPoint: [number, number];
}

export type CameraCollection = FeatureCollection<Point, CameraProperties>;
export type CaseCollection = FeatureCollection<Point, CaseProperties>;
export type RegionCollection = FeatureCollection<Polygon | MultiPolygon, RegionCountyProperties>;
export type { GridProperties };
export type GridFeature = Feature<Polygon | MultiPolygon, GridProperties>;
