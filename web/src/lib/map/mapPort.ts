import type { Feature, Point } from 'geojson';
import type { CameraProperties, CaseProperties } from '../api/mapFeatures.js';
import type { Bbox } from './geometryBounds.js';
import type { LayerToggle } from './layerToggles.js';

/** What the pointer is over (or clicked): screen position in CSS pixels of the map container. */
export type MapPick =
  | { kind: 'camera'; properties: CameraProperties; x: number; y: number; pinned: boolean }
  | { kind: 'case'; properties: CaseProperties; x: number; y: number; pinned: boolean };

/**
 * The map as views see it. Only `lib/map/` knows MapLibre and deck.gl are behind it, so a view can
 * be tested with a stand-in.
 */
export interface MapPort {
  /** Resolves once the style, the first tiles and the first camera and case data have been drawn. */
  readonly ready: Promise<void>;
  setLayerVisible(toggle: LayerToggle, visible: boolean): void;
  setCameras(features: Feature<Point, CameraProperties>[]): void;
  setCases(features: Feature<Point, CaseProperties>[]): void;
  fitBounds(bbox: Bbox, options?: { animate?: boolean }): void;
  flyTo(center: [number, number], zoom: number): void;
  /** Calls `listener` with what is under the pointer, or null; returns the unsubscribe. */
  onPick(listener: (pick: MapPick | null) => void): () => void;
  setAttribution(parts: string[]): void;
  destroy(): void;
}
