import type { Map as MapLibreMap } from 'maplibre-gl';
import { reportUnauthorized } from '../session/unauthorized.js';

/**
 * Tiles are fetched by MapLibre, not through getJson: a 401 on one (the session ended while the map
 * stayed open, e.g. on an unattended wall) would otherwise only leave holes in the map. Reported
 * like any other 401, so the app asks to sign in again.
 */
export function reportUnauthorizedTiles(map: MapLibreMap): void {
  map.on('error', (event) => {
    // MapLibre's AJAXError carries the HTTP status.
    if ((event.error as { status?: unknown } | undefined)?.status === 401) reportUnauthorized();
  });
}
