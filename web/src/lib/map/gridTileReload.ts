import type { Map as MapLibreMap, VectorTileSource } from 'maplibre-gl';
import type { LiveEventMessage } from '@contract/live.js';

/**
 * Fetches the `grids` tiles again as of `version` when a plan is published (live event kind
 * `grid`, payload `{scope, gridVersion}`), without reloading the page. The tile URL gets
 * `?v=<gridVersion>` so neither MapLibre's tile cache nor the browser's HTTP cache (tiles are
 * cacheable for minutes) can serve the old boundaries. The map container carries
 * `data-grid-version` for tests and for anyone inspecting the page. The event itself comes from
 * the page's one live connection (lib/live/pageLive.svelte.ts), to which the view subscribes.
 */
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
