import {
  AttributionControl,
  Map as MapLibreMap,
  NavigationControl,
  ScaleControl,
  prewarm,
  setWorkerUrl,
} from 'maplibre-gl';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { Bbox } from './geometryBounds.js';
import { reportUnauthorizedTiles } from './tileUnauthorized.js';

// MapLibre looks for its worker next to its own module, which a bundle moves; Vite emits the
// (self-contained) worker file as an asset of this app instead.
setWorkerUrl(maplibreWorkerUrl);
// The workers start fetching and compiling now, while the view's data is still on its way.
prewarm();

/** CJK labels are drawn by the browser from these local fonts (no glyph server on an intranet). */
const localCjkFonts = "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";

export interface OpenMapOptions {
  container: HTMLElement;
  /** An offline style (offlineStyle.ts, or one derived from it). */
  style: StyleSpecification;
  /** Where the map opens: a box fitted with `padding` pixels around it, or a centre at a zoom. */
  view: { bounds: Bbox; padding: number } | { center: [number, number]; zoom: number };
  /** Panning stops here: the region the basemap has data for. */
  maxBounds?: Bbox;
  maxZoom: number;
  /**
   * `pan`: dragged and zoomed, never rotated or tilted (a flat grid map); `none`: only watched
   * (the wall).
   */
  interaction: 'pan' | 'none';
  /** Zoom buttons (no compass) at the top right and a metric scale at the bottom left. */
  controls?: boolean;
  /** The sources credited at the bottom right; MapLibre's own attribution is always off. */
  attribution?: { parts: string[]; compact: boolean };
}

export interface OpenedMap {
  map: MapLibreMap;
  /** Credits other sources (the basemap's and the boundaries' can change after a reload). */
  setAttribution(parts: string[]): void;
}

/** Every map of the app opens here: the offline style, the local CJK fonts, one world copy. */
export function openMap(options: OpenMapOptions): OpenedMap {
  const view =
    'bounds' in options.view
      ? { bounds: options.view.bounds, fitBoundsOptions: { padding: options.view.padding } }
      : { center: options.view.center, zoom: options.view.zoom };
  const interaction =
    options.interaction === 'none'
      ? { interactive: false }
      : { dragRotate: false, pitchWithRotate: false, touchPitch: false };
  const map = new MapLibreMap({
    container: options.container,
    style: options.style,
    ...view,
    maxBounds: options.maxBounds,
    minZoom: 6,
    maxZoom: options.maxZoom,
    attributionControl: false,
    localIdeographFontFamily: localCjkFonts,
    renderWorldCopies: false,
    // Labels appear at once instead of fading in: a fade redraws every frame for 300 ms after each
    // tile, which on the software WebGL of kiosks and unattended walls is most of a view's cost.
    fadeDuration: 0,
    ...interaction,
  });
  reportUnauthorizedTiles(map);
  if (options.controls) {
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(new ScaleControl({ unit: 'metric', maxWidth: 120 }), 'bottom-left');
  }
  let attribution: AttributionControl | null = null;
  const setAttribution = (parts: string[]) => {
    if (attribution) map.removeControl(attribution);
    attribution = new AttributionControl({ compact: options.attribution?.compact ?? false, customAttribution: parts });
    map.addControl(attribution, 'bottom-right');
  };
  if (options.attribution) setAttribution(options.attribution.parts);
  return { map, setAttribution };
}
