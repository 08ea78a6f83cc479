import { afterAll, beforeAll } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/src/app.js';
import type { Database, DatabaseKind } from '../../server/src/db/database.js';
import { privateSeededDatabase } from './privateSeededDatabase.js';
import { signedInInject, type SignedInInject } from './signedInInject.js';

/**
 * The app over a seeded demo county nobody else writes while the file runs, for tests that compare
 * replies with the database or with the seed's planted patterns: a private copy of the seeded
 * template on both backends. The worker's shared embedded database will not do: files run before
 * this one in the same worker have reported cases into it, and a handful of reports this week in one
 * village moves its hot spot class (the CI run that found alerts and demoHistory failing embedded).
 * Registers the block's hooks.
 */
export function privateCountyApp(
  kind: DatabaseKind,
  label: string,
): { db(): Database; get: SignedInInject['get']; inject: SignedInInject['inject'] } {
  let db: Database | undefined;
  let app: FastifyInstance | undefined;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const copy = await privateSeededDatabase(kind, label);
    db = copy.db;
    drop = copy.drop;
    app = await buildApp({ db });
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
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
