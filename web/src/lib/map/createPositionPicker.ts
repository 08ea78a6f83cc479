import { Marker } from 'maplibre-gl';
import type { RegionCollection } from '../api/mapFeatures.js';
import { expandBounds, geometryBounds } from './geometryBounds.js';
import { offlineStyle } from './offlineStyle.js';
import { homeCountyCode } from './regionStyleLayers.js';
import { openMap } from './openMap.js';

export interface PositionPickerOptions {
  container: HTMLElement;
  region: RegionCollection;
  attribution: { data: string; boundary: string };
  /** Shown (and centred on, closer in) when the form already has a position. */
  initial: [number, number] | null;
  onPick: (lonLat: [number, number]) => void;
}

export interface PositionPicker {
  destroy(): void;
}

/**
 * A small map of the county on which a tap sets a position (the `/report` fallback when the
 * device cannot locate itself). The same offline style as the main map: grid outlines and
 * households help a staff member find the spot; nothing is fetched from outside.
 */
export function createPositionPicker({
  container,
  region,
  attribution,
  initial,
  onPick,
}: PositionPickerOptions): PositionPicker {
  const county = region.features.find((feature) => feature.properties.code === homeCountyCode);
  if (!county) throw new Error(`the region basemap has no county ${homeCountyCode}`);
  const bounds = geometryBounds(county.geometry);
  const { map } = openMap({
    container,
    style: offlineStyle({ origin: location.origin, region, attribution }),
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
