import { Marker } from 'maplibre-gl';
import type { RegionCollection } from '../api/mapFeatures.js';
import { expandBounds } from './geometryBounds.js';
import { homeBounds, homeCounties, type ViewerScope } from './homeCounties.js';
import { offlineStyle } from './offlineStyle.js';
import { openMap } from './openMap.js';

export interface PositionPickerOptions {
  container: HTMLElement;
  region: RegionCollection;
  /** The reporter's scope: the map opens on its county. */
  scope: ViewerScope;
  attribution: { data: string; boundary: string };
  /** Shown (and centred on, closer in) when the form already has a position. */
  initial: [number, number] | null;
  onPick: (lonLat: [number, number]) => void;
}

export interface PositionPicker {
  destroy(): void;
}

/**
 * A small map of the reporter's county on which a tap sets a position (the `/report` fallback when the
 * device cannot locate itself). The same offline style as the main map: grid outlines and
 * households help a staff member find the spot; nothing is fetched from outside.
 */
export function createPositionPicker({
  container,
  region,
  scope,
  attribution,
  initial,
  onPick,
}: PositionPickerOptions): PositionPicker {
  const home = homeCounties(region, scope);
  const bounds = homeBounds(home);
  const codes = home.map((county) => county.properties.code);
  const { map } = openMap({
    container,
    style: offlineStyle({ origin: location.origin, region, home: codes, attribution }),
    view: initial ? { center: initial, zoom: 14 } : { bounds, padding: 16 },
    maxBounds: expandBounds(bounds, 0.5),
    maxZoom: 18,
    interaction: 'pan',
    attribution: { parts: [attribution.data, attribution.boundary], compact: true },
  });
  const marker = new Marker({ color: '#b3261e' });
  if (initial) marker.setLngLat(initial).addTo(map);
  map.on('click', (event) => {
    const lonLat: [number, number] = [event.lngLat.lng, event.lngLat.lat];
    marker.setLngLat(lonLat).addTo(map);
    onPick(lonLat);
  });
  return {
    destroy: () => {
      marker.remove();
      map.remove();
    },
  };
}
