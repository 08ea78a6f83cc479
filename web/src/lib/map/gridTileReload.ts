import type { Map as MapLibreMap, VectorTileSource } from 'maplibre-gl';
import type { LiveEventMessage } from '@contract/live.js';
import { LiveConnection } from '../live/liveConnection.svelte.js';

/** The county: a published plan anywhere in it redraws the whole map's grids. */
const countyScope = '620724';

/**
 * Redraws the `grids` tiles when a plan is published (live event kind `grid`, payload
 * `{scope, gridVersion}`), without reloading the page. The tile URL gets `?v=<gridVersion>` so
 * neither MapLibre's tile cache nor the browser's HTTP cache (tiles are cacheable for minutes)
 * can serve the old boundaries. Stops by itself when the map is removed. The map container
 * carries `data-grid-version` for tests and for anyone inspecting the page.
 */
export function reloadGridTilesOnPublish(map: MapLibreMap, scope = countyScope): void {
  let resynced = false;
  const reload = (version: string) => reloadGridTiles(map, version);
  const live = new LiveConnection({
    scope,
    onEvent: (event: LiveEventMessage) => {
      const version = publishedGridVersion(event);
      if (version !== null) reload(version);
    },
    // The first subscribe needs nothing (the map just loaded); a later resync may have missed a
    // publish, so the tiles are fetched again.
    onResync: async () => {
      if (resynced) reload(`r${Date.now()}`);
      resynced = true;
    },
  });
  map.once('remove', live.start());
}

/** Fetches the `grids` tiles again as of `version` (see {@link reloadGridTilesOnPublish}). */
export function reloadGridTiles(map: MapLibreMap, version: string): void {
  const source = map.getSource('grids') as VectorTileSource | undefined;
  if (!source) return;
  source.setTiles([`${location.origin}/tiles/grids/{z}/{x}/{y}.mvt?v=${encodeURIComponent(version)}`]);
  map.getContainer().dataset['gridVersion'] = version;
}

/** The grid version a live event announces, or null when it is not a publish. */
export function publishedGridVersion(event: LiveEventMessage): string | null {
  if (event.kind !== 'grid') return null;
  const version = event['gridVersion'];
  return typeof version === 'number' || typeof version === 'string' ? String(version) : `e${event.id}`;
}
