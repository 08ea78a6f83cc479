import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import type { Database } from './db/database.js';
import { healthRoutes } from './routes/health.js';
import { gridRoutes } from './routes/grids.js';
import { streetRoutes } from './routes/streets.js';
import { householdRoutes } from './routes/households.js';
import { cameraRoutes } from './routes/cameras.js';
import { cameraStatusRoutes } from './routes/cameraStatus.js';
import { patrolRoutes } from './routes/patrols.js';
import { caseRoutes } from './routes/cases.js';
import { caseWriteRoutes } from './routes/caseWrites.js';
import { caseCategoryRoutes } from './routes/caseCategories.js';
import { caseEscalation } from './jobs/caseEscalator.js';
import { basemapRoutes } from './routes/basemap.js';
import { tileRoutes } from './routes/tiles.js';
import { liveRoutes } from './live/liveRoutes.js';
import { kpiRoutes } from './routes/kpis.js';
import { planRoutes } from './routes/plans.js';
import { planPublishRoutes } from './routes/plansPublish.js';
import { gridVersionRoutes } from './routes/gridVersions.js';
import { planImportRoutes } from './routes/plansImport.js';
import { dossierRoutes } from './routes/dossier.js';
import { caseListCsvRoutes } from './routes/caseListCsv.js';
import { searchRoutes } from './routes/search.js';
import { errorReplies } from './routes/errorReplies.js';
import { sessionViewer } from './auth/sessionViewer.js';
import { sessionRoutes } from './routes/session.js';
import { securityHeaders } from './auth/securityHeaders.js';
import { auditRoutes } from './routes/audit.js';
import { contactRoutes } from './routes/contact.js';

export interface AppDeps {
  db: Database;
  /** Directory of the built web app to serve at `/`; omitted in API tests. */
  webDist?: string;
  logger?: FastifyServerOptions['logger'];
  /** Milliseconds between automatic escalation runs (jobs/caseEscalator.ts); absent or 0: none (tests run it directly). */
  caseEscalationIntervalMs?: number;
  /** Mark the session cookie Secure (HTTPS only); GRIDMAP_SECURE_COOKIES. Default false. */
  secureCookies?: boolean;
  /** Sign-in attempts per client address per window (default auth/sessionPolicy.ts); tests lower it. */
  loginRateLimit?: { max: number; timeWindowMs: number };
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
  await app.register(errorReplies);
  await app.register(securityHeaders);
  await app.register(sessionViewer, { secureCookies: deps.secureCookies ?? false });
  await app.register(sessionRoutes, deps.loginRateLimit ? { loginRateLimit: deps.loginRateLimit } : {});
  await app.register(auditRoutes);
  await app.register(contactRoutes);

  await app.register(healthRoutes);
  await app.register(gridRoutes);
  await app.register(streetRoutes);
  await app.register(householdRoutes);
  await app.register(cameraRoutes);
  await app.register(cameraStatusRoutes);
  await app.register(patrolRoutes);
  await app.register(caseRoutes);
  await app.register(caseWriteRoutes);
  await app.register(caseCategoryRoutes);
  await app.register(caseEscalation, { intervalMs: deps.caseEscalationIntervalMs ?? 0 });
  await app.register(basemapRoutes);
  await app.register(tileRoutes);
  await app.register(liveRoutes);
  await app.register(kpiRoutes);
  await app.register(planRoutes);
  await app.register(planPublishRoutes);
  await app.register(planImportRoutes);
  await app.register(gridVersionRoutes);
  await app.register(dossierRoutes);
  await app.register(caseListCsvRoutes);
  await app.register(searchRoutes);

  if (deps.webDist && existsSync(deps.webDist)) {
    await app.register(fastifyStatic, { root: deps.webDist, wildcard: false });
    // Client-side routes (/map/…, /wall, /report) get the app shell.
    app.setNotFoundHandler((request, reply) => {
      if (request.method === 'GET' && !request.url.startsWith('/api/') && !request.url.startsWith('/tiles/')) {
        return reply.sendFile('index.html');
      }
      return reply
        .code(404)
        .send({ error: 'Not Found', message: `no route ${request.method} ${request.url.split('?')[0]}` });
    });
  }
  return app;
}
