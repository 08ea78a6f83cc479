import { afterAll, beforeAll } from 'vitest';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { signedInInject, type DemoSession } from './signedInInject.js';
import { buildApp } from '../../server/src/app.js';
import type { Database, DatabaseKind } from '../../server/src/db/database.js';
import { testDatabase } from './testDatabases.js';

export interface SeededApp {
  /** The backend's seeded test database (shared by the worker's files). */
  readonly db: Database;
  /** The whole app over it, built before the block's tests and closed after them. */
  readonly app: FastifyInstance;
  /** GET as a signed-in account (default `admin`, the county administrator of the demo seed); `null`: signed out. */
  get(url: string, as?: string | null): Promise<LightMyRequestResponse>;
  /**
   * Any request as a signed-in demo account (default `admin`): its session cookie and CSRF token are
   * added (a `x-csrf-token` the caller sets itself wins, so tests can send a wrong one). `null`: no
   * session at all.
   */
  inject(options: InjectOptions, as?: string | null): Promise<LightMyRequestResponse>;
  /** The session of a demo account in this app (signing in the first time it is asked for). */
  sessionOf(as: string): Promise<DemoSession>;
}

export type { DemoSession } from './signedInInject.js';

/** Registers the hooks of a `describe` block that tests the app on one backend's seeded database. */
export function seededApp(kind: DatabaseKind): SeededApp {
  let db: Database | undefined;
  let app: FastifyInstance | undefined;
  const opened = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('seededApp: used outside its describe block’s tests');
    return value;
  };
  const signedIn = signedInInject('seededApp', () => opened(app));
  beforeAll(async () => {
    db = await testDatabase(kind);
    app = await buildApp({ db });
    signedIn.forgetSessions();
  });
  afterAll(async () => {
    await app?.close();
  });
  return {
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
