import { afterAll, beforeAll } from 'vitest';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../server/src/app.js';
import type { Database, DatabaseKind } from '../../server/src/db/database.js';
import { testDatabase } from './testDatabases.js';

export interface SeededApp {
  /** The backend's seeded test database (shared by the worker's files). */
  readonly db: Database;
  /** The whole app over it, built before the block's tests and closed after them. */
  readonly app: FastifyInstance;
  /** GET as a signed-in account (default `admin`, the county administrator of the demo seed). */
  get(url: string, as?: string): Promise<LightMyRequestResponse>;
  /**
   * Any request as a signed-in account (default `admin`): its session cookie and CSRF token are
   * added. PLACEHOLDER until sessions land: every request is the county administrator.
   */
  inject(options: InjectOptions, as?: string): Promise<LightMyRequestResponse>;
}

/** Registers the hooks of a `describe` block that tests the app on one backend's seeded database. */
export function seededApp(kind: DatabaseKind): SeededApp {
  let db: Database | undefined;
  let app: FastifyInstance | undefined;
  beforeAll(async () => {
    db = await testDatabase(kind);
    app = await buildApp({ db });
  });
  afterAll(async () => {
    await app?.close();
  });
  const opened = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('seededApp: used outside its describe block’s tests');
    return value;
  };
  return {
    get db() {
      return opened(db);
    },
    get app() {
      return opened(app);
    },
    get: (url, _as = 'admin') => opened(app).inject({ method: 'GET', url }),
    inject: (options, _as = 'admin') => opened(app).inject(options),
  };
}
