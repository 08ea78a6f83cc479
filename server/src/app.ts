import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import type { Database } from './db/database.js';
import { healthRoutes } from './routes/health.js';
import { errorReplies } from './routes/errorReplies.js';

export interface AppDeps {
  db: Database;
  /** Directory of the built web app to serve at `/`; omitted in API tests. */
  webDist?: string;
  logger?: FastifyServerOptions['logger'];
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

  await app.register(healthRoutes);

  if (deps.webDist && existsSync(deps.webDist)) {
    await app.register(fastifyStatic, { root: deps.webDist, wildcard: false });
    // Client-side routes (/map/…, /wall, /report) get the app shell.
    app.setNotFoundHandler((request, reply) => {
      if (request.method === 'GET' && !request.url.startsWith('/api/') && !request.url.startsWith('/tiles/')) {
        return reply.sendFile('index.html');
      }
      return reply.code(404).send({ error: 'Not Found', message: `no route ${request.method} ${request.url.split('?')[0]}` });
    });
  }
  return app;
}
