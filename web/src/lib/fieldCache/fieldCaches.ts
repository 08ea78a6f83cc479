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
 * Measured on the demo (tests/e2e/offlineReport.test.ts prints it): a village cadre's warmed set
 * is 125 tiles, 95 KB (many are empty 204s), the largest 18 KB; so the budget is ~1.5 MB at that
 * average and never more than ~36 MB (2,000 × 18 KB) of a phone's storage.
 */
export const FIELD_TILE_BUDGET = 2000;

/** Cached reads older than this are dropped (a month without a signal is not a field day). */
export const FIELD_CACHE_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
