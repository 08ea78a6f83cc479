import { afterAll, beforeAll } from 'vitest';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../server/src/app.js';
import type { Database } from '../../server/src/db/database.js';
import { openPostgres } from '../../server/src/db/postgresDatabase.js';
import { demoPassword } from '../../server/src/seed/demoAccounts.js';
import type { DemoSession, SeededApp } from './seededApp.js';
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
  const sessions = new Map<string, Promise<DemoSession>>();
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
  const sessionOf = (as: string): Promise<DemoSession> => {
    let session = sessions.get(as);
    if (!session) {
      session = signIn(opened(app), as);
      sessions.set(as, session);
      session.catch(() => sessions.delete(as));
    }
    return session;
  };
  const inject = async (options: InjectOptions, as: string | null = 'admin'): Promise<LightMyRequestResponse> => {
    if (as === null) return opened(app).inject(options);
    const session = await sessionOf(as);
    const headers = { 'x-csrf-token': session.csrfToken, ...(options.headers ?? {}) };
    const cookies = { ...(options.cookies ?? {}), gridmap_session: session.cookie };
    return opened(app).inject({ ...options, headers, cookies });
  };
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
    throw new Error(`privatePostgresApp: signing in as ${username} failed: ${reply.statusCode} ${reply.body}`);
  }
  const cookie = reply.cookies.find((c) => c.name === 'gridmap_session');
  if (!cookie) throw new Error(`privatePostgresApp: no session cookie for ${username}`);
  return { cookie: cookie.value, csrfToken: reply.json<{ csrfToken: string }>().csrfToken };
}
