import { afterAll, beforeAll } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/src/app.js';
import type { Database, DatabaseKind } from '../../server/src/db/database.js';
import { openPostgres } from '../../server/src/db/postgresDatabase.js';
import { testDatabase } from './testDatabases.js';
import { seededPrivatePostgres } from './seededPostgres.js';
import { signedInInject, type SignedInInject } from './signedInInject.js';
import type { ThrowawayPostgres } from './throwawayPostgres.js';

/**
 * The app over a seeded demo county nobody else writes while the file runs, for tests that compare
 * replies with the database: on PostgreSQL a private seeded copy (other files write cases on the
 * shared one at the same moment), on the embedded backend this worker's own database (its files
 * run one after another). Registers the block's hooks.
 */
export function privateCountyApp(
  kind: DatabaseKind,
  label: string,
): { db(): Database; get: SignedInInject['get']; inject: SignedInInject['inject'] } {
  let db: Database | undefined;
  let app: FastifyInstance | undefined;
  let throwaway: ThrowawayPostgres | undefined;
  beforeAll(async () => {
    if (kind === 'postgres') {
      throwaway = await seededPrivatePostgres(`gridmap_${label}`);
      db = openPostgres({ url: throwaway.url, max: 4 });
    } else {
      db = await testDatabase(kind);
    }
    app = await buildApp({ db });
  });
  afterAll(async () => {
    await app?.close();
    if (throwaway) {
      await db?.close();
      await throwaway.drop();
    }
  });
  const signedIn = signedInInject(label, () => {
    if (!app) throw new Error(`${label}: the app is used outside its describe block’s tests`);
    return app;
  });
  return {
    db: () => {
      if (!db) throw new Error(`${label}: the database is used outside its describe block’s tests`);
      return db;
    },
    get: signedIn.get,
    inject: signedIn.inject,
  };
}
