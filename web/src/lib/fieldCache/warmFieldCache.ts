import type { GridDetail } from '@contract/grids.js';
import type { RegionCollection } from '../api/mapFeatures.js';
import { getJson } from '../api/getJson.js';
import { mapDataPaths } from '../api/mapData.js';
import { geometryBounds } from '../map/geometryBounds.js';
import { homeBounds, homeCounties, type ViewerScope } from '../map/homeCounties.js';
import { FIELD_TILE_BUDGET } from './fieldCaches.js';
import { fieldTileList } from './fieldTileList.js';

const warmedKey = 'gridmap.field.warmedAt';
/** Warmed again after a day: tiles change rarely (a published redraw, new households). */
const warmEveryMs = 24 * 60 * 60 * 1000;
/** Requests at once: a phone's link is shared with whatever else the staff member does. */
const parallel = 4;

/**
 * Fetches, through the field app's service worker (which keeps them): every time it starts
 * controlling the page, the reads the report page opens on (the session, the categories, the
 * region outlines, the staff member's own grid: the first load happened before the worker was
 * there); once a day while online, the tiles of that grid (fieldTileList: at most half the tile
 * budget, the rest left for what the map is panned to). Only when the worker controls the page,
 * or the fetches would keep nothing. Returns the number of tiles fetched.
 */
export async function warmFieldCache(
  scope: ViewerScope,
  /** Whose caches these are (fieldCacheOwner.ts): another account warms its own. */
  owner: string,
  { storage = globalThis.localStorage, now = Date.now() }: { storage?: Storage; now?: number } = {},
): Promise<number> {
  if (!navigator.serviceWorker?.controller || !navigator.onLine) return 0;
  const [region, grid] = await Promise.all([
    getJson<RegionCollection>(mapDataPaths.region()),
    getJson<GridDetail>(mapDataPaths.grid(scope.code)),
    getJson('/api/case-categories'),
    getJson('/api/session'),
  ]);
  const [lastOwner, lastTime] = (storage?.getItem(warmedKey) ?? '').split('|');
  if (lastOwner === owner && now - Number(lastTime) < warmEveryMs) return 0;
  const tiles = fieldTileList({
    county: homeBounds(homeCounties(region, scope)),
    grid: geometryBounds(grid.geometry),
    budget: FIELD_TILE_BUDGET / 2,
  });
  const urls = tiles.map(({ set, z, x, y }) => `/tiles/${set}/${z}/${x}/${y}.mvt`);
  let next = 0;
  // The signal went: one failed tile stops them all (the rest would fail the same way).
  const worker = async () => {
    while (next < urls.length) {
      const url = urls[next++]!;
      const response = await fetch(url, { credentials: 'same-origin' }).catch((error: unknown) => {
        next = urls.length;
        throw error;
      });
      // The body is read so that the worker's copy is complete before the next one starts.
      await response.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  storage?.setItem(warmedKey, `${owner}|${now}`);
  return urls.length;
}
