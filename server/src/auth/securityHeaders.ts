import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';

/**
 * Security headers on every reply (@fastify/helmet), with a Content-Security-Policy that lets the
 * app, MapLibre and the API docs work and nothing else in:
 * - scripts only from this server (no inline script, no eval);
 * - MapLibre starts its workers from `blob:` URLs (worker-src, child-src for older engines) and
 *   draws sprites and canvases from `blob:`/`data:` images;
 * - styles: Svelte components and MapLibre set inline styles ('unsafe-inline' for style only);
 * - connect-src 'self': fetches and the `/live` websocket go to this origin only. CSP 3 makes
 *   'self' match ws:/wss: of the same host (Chromium since 71, Safari since 16), so no ws origin
 *   is listed — nor could one be without trusting the Host header;
 * - nothing is fetched from another origin (no CDN, no map tiles from elsewhere), the page cannot
 *   be framed (frame-ancestors 'none', clickjacking), forms post only here.
 * No upgrade-insecure-requests: the demo and LAN installs are served over plain http.
 * CORS stays closed: no CORS plugin is registered, so no Access-Control-* header is ever sent and
 * browsers refuse cross-origin reads; the SameSite=Strict cookie and the CSRF token cover writes.
 */
export const securityHeaders = fp(
  async (app) => {
    await app.register(helmet, {
      global: true,
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          workerSrc: ["'self'", 'blob:'],
          childSrc: ["'self'", 'blob:'],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      // The API docs page and the map load nothing cross-origin; keep the defaults of the other headers.
      crossOriginEmbedderPolicy: false,
    });
  },
  { name: 'gridmap-security-headers' },
);
