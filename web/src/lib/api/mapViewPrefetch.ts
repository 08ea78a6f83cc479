import { dossierPath } from './drillApi.js';
import { mapDataPaths } from './mapData.js';
import { prefetchRead } from './prefetchedReads.js';

/**
 * Asks for what the map view needs before it can frame `target` — the region, the grid's outline
 * and dossier, the scope's cameras and open cases — while the view's code is still downloading.
 * `scope` is the viewer's scope code, as the view asks for its points.
 */
export function prefetchMapView(target: string, scope: string): void {
  for (const path of [
    mapDataPaths.region(),
    mapDataPaths.grid(target),
    dossierPath(target),
    mapDataPaths.cameras(scope),
    mapDataPaths.openCases(scope),
  ]) {
    prefetchRead(path);
  }
}
