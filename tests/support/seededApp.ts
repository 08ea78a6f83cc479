import { afterAll, beforeAll } from 'vitest';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../server/src/app.js';
import type { Database, DatabaseKind } from '../../server/src/db/database.js';
import { demoPassword } from '../../server/src/seed/demoAccounts.js';
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

export interface DemoSession {
  cookie: string;
  csrfToken: string;
}

/** Registers the hooks of a `describe` block that tests the app on one backend's seeded database. */
export function seededApp(kind: DatabaseKind): SeededApp {
  let db: Database | undefined;
  let app: FastifyInstance | undefined;
  // One session per username per app: signing in costs an argon2 verification (~50 ms).
  let sessions = new Map<string, Promise<DemoSession>>();
  beforeAll(async () => {
    db = await testDatabase(kind);
    app = await buildApp({ db });
    sessions = new Map();
  });
  afterAll(async () => {
    await app?.close();
  });
  const opened = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('seededApp: used outside its describe block’s tests');
    return value;
  };
  const sessionOf = (as: string): Promise<DemoSession> => {
    let session = sessions.get(as);
    if (!session) {
      session = signIn(opened(app), as);
      sessions.set(as, session);
      session.catch(() => sessions.delete(as));
    }
    return session;
  };
  const inject = async (options: InjectOptions, as: string | null = 'admin') => {
    if (as === null) return opened(app).inject(options);
    const session = await sessionOf(as);
    const headers = { 'x-csrf-token': session.csrfToken, ...(options.headers ?? {}) };
    const cookies = { ...(options.cookies ?? {}), gridmap_session: session.cookie };
    return opened(app).inject({ ...options, headers, cookies });
  };
  return {
    get db() {
      return opened(db);
    },
    get app() {
      return opened(app);
    },
    get: (url, as = 'admin') => inject({ method: 'GET', url }, as),
    inject,
    sessionOf,
  };
}

async function signIn(app: FastifyInstance, username: string): Promise<DemoSession> {
  const reply = await app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { username, password: demoPassword },
  });
  if (reply.statusCode !== 200) {
    throw new Error(`seededApp: signing in as ${username} failed: ${reply.statusCode} ${reply.body}`);
  }
  const cookie = reply.cookies.find((c) => c.name === 'gridmap_session');
  if (!cookie) throw new Error(`seededApp: no session cookie for ${username}`);
  return { cookie: cookie.value, csrfToken: reply.json<{ csrfToken: string }>().csrfToken };
}
