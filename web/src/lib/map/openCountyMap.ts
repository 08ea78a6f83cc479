import type { RegionCollection } from '../api/mapFeatures.js';
import { createGridMap } from './createGridMap.js';
import { expandBounds } from './geometryBounds.js';
import { homeBounds, homeCounties, type ViewerScope } from './homeCounties.js';
import type { LayerVisibility } from './layerToggles.js';
import type { MapPort } from './mapPort.js';
import { offlineStyle } from './offlineStyle.js';

export interface CountyMapOptions {
  container: HTMLElement;
  region: RegionCollection;
  /** The viewer's scope: its county (or a prefecture's counties) is home, the rest context. */
  scope: ViewerScope;
  attribution: { data: string; boundary: string };
  visibility: LayerVisibility;
}

/** The map framed on the viewer's counties, with the neighbours as context and panning kept near them. */
export function openCountyMap({ container, region, scope, attribution, visibility }: CountyMapOptions): MapPort {
  const home = homeCounties(region, scope);
  const bounds = homeBounds(home);
  return createGridMap({
    container,
    style: offlineStyle({
      origin: location.origin,
      region,
      home: home.map((county) => county.properties.code),
      attribution,
    }),
    bounds,
    maxBounds: expandBounds(bounds, 1.5),
    attribution: [attribution.data, attribution.boundary],
    visibility,
  });
}
