import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import compress from '@fastify/compress';
import { constants as zlibConstants } from 'node:zlib';
import { existsSync } from 'node:fs';
import type { Database } from './db/database.js';
import { errorReplies } from './http/errorReplies.js';
import { sessionViewer } from './auth/sessionViewer.js';
import { securityHeaders } from './auth/securityHeaders.js';
import { registerRoutes } from './routes/index.js';

export interface AppDeps {
  db: Database;
  /** Directory of the built web app to serve at `/`; omitted in API tests. */
  webDist?: string;
  logger?: FastifyServerOptions['logger'];
  /** Milliseconds between automatic escalation runs (jobs/caseEscalator.ts); absent or 0: none (tests run it directly). */
  caseEscalationIntervalMs?: number;
  /** Milliseconds between checks whether the nightly alert recompute is due (jobs/alertRecompute.ts); absent or 0: none. */
  alertCheckIntervalMs?: number;
  /** Mark the session cookie Secure (HTTPS only); GRIDMAP_SECURE_COOKIES. Default false. */
  secureCookies?: boolean;
  /** Reverse proxies whose X-Forwarded-For is believed (GRIDMAP_TRUST_PROXY); default none. */
  trustProxy?: string[];
  /** Sign-in attempts per client address per window (default auth/sessionPolicy.ts); tests lower it. */
  loginRateLimit?: { max: number; timeWindowMs: number };
  /** Public village page reads per client address per window (routes/publicVillage); tests lower it. */
  publicRateLimit?: { max: number; timeWindowMs: number };
  /** Where printed links lead (GRIDMAP_PUBLIC_URL: the notice boards' QR codes); absent: the request's origin. */
  publicUrl?: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
  }
}

/** The whole app. `main.ts` listens; tests call `inject()`. The database is owned by the caller. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ?? false,
    ...(deps.trustProxy && deps.trustProxy.length > 0 ? { trustProxy: deps.trustProxy } : {}),
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.decorate('db', deps.db);

  await app.register(swagger, {
    openapi: {
      info: { title: 'gridmap API', version: '0.1.0', description: '一图统揽 — grid governance map' },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  // JSON, GeoJSON, CSV and tiles compressed per reply: brotli at quality 4 (near gzip's speed, smaller),
  // gzip for clients without it. The web app's files are compressed once at build (preCompressed).
  await app.register(compress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  await app.register(errorReplies);
  await app.register(securityHeaders);
  await app.register(sessionViewer, { secureCookies: deps.secureCookies ?? false });
  await registerRoutes(app, {
    caseEscalationIntervalMs: deps.caseEscalationIntervalMs ?? 0,
    alertCheckIntervalMs: deps.alertCheckIntervalMs ?? 0,
    ...(deps.loginRateLimit ? { loginRateLimit: deps.loginRateLimit } : {}),
    ...(deps.publicUrl ? { publicUrl: deps.publicUrl } : {}),
    ...(deps.publicRateLimit ? { publicRateLimit: deps.publicRateLimit } : {}),
  });

  if (deps.webDist && existsSync(deps.webDist)) {
    await app.register(fastifyStatic, { root: deps.webDist, wildcard: false, preCompressed: true });
    // Client-side routes (/map/…, /wall, /report) get the app shell.
    app.setNotFoundHandler((request, reply) => {
      // The OGC API answers its own unknown paths with JSON 404s, as the REST API does.
      const server =
        request.url.startsWith('/api/') || request.url.startsWith('/tiles/') || /^\/ogc(\/|\?|$)/.test(request.url);
      if (request.method === 'GET' && !server) {
        return reply.sendFile('index.html');
      }
      return reply
        .code(404)
        .send({ error: 'Not Found', message: `no route ${request.method} ${request.url.split('?')[0]}` });
    });
  }
  return app;
}
