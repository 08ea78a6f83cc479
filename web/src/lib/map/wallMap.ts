import { MapLibreOverlay } from '@deck.gl/maplibre';
import type { RegionCollection } from '../api/mapFeatures.js';
import { expandBounds, type Bbox } from './geometryBounds.js';
import { homeBounds, homeCounties, type ViewerScope } from './homeCounties.js';
import { offlineStyle } from './offlineStyle.js';
import {
  layerInitializations,
  pulseMs,
  wallCaseLayer,
  wallPulseLayer,
  type WallCasePoint,
  type WallPulse,
} from './wallLayers.js';
import { firstDrawnFrame } from './firstDrawnFrame.js';
import { wallStyle } from './wallStyle.js';
import { openMap } from './openMap.js';
import { reloadGridTiles } from './gridTileReload.js';
import { applyAlertVillages, type AlertOutline } from './alertLayer.js';
import { playbackLayers, type PlaybackLayerId } from './playbackLayers.js';
import type { PlaybackBuffers } from './playbackBuffers.js';

export type { WallCasePoint } from './wallLayers.js';

/** The wall's map as its view sees it (see MapPort for the desk map). */
export interface WallMapPort {
  /** Resolves once the style and the first case data have been drawn. */
  readonly ready: Promise<void>;
  /** Replaces the case points; the deck.gl layer keeps its state and only its data changes. */
  setCases(cases: WallCasePoint[]): void;
  /** A ring that grows and fades at a live case. */
  pulse(position: [number, number], state: WallCasePoint['deadlineState']): void;
  /** Frames an area, slowly: a wall is watched, not driven. */
  frame(bbox: Bbox): void;
  /** Redraws the grid outlines as of a published grid version (a plan was published). */
  reloadGrids(version: string): void;
  /** Outlines the villages alerted today (none: empty), as the desk map's alert layer does. */
  setAlertVillages(villages: readonly AlertOutline[]): void;
  /** Time playback instead of the live cases (null: back to live), as on the desk map (MapPort). */
  setPlayback(buffers: PlaybackBuffers | null): void;
  setPlaybackSecond(second: number, counting?: boolean): void;
  destroy(): void;
}

export interface WallMapOptions {
  container: HTMLElement;
  region: RegionCollection;
  /** The viewer's scope: its county (or a prefecture's counties) is home, the rest context. */
  scope: ViewerScope;
  attribution: { data: string; boundary: string };
}

/** A non-interactive dark map of the viewer's counties with deck.gl case points and live pulses. */
export function openWallMap({ container, region, scope, attribution }: WallMapOptions): WallMapPort {
  const home = homeCounties(region, scope);
  const bounds = homeBounds(home);
  const codes = home.map((county) => county.properties.code);
  const { map } = openMap({
    container,
    style: wallStyle(offlineStyle({ origin: location.origin, region, home: codes, attribution })),
    view: { bounds, padding: 24 },
    maxBounds: expandBounds(bounds, 1.5),
    maxZoom: 16,
    interaction: 'none',
    attribution: { parts: [attribution.data, attribution.boundary], compact: true },
  });

  let cases: WallCasePoint[] = [];
  let alertVillages: readonly AlertOutline[] = [];
  let pulses: WallPulse[] = [];
  let version = 0;
  let frameRequest = 0;
  const overlay = new MapLibreOverlay({ interleaved: true, layers: [] });
  let layerIds: string[] = [];
  let playback: { buffers: PlaybackBuffers; second: number; counting: boolean } | null = null;
  let playbackCounts: Partial<Record<PlaybackLayerId, number>> = {};
  const countPlayback = (id: PlaybackLayerId, count: number) => (playbackCounts[id] = count);

  let destroyed = false;
  const draw = (now = performance.now()) => {
    // Playback may let go of the map after the wall closed it.
    if (destroyed) return;
    pulses = pulses.filter((pulse) => now - pulse.startedAt < pulseMs);
    const layers = playback
      ? playbackLayers(
          playback.buffers,
          playback.second,
          { cases: true, cameras: true },
          playback.counting ? countPlayback : null,
          null,
        )
      : [wallCaseLayer(cases, version), wallPulseLayer(pulses, now)];
    layerIds = layers.map((layer) => layer.id);
    overlay.setProps({ layers });
  };
  // Animates only while a pulse is running: an idle wall costs no frames.
  const animate = (now: number) => {
    draw(now);
    frameRequest = pulses.length > 0 ? requestAnimationFrame(animate) : 0;
  };

  let styleLoaded = false;
  const loaded = new Promise<void>((resolve) =>
    map.once('load', () => {
      styleLoaded = true;
      applyAlertVillages(map, alertVillages);
      map.addControl(overlay);
      draw();
      resolve();
    }),
  );
  let firstData: () => void = () => {};
  const data = new Promise<void>((resolve) => (firstData = resolve));
  const ready = firstDrawnFrame(map, Promise.all([loaded, data]));

  const testHandle = {
    map,
    deckLayerIds: () => layerIds,
    caseSerials: () => cases.map((item) => item.serial),
    /** Pulses still running: a live case shows one for a couple of seconds. */
    pulseCount: () => pulses.length,
    layerInitializations: () => Object.fromEntries(layerInitializations),
    /** The playback clock second and what the GPU filter kept per layer (null: live). */
    playback: () => (playback ? { second: playback.second, ...playbackCounts } : null),
  };
  (window as unknown as { __gridmapWall?: typeof testHandle }).__gridmapWall = testHandle;

  return {
    ready,
    setCases(next) {
      cases = next;
      version++;
      if (styleLoaded) draw();
      firstData();
    },
    pulse(position, state) {
      pulses = [...pulses, { position, state, startedAt: performance.now() }];
      if (styleLoaded && frameRequest === 0) frameRequest = requestAnimationFrame(animate);
    },
    frame(bbox) {
      map.fitBounds(bbox, { padding: 24, duration: 2_000 });
    },
    reloadGrids(version) {
      reloadGridTiles(map, version);
    },
    setAlertVillages(villages) {
      alertVillages = villages;
      if (styleLoaded) applyAlertVillages(map, villages);
    },
    setPlayback(buffers) {
      playbackCounts = {};
      playback = buffers ? { buffers, second: playback?.second ?? 0, counting: playback?.counting ?? true } : null;
      if (styleLoaded) draw();
    },
    setPlaybackSecond(second, counting = true) {
      if (!playback || (playback.second === second && playback.counting === counting)) return;
      if (playback.second !== second) playbackCounts = {};
      playback = { ...playback, second, counting };
      if (styleLoaded) draw();
    },
    destroy() {
      destroyed = true;
      cancelAnimationFrame(frameRequest);
      const handle = window as unknown as { __gridmapWall?: typeof testHandle };
      if (handle.__gridmapWall === testHandle) delete handle.__gridmapWall;
      map.remove();
    },
  };
}
