import type { Feature, Point } from 'geojson';
import type { CameraProperties, CaseProperties } from '../api/mapFeatures.js';
import type { DrillableLevel, DrillFocus } from './drillLayers.js';
import type { Bbox } from './geometryBounds.js';
import type { AlertOutline } from './alertLayer.js';
import type { LayerToggle } from './layerToggles.js';
import type { PlaybackBuffers } from './playbackBuffers.js';

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
  /** Resolves once the map has stopped moving and drawn the new view. */
  fitBounds(bbox: Bbox, options?: { animate?: boolean }): Promise<void>;
  flyTo(center: [number, number], zoom: number): void;
  /** Calls `listener` with what is under the pointer, or null; returns the unsubscribe. */
  onPick(listener: (pick: MapPick | null) => void): () => void;
  setAttribution(parts: string[]): void;
  /** The selected grid of the drill-down: outline, the rest dimmed, its children outlined and labelled. */
  setDrill(focus: DrillFocus | null): void;
  /** Fill colours of the children by grid code (thematic map); null clears them. */
  setThematic(colours: ReadonlyMap<string, string> | null): void;
  /** Case positions drawn as a density surface; null hides it. */
  setDensity(points: readonly [number, number][] | null): void;
  highlightStreet(streetId: number | null): void;
  /** Rings one case's position (the case detail); null removes the ring. */
  markCase(position: [number, number] | null): void;
  /** Calls `listener` with the grids under a click (finest level first), unless a point was clicked. */
  onGridClick(listener: (grids: { code: string; level: DrillableLevel }[]) => void): () => void;
  /** Redraws the grid outlines as of a published grid version (a plan was published). */
  reloadGrids(version: string): void;
  /** The villages with an early-warning alert today, outlined by the alert layer (none: empty). */
  setAlertVillages(villages: readonly AlertOutline[]): void;
  /**
   * Time playback: draws the buffers' cases, outages and patrols instead of the live cameras and
   * cases (null: back to the live map). The data is uploaded once; `setPlaybackSecond` moves the clock.
   */
  setPlayback(buffers: PlaybackBuffers | null): void;
  /** The playback clock, in whole seconds from the buffers' origin. */
  /**
   * `counting`: deck.gl counts what the filter kept (the test handle's figures), a GPU read-back
   * each frame the clock moves; the clock turns it off while playing.
   */
  setPlaybackSecond(second: number, counting?: boolean): void;
  /** The map as drawn now, a PNG data URL (read in the frame that draws it: no preserved buffer needed). */
  captureImage(): Promise<string>;
  destroy(): void;
}
