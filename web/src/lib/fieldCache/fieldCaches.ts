/**
 * The Cache Storage caches the field app's service worker fills at run time (vite.config.ts names
 * them in its Workbox rules; the page clears them when another account signs in on the phone,
 * because tiles and grids hold what the signed-in scope may see). The precache of the app shell is
 * Workbox's own.
 */
export const fieldCacheNames = {
  /** Vector tiles of grids, streets and households (/tiles/<set>/z/x/y.mvt). */
  tiles: 'gridmap-field-tiles',
  /** The small reads the report page needs: region outlines, categories, the staff's own grids. */
  reads: 'gridmap-field-reads',
  /** The last GET /api/session reply, so that the page opens signed in without a signal. */
  session: 'gridmap-field-session',
} as const;

/**
 * The budget of the tile cache: at most this many tiles, the least recently used dropped first.
 * A staff member's grid down to z14 with its village and county around it is a few hundred tiles
 * (fieldTileList.ts); the demo's tiles average ~6 KB, so the budget is about 12 MB of a phone's storage.
 */
export const FIELD_TILE_BUDGET = 2000;

/** Cached reads older than this are dropped (a month without a signal is not a field day). */
export const FIELD_CACHE_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
