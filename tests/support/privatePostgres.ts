import { afterAll, beforeAll } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/src/app.js';
import type { Database } from '../../server/src/db/database.js';
import { openPostgres } from '../../server/src/db/postgresDatabase.js';
import type { SeededApp } from './seededApp.js';
import { signedInInject } from './signedInInject.js';
import { seededPrivatePostgres } from './seededPostgres.js';
import type { ThrowawayPostgres } from './throwawayPostgres.js';

/**
 * {@link SeededApp} over a private seeded PostgreSQL database (tests/support/seededPostgres.ts),
 * with the same signed-in `inject`/`get`/`sessionOf` as tests/support/seededApp.ts.
 */
export function privatePostgresApp(): SeededApp & { readonly url: string } {
  let throwaway: ThrowawayPostgres | undefined;
  let db: Database | undefined;
  let app: FastifyInstance | undefined;
  beforeAll(async () => {
    throwaway = await seededPrivatePostgres();
    db = openPostgres({ url: throwaway.url, max: 4 });
    app = await buildApp({ db });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
    await throwaway?.drop();
  });
  const opened = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('privatePostgresApp: used outside its describe block’s tests');
    return value;
  };
  const signedIn = signedInInject('privatePostgresApp', () => opened(app));
  return {
    get url() {
      return opened(throwaway).url;
    },
    get db() {
      return opened(db);
    },
    get app() {
      return opened(app);
    },
    get: signedIn.get,
    inject: signedIn.inject,
    sessionOf: signedIn.sessionOf,
  };
}
