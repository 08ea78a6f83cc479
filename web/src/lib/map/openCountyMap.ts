import type { RegionCollection } from '../api/mapFeatures.js';
import { createGridMap } from './createGridMap.js';
import { expandBounds, geometryBounds } from './geometryBounds.js';
import type { LayerVisibility } from './layerToggles.js';
import type { MapPort } from './mapPort.js';
import { offlineStyle } from './offlineStyle.js';
import { homeCountyCode } from './regionStyleLayers.js';

export interface CountyMapOptions {
  container: HTMLElement;
  region: RegionCollection;
  attribution: { data: string; boundary: string };
  visibility: LayerVisibility;
}

/** The map framed on the home county, with the neighbours as context and panning kept near them. */
export function openCountyMap({ container, region, attribution, visibility }: CountyMapOptions): MapPort {
  const county = region.features.find((feature) => feature.properties.code === homeCountyCode);
  if (!county) throw new Error(`the region basemap has no county ${homeCountyCode}`);
  const bounds = geometryBounds(county.geometry);
  return createGridMap({
    container,
    style: offlineStyle({ origin: location.origin, region, attribution }),
    bounds,
    maxBounds: expandBounds(bounds, 1.5),
    attribution: [attribution.data, attribution.boundary],
    visibility,
  });
}
