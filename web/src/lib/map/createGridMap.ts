import { MapLibreOverlay } from '@deck.gl/maplibre';
import type { PickingInfo } from '@deck.gl/core';
import type { StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { Feature, Point } from 'geojson';
import type { CameraProperties, CaseProperties } from '../api/mapFeatures.js';
import { cameraLayer, caseLayer } from './deckLayers.js';
import { playbackLayers, type PlaybackLayerId } from './playbackLayers.js';
import type { PlaybackBuffers } from './playbackBuffers.js';
import type { Bbox } from './geometryBounds.js';
import { deckLayersOf, layerToggles, styleLayersOf, type LayerToggle, type LayerVisibility } from './layerToggles.js';
import { firstDrawnFrame } from './firstDrawnFrame.js';
import { reloadGridTiles } from './gridTileReload.js';
import {
  addDrillLayers,
  applyCaseMark,
  applyDensity,
  applyDrillFocus,
  applyStreetHighlight,
  applyThematic,
  drillBeforeLayer,
  gridsAt,
  type DrillFocus,
} from './drillLayers.js';
import type { MapPick, MapPort } from './mapPort.js';
import { openMap } from './openMap.js';
import { markPageStep } from '../timing/pageTiming.js';
import { applyAlertVillages, raiseAlertLayers, type AlertOutline } from './alertLayer.js';

export interface GridMapOptions {
  container: HTMLElement;
  style: StyleSpecification;
  /** Shown on load. */
  bounds: Bbox;
  /** Panning stops here: the region the basemap has data for. */
  maxBounds: Bbox;
  attribution: string[];
  visibility: LayerVisibility;
}

/** The map of a county: MapLibre for the basemap and tiles, deck.gl interleaved for points. */
export function createGridMap(options: GridMapOptions): MapPort {
  const { map, setAttribution } = openMap({
    container: options.container,
    style: options.style,
    view: { bounds: options.bounds, padding: 32 },
    maxBounds: options.maxBounds,
    maxZoom: 18,
    interaction: 'pan',
    controls: true,
    attribution: { parts: options.attribution, compact: false },
  });

  const visibility: LayerVisibility = { ...options.visibility };
  let cameras: Feature<Point, CameraProperties>[] | null = null;
  let cases: Feature<Point, CaseProperties>[] | null = null;
  let deckLayers: { id: string; props: { visible: boolean } }[] = [];
  let playback: { buffers: PlaybackBuffers; second: number; counting: boolean } | null = null;
  /** What the GPU filter kept, per playback layer, as deck.gl last reported it. */
  let playbackCounts: Partial<Record<PlaybackLayerId, number>> = {};
  const countPlayback = (id: PlaybackLayerId, count: number) => (playbackCounts[id] = count);
  const listeners = new Set<(pick: MapPick | null) => void>();
  const gridListeners = new Set<(grids: ReturnType<typeof gridsAt>) => void>();
  // Drill state set before the style loaded is applied on load.
  let drill: {
    focus: DrillFocus | null;
    thematic: ReadonlyMap<string, string> | null;
    density: readonly [number, number][] | null;
    street: number | null;
    caseMark: [number, number] | null;
  } = { focus: null, thematic: null, density: null, street: null, caseMark: null };
  /** The villages alerted today; set before the style loaded, applied on load. */
  let alertVillages: readonly AlertOutline[] = [];
  let pinned = false;
  // Style layers exist from `load` on; earlier visibility changes are applied then.
  let styleLoaded = false;

  const emit = (pick: MapPick | null) => listeners.forEach((listener) => listener(pick));
  const pickOf = (info: PickingInfo, isClick: boolean): MapPick | null => {
    const object = info.object as Feature<Point> | undefined;
    if (!object) return null;
    if (info.layer?.id === 'cameras') {
      return {
        kind: 'camera',
        properties: object.properties as CameraProperties,
        x: info.x,
        y: info.y,
        pinned: isClick,
      };
    }
    if (info.layer?.id === 'cases') {
      return { kind: 'case', properties: object.properties as CaseProperties, x: info.x, y: info.y, pinned: isClick };
    }
    return null;
  };

  const overlay = new MapLibreOverlay({
    interleaved: true,
    layers: [],
    onHover: (info) => {
      map.getCanvas().style.cursor = info.object ? 'pointer' : '';
      if (!pinned) emit(pickOf(info, false));
    },
    onClick: (info) => {
      const pick = pickOf(info, true);
      pinned = pick !== null;
      emit(pick);
    },
  });

  const redrawDeck = () => {
    const layers = playback
      ? playbackLayers(playback.buffers, playback.second, visibility, playback.counting ? countPlayback : null)
      : [cameraLayer(cameras ?? [], visibility.cameras), caseLayer(cases ?? [], visibility.cases)];
    deckLayers = layers;
    overlay.setProps({ layers });
  };
  const applyStyleVisibility = (toggle: LayerToggle) => {
    for (const id of styleLayersOf[toggle]) {
      if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', visibility[toggle] ? 'visible' : 'none');
    }
  };

  const applyDrill = () => {
    applyDrillFocus(map, drill.focus);
    applyThematic(map, drill.thematic);
    applyDensity(map, drill.density);
    applyStreetHighlight(map, drill.street);
    applyCaseMark(map, drill.caseMark);
  };
  const updateDrill = (changes: Partial<typeof drill>, apply: () => void) => {
    drill = { ...drill, ...changes };
    if (styleLoaded) apply();
  };
  map.on('click', (event) => {
    if (gridListeners.size === 0 || !styleLoaded) return;
    // A click on a camera or case point is deck.gl's (the popup), not a drill.
    if (overlay.pickObject({ x: event.point.x, y: event.point.y, radius: 3 })) return;
    const grids = gridsAt(map, event.point);
    if (grids.length > 0) gridListeners.forEach((listener) => listener(grids));
  });
  const idleAfterMove = () =>
    new Promise<void>((resolve) => {
      const settle = () => map.once('idle', () => resolve());
      if (map.isMoving()) map.once('moveend', settle);
      else settle();
      map.triggerRepaint();
    });

  const loaded = new Promise<void>((resolve) =>
    map.once('load', () => {
      markPageStep('style loaded');
      styleLoaded = true;
      addDrillLayers(map);
      applyDrill();
      raiseAlertLayers(map, drillBeforeLayer);
      applyAlertVillages(map, alertVillages);
      layerToggles.forEach(applyStyleVisibility);
      map.addControl(overlay);
      redrawDeck();
      resolve();
    }),
  );
  let dataArrived: () => void = () => {};
  const data = new Promise<void>((resolve) => (dataArrived = resolve));
  const settle = () => {
    if (cameras && cases) dataArrived();
  };
  const ready = firstDrawnFrame(map, Promise.all([loaded, data]));

  const testHandle = {
    map,
    /** Visible MapLibre style layers (`getStyle` leaves out deck.gl's custom layers). */
    layerIds: () =>
      (map.getStyle().layers ?? [])
        .filter((layer) => map.getLayoutProperty(layer.id, 'visibility') !== 'none')
        .map((layer) => layer.id),
    /** Visible deck.gl layers. */
    deckLayerIds: () => deckLayers.filter((layer) => layer.props.visible).map((layer) => layer.id),
    /** The serials of the open cases drawn now (a live event reloads them). */
    caseSerials: () => (cases ?? []).map((feature) => feature.properties.serial),
    /** The playback clock second and what the GPU filter kept per layer (null: the live map). */
    playback: () => (playback ? { second: playback.second, origin: playback.buffers.origin, ...playbackCounts } : null),
    /** Whether a click at this canvas point lands on a deck.gl marker (a case, a camera) rather than a grid. */
    markerAt: (x: number, y: number) => overlay.pickObject({ x, y, radius: 3 }) !== null,
  };
  (window as unknown as { __gridmap?: typeof testHandle }).__gridmap = testHandle;

  return {
    ready,
    setLayerVisible(toggle, visible) {
      visibility[toggle] = visible;
      if (styleLoaded) applyStyleVisibility(toggle);
      if (deckLayersOf[toggle].length > 0) redrawDeck();
    },
    setCameras(features) {
      cameras = features;
      redrawDeck();
      settle();
    },
    setCases(features) {
      cases = features;
      redrawDeck();
      settle();
    },
    setPlayback(buffers) {
      playbackCounts = {};
      playback = buffers ? { buffers, second: playback?.second ?? 0, counting: playback?.counting ?? true } : null;
      if (styleLoaded) redrawDeck();
    },
    setPlaybackSecond(second, counting = true) {
      if (!playback || (playback.second === second && playback.counting === counting)) return;
      // Counts of an earlier second are stale: deck.gl reports anew after drawing this one.
      if (playback.second !== second) playbackCounts = {};
      playback = { ...playback, second, counting };
      if (styleLoaded) redrawDeck();
    },
    fitBounds(bbox, { animate = true } = {}) {
      map.fitBounds(bbox, { padding: 32, animate, duration: animate ? 600 : 0 });
      return idleAfterMove();
    },
    flyTo(center, zoom) {
      map.flyTo({ center, zoom });
    },
    onPick(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setAttribution,
    setDrill(focus) {
      updateDrill({ focus }, () => applyDrillFocus(map, focus));
    },
    setThematic(colours) {
      updateDrill({ thematic: colours }, () => applyThematic(map, colours));
    },
    setDensity(points) {
      updateDrill({ density: points }, () => applyDensity(map, points));
    },
    highlightStreet(streetId) {
      updateDrill({ street: streetId }, () => applyStreetHighlight(map, streetId));
    },
    markCase(position) {
      updateDrill({ caseMark: position }, () => applyCaseMark(map, position));
    },
    onGridClick(listener) {
      gridListeners.add(listener);
      return () => gridListeners.delete(listener);
    },
    reloadGrids(version) {
      reloadGridTiles(map, version);
    },
    setAlertVillages(villages) {
      alertVillages = villages;
      if (styleLoaded) applyAlertVillages(map, villages);
    },
    captureImage() {
      // The drawing buffer is valid until the browser composites the frame: read it in `render`,
      // right after MapLibre (and deck.gl, interleaved) drew it, instead of preserving every frame.
      return new Promise<string>((resolve) => {
        map.once('render', () => resolve(map.getCanvas().toDataURL('image/png')));
        map.triggerRepaint();
      });
    },
    destroy() {
      listeners.clear();
      gridListeners.clear();
      const handle = window as unknown as { __gridmap?: typeof testHandle };
      if (handle.__gridmap === testHandle) delete handle.__gridmap;
      map.remove();
    },
  };
}
