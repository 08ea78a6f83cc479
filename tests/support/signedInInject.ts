import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { demoPassword } from '../../server/src/seed/demoAccounts.js';

export interface DemoSession {
  cookie: string;
  csrfToken: string;
}

/** What a test needs to call an app as a signed-in demo account (see `SeededApp`). */
export interface SignedInInject {
  get(url: string, as?: string | null): Promise<LightMyRequestResponse>;
  inject(options: InjectOptions, as?: string | null): Promise<LightMyRequestResponse>;
  sessionOf(as: string): Promise<DemoSession>;
  /** Forgets the sessions (the app behind `currentApp` was rebuilt). */
  forgetSessions(): void;
}

/**
 * Signed-in `inject` over whichever app `currentApp` returns: each demo account signs in once per
 * app (an argon2 verification costs ~50 ms), its cookie and CSRF token go with every request, and a
 * `x-csrf-token` the caller sets itself wins, so tests can send a wrong one. `as` = null: no session.
 * `label` names the caller in errors.
 */
export function signedInInject(label: string, currentApp: () => FastifyInstance): SignedInInject {
  let sessions = new Map<string, Promise<DemoSession>>();
  const sessionOf = (as: string): Promise<DemoSession> => {
    let session = sessions.get(as);
    if (!session) {
      session = signIn(label, currentApp(), as);
      sessions.set(as, session);
      session.catch(() => sessions.delete(as));
    }
    return session;
  };
  const inject = async (options: InjectOptions, as: string | null = 'admin') => {
    if (as === null) return currentApp().inject(options);
    const session = await sessionOf(as);
    const headers = { 'x-csrf-token': session.csrfToken, ...(options.headers ?? {}) };
    const cookies = { ...(options.cookies ?? {}), gridmap_session: session.cookie };
    return currentApp().inject({ ...options, headers, cookies });
  };
  return {
    get: (url, as = 'admin') => inject({ method: 'GET', url }, as),
    inject,
    sessionOf,
    forgetSessions: () => {
      sessions = new Map();
    },
  };
}

async function signIn(label: string, app: FastifyInstance, username: string): Promise<DemoSession> {
  const reply = await app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { username, password: demoPassword },
  });
  if (reply.statusCode !== 200) {
    throw new Error(`${label}: signing in as ${username} failed: ${reply.statusCode} ${reply.body}`);
  }
  const cookie = reply.cookies.find((c) => c.name === 'gridmap_session');
  if (!cookie) throw new Error(`${label}: no session cookie for ${username}`);
  return { cookie: cookie.value, csrfToken: reply.json<{ csrfToken: string }>().csrfToken };
}
