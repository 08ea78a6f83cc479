import { spawnMain, type SpawnedMain } from './gridmapServer.js';
import { demoPassword } from '../../server/src/seed/demoAccounts.js';

/**
 * A `main.ts` process on PostgreSQL that can be killed with any signal (tests/support/gridmapServer.ts
 * only stops one), for the fault tests and scripts/bench/trust.ts. No vitest import.
 */
export type ServerProcess = SpawnedMain;

export async function startServer(databaseUrl: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<ServerProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    GRIDMAP_SEED_DEMO: 'false',
    // No automatic escalation: the only events are the ones the caller causes.
    GRIDMAP_ESCALATION_INTERVAL_MS: '0',
    LOG_LEVEL: 'error',
    ...extraEnv,
  };
  return spawnMain(env);
}

export async function stopServer(server: ServerProcess, signal: NodeJS.Signals): Promise<void> {
  if (server.child.exitCode === null && server.child.signalCode === null) {
    server.child.kill(signal);
    await server.exited;
  }
}

export interface Session {
  cookie: string;
  csrfToken: string;
}

/** Signs in as a demo account over HTTP: the cookie header value and the CSRF token. */
export async function signIn(baseUrl: string, username = 'admin'): Promise<Session> {
  const reply = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: demoPassword }),
  });
  if (reply.status !== 200) throw new Error(`sign-in failed: ${reply.status} ${await reply.text()}`);
  const cookie = reply.headers
    .getSetCookie()
    .map((line) => line.split(';')[0]!)
    .find((pair) => pair.startsWith('gridmap_session='));
  if (!cookie) throw new Error('sign-in: no gridmap_session cookie');
  return { cookie, csrfToken: ((await reply.json()) as { csrfToken: string }).csrfToken };
}
