import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import type { CaseDeadlineState } from '@domain/caseDeadline.js';
import type { CaseLevel } from '@domain/caseLevel.js';
import type { CaseStatus } from '@domain/caseLifecycle.js';

// The read API's replies as the map uses them (server/src/routes/{cameras,cases}.ts). Only the
// fields the web reads are listed; domain types come type-only from the server.

export type DeadlineState = CaseDeadlineState;

export interface CameraProperties {
  id: string;
  name: string;
  site: string;
  status: 'online' | 'offline';
  lastSeen: string;
}

export interface CaseProperties {
  serial: string;
  category: string;
  categoryName: string;
  status: CaseStatus;
  level: CaseLevel;
  /** Only null for cases that are not open; the map asks for open cases. */
  deadlineState: DeadlineState | null;
  reportedAt: string;
  stageWarnAt: string | null;
  stageDueAt: string | null;
}

export interface RegionCountyProperties {
  code: string;
  name: string;
  level: string;
  /** [lon, lat] inside the polygon, from the source data. */
  labelPoint: [number, number];
}

export interface GridProperties {
  code: string;
  name: string;
  level: 'county' | 'town' | 'village' | 'group';
}

export type CameraCollection = FeatureCollection<Point, CameraProperties>;
export type CaseCollection = FeatureCollection<Point, CaseProperties>;
export type RegionCollection = FeatureCollection<Polygon | MultiPolygon, RegionCountyProperties>;
export type GridFeature = Feature<Polygon | MultiPolygon, GridProperties>;
