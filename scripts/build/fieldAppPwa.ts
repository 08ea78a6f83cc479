import { VitePWA } from 'vite-plugin-pwa';
import type { Plugin } from 'vite';
import {
  FIELD_CACHE_MAX_AGE_SECONDS,
  FIELD_TILE_BUDGET,
  fieldCacheNames,
} from '../../web/src/lib/fieldCache/fieldCaches.js';

/**
 * The field app (#14 part 1): the web manifest and a Workbox service worker (vite-plugin-pwa,
 * generateSW) for the grid staff's `/report`. Its scope is `/report`, so it controls only the field
 * pages: the map, the wall, the plan editor and the API docs are never served by it (nor are the
 * browser tests that drive them). Registered by the report page itself (fieldWorker.ts), never by
 * the shell, so a desk browser that never opens /report never installs it.
 *
 * What it keeps, all from gridmap's own origin (nothing else is ever fetched):
 * - the precache: the built app shell (HTML, every script and style chunk: ~3 MB, ~0.9 MB as
 *   sent compressed), replaced as a whole by the next deploy's worker;
 * - at run time: the vector tiles of grids, streets and households the staff member's map asked
 *   for or the page warmed (fieldTileList.ts), at most FIELD_TILE_BUDGET of them; the region
 *   outlines, the case categories and the staff's grids; the last session reply (network first,
 *   so a signal always gets the live answer, and no signal the last one).
 * Writes (POST /api/cases, case actions) never pass through it: they go to the page's queue in
 * IndexedDB (web/src/lib/fieldQueue/), which the page sends itself.
 */
export function fieldAppPwa(): Plugin[] {
  return VitePWA({
    strategies: 'generateSW',
    injectRegister: false,
    registerType: 'autoUpdate',
    scope: '/report',
    filename: 'sw.js',
    // Written before precompressAssets reads the output (its closeBundle), so the worker and
    // Workbox's runtime get their .br/.gz like every other script, never of a half-written file.
    integration: { closeBundleOrder: 'pre' },
    manifestFilename: 'manifest.webmanifest',
    includeAssets: ['field-app.svg'],
    manifest: {
      id: '/report',
      name: '网格事件上报',
      short_name: '网格上报',
      description: '网格员现场上报事件，无信号时先存在手机上，有信号后自动上传',
      lang: 'zh-CN',
      start_url: '/report',
      scope: '/report',
      display: 'standalone',
      orientation: 'portrait',
      background_color: '#f6f6f3',
      theme_color: '#8e1f14',
      icons: [{ src: '/field-app.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
    },
    workbox: {
      // Source maps and the precompressed copies are not the app (the server picks the copy).
      globPatterns: ['**/*.{js,mjs,css,html,svg,webmanifest}'],
      globIgnores: ['**/*.map', '**/*.br', '**/*.gz'],
      // The county map's chunk with MapLibre is ~1 MB: under the default 2 MiB, said here so a
      // bigger one fails the build instead of silently dropping out of the offline shell.
      maximumFileSizeToCacheInBytes: 2 * 1024 * 1024,
      navigateFallback: '/index.html',
      navigateFallbackAllowlist: [/^\/report(?:\/|$)/],
      // Never answer a server path with the app shell, whatever the scope becomes.
      navigateFallbackDenylist: [/^\/api\//, /^\/ogc(?:\/|$)/, /^\/tiles\//, /^\/live/, /^\/docs/, /^\/health/],
      cleanupOutdatedCaches: true,
      // A new deploy takes over at once: the queue lives in IndexedDB and the draft in
      // localStorage, so nothing typed is lost when the page reloads onto it.
      skipWaiting: true,
      clientsClaim: true,
      runtimeCaching: [
        {
          urlPattern: ({ url, sameOrigin }) =>
            sameOrigin && /^\/tiles\/(?:grids|streets|households)\/\d+\/\d+\/\d+\.mvt$/.test(url.pathname),
          handler: 'StaleWhileRevalidate',
          options: {
            cacheName: fieldCacheNames.tiles,
            // 204: an empty tile is an answer too (MapLibre would log a failed one offline).
            cacheableResponse: { statuses: [200, 204] },
            expiration: {
              maxEntries: FIELD_TILE_BUDGET,
              maxAgeSeconds: FIELD_CACHE_MAX_AGE_SECONDS,
              purgeOnQuotaError: true,
            },
          },
        },
        {
          urlPattern: ({ url, sameOrigin }) =>
            sameOrigin &&
            (url.pathname === '/api/basemap/region' ||
              url.pathname === '/api/case-categories' ||
              /^\/api\/grids\/\d{6,15}$/.test(url.pathname)),
          handler: 'StaleWhileRevalidate',
          options: {
            cacheName: fieldCacheNames.reads,
            cacheableResponse: { statuses: [200] },
            expiration: { maxEntries: 60, maxAgeSeconds: FIELD_CACHE_MAX_AGE_SECONDS, purgeOnQuotaError: true },
          },
        },
        {
          urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname === '/api/session',
          handler: 'NetworkFirst',
          options: {
            cacheName: fieldCacheNames.session,
            // A signal too weak to answer in 6 s counts as none: the page opens on the last reply.
            networkTimeoutSeconds: 6,
            cacheableResponse: { statuses: [200] },
            expiration: { maxEntries: 1 },
            plugins: [
              {
                // Signed out (or the session ended): forget the last reply, or the phone would open
                // signed in without a signal. Workbox copies this function's source into the worker,
                // so it names the cache literally (fieldCacheNames.session).
                fetchDidSucceed: async ({ response }) => {
                  if (response.status === 401) await caches.delete('gridmap-field-session');
                  return response;
                },
              },
            ],
          },
        },
      ],
    },
  });
}
