import { AttributionControl, Map as MapLibreMap, NavigationControl, ScaleControl, setWorkerUrl } from 'maplibre-gl';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { PickingInfo } from '@deck.gl/core';
import type { StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { Feature, Point } from 'geojson';
import type { CameraProperties, CaseProperties } from '../api/mapFeatures.js';
import { cameraLayer, caseLayer } from './deckLayers.js';
import { exposeTransformForDeck } from './deckMapLibreCompat.js';
import type { Bbox } from './geometryBounds.js';
import { deckLayersOf, layerToggles, styleLayersOf, type LayerToggle, type LayerVisibility } from './layerToggles.js';
import { firstDrawnFrame } from './firstDrawnFrame.js';
import type { MapPick, MapPort } from './mapPort.js';

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

// MapLibre looks for its worker next to its own module, which a bundle moves; Vite emits the
// (self-contained) worker file as an asset of this app instead.
setWorkerUrl(maplibreWorkerUrl);

/** CJK labels are drawn by the browser from these local fonts (no glyph server on an intranet). */
const localCjkFonts = "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";

/** The map of a county: MapLibre for the basemap and tiles, deck.gl interleaved for points. */
export function createGridMap(options: GridMapOptions): MapPort {
  const map = new MapLibreMap({
    container: options.container,
    style: options.style,
    bounds: options.bounds,
    fitBoundsOptions: { padding: 32 },
    maxBounds: options.maxBounds,
    minZoom: 6,
    maxZoom: 18,
    attributionControl: false,
    localIdeographFontFamily: localCjkFonts,
    renderWorldCopies: false,
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
  });
  exposeTransformForDeck(map);
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new ScaleControl({ unit: 'metric', maxWidth: 120 }), 'bottom-left');
  let attribution = new AttributionControl({ compact: false, customAttribution: options.attribution });
  map.addControl(attribution, 'bottom-right');

  const visibility: LayerVisibility = { ...options.visibility };
  let cameras: Feature<Point, CameraProperties>[] | null = null;
  let cases: Feature<Point, CaseProperties>[] | null = null;
  let deckLayers: ReturnType<typeof cameraLayer | typeof caseLayer>[] = [];
  const listeners = new Set<(pick: MapPick | null) => void>();
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

  const overlay = new MapboxOverlay({
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
    deckLayers = [cameraLayer(cameras ?? [], visibility.cameras), caseLayer(cases ?? [], visibility.cases)];
    overlay.setProps({ layers: deckLayers });
  };
  const applyStyleVisibility = (toggle: LayerToggle) => {
    for (const id of styleLayersOf[toggle]) {
      if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', visibility[toggle] ? 'visible' : 'none');
    }
  };

  const loaded = new Promise<void>((resolve) =>
    map.once('load', () => {
      styleLoaded = true;
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
    fitBounds(bbox, { animate = true } = {}) {
      map.fitBounds(bbox, { padding: 32, animate });
    },
    flyTo(center, zoom) {
      map.flyTo({ center, zoom });
    },
    onPick(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setAttribution(parts) {
      map.removeControl(attribution);
      attribution = new AttributionControl({ compact: false, customAttribution: parts });
      map.addControl(attribution, 'bottom-right');
    },
    destroy() {
      listeners.clear();
      const handle = window as unknown as { __gridmap?: typeof testHandle };
      if (handle.__gridmap === testHandle) delete handle.__gridmap;
      map.remove();
    },
  };
}
