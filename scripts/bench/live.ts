/**
 * Live channel benchmark (figures printed, nothing asserted). Needs the local PostgreSQL
 * (TEST_POSTGRES_ADMIN_URL, default postgres://postgres@127.0.0.1:5432/postgres); creates a
 * throw-away database and drops it. Run: `npm run bench:live`.
 *
 * 1. Fan-out latency: 1,000 websocket clients (in a child process, so they do not share the
 *    server's event loop) subscribed to the county; one event committed every 20 ms, 300 events;
 *    time from commit to the LAST client receiving it, against a bare `ws` server that sends the
 *    same message to the same 1,000 clients. Goals: p99 < 60 ms, p50 ≤ 1.5 × the bare harness.
 * 2. Reconnect churn: 10 % of the clients drop and resume with `after` every second during 1,000
 *    events. Goals: events lost = 0, duplicates = 0.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { WebSocket, WebSocketServer } from 'ws';
import { readCommandLine } from '../cli/commandLine.mjs';
import type { LivePayload } from '../../server/src/contract/live.js';
import { latencies, type Report } from './liveDelivery.js';

const { values: commandLine } = readCommandLine({
  name: 'bench:live',
  usage: `usage: npm run bench:live   (LIVE_BENCH_CLIENTS=N for another client count, default 1000)
Needs the local PostgreSQL (TEST_POSTGRES_ADMIN_URL); prints figures, asserts nothing.`,
  // --clients: this file forked as the clients' child process.
  options: { clients: { type: 'boolean', default: false } },
});
const clientCount = Number(process.env.LIVE_BENCH_CLIENTS ?? 1_000);
const intervalMs = 20;
const latencyEvents = 300;
const churnEvents = 1_000;
const churnShare = 0.1;
const countyScope = '620724';
const deadline = Date.now() + 170_000;

const now = () => performance.timeOrigin + performance.now();

// ───────────────────────────── the clients (child process) ─────────────────────────────

interface ClientState {
  socket: WebSocket;
  /** Position after the first subscription: every later event must arrive exactly once. */
  startAfter: number;
  lastId: number;
  received: number;
  duplicates: number;
  outOfOrder: number;
  /** Reconnecting now: not picked again until subscribed. */
  busy: boolean;
}

type ToClients =
  | { cmd: 'connect'; url: string; subscribe: boolean; cookie?: string }
  | { cmd: 'await'; lastId: number }
  | { cmd: 'churn'; share: number }
  | { cmd: 'report'; ids: number[] }
  | { cmd: 'reset' };

async function runClients(): Promise<void> {
  let clients: ClientState[] = [];
  /** event id → [first receive, last receive, receivers]. */
  let arrivals = new Map<number, [number, number, number]>();
  let url = '';
  /** The session the bench signed in with (`/live` refuses an upgrade without one). */
  let cookie: string | undefined;
  let waiting: { lastId: number; resolve: () => void } | null = null;

  const reply = (message: unknown) => process.send!(message);
  const allReached = (lastId: number) => clients.every((c) => c.lastId >= lastId);

  function attach(state: ClientState, socket: WebSocket, onSubscribed?: (lastEventId: number) => void) {
    state.socket = socket;
    socket.on('message', (data) => {
      const at = now();
      const text = String(data);
      const message = JSON.parse(text) as { type: string; id?: number; lastEventId?: number; n?: number };
      if (message.type === 'subscribed') return onSubscribed?.(message.lastEventId!);
      if (message.type !== 'event') return;
      const id = message.id!;
      if (id === state.lastId) state.duplicates++;
      else if (id < state.lastId) state.outOfOrder++;
      else state.lastId = id;
      state.received++;
      const arrival = arrivals.get(id);
      if (arrival) {
        arrival[1] = Math.max(arrival[1], at);
        arrival[2]++;
      } else arrivals.set(id, [at, at, 1]);
      if (waiting && id >= waiting.lastId && allReached(waiting.lastId)) {
        waiting.resolve();
        waiting = null;
      }
    });
  }

  function open(state: ClientState, after: number | null, subscribe: boolean): Promise<number> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, cookie ? { headers: { cookie } } : {});
      attach(state, socket, resolve);
      socket.once('error', reject);
      socket.once('open', () => {
        if (!subscribe) return resolve(0);
        socket.send(JSON.stringify({ type: 'subscribe', scope: countyScope, after }));
      });
    });
  }

  process.on('message', async (message: ToClients) => {
    if (message.cmd === 'connect') {
      url = message.url;
      cookie = message.cookie;
      clients = [];
      for (let i = 0; i < clientCount; i += 50) {
        // 50 at a time: a burst of 1,000 handshakes overflows the listen backlog.
        await Promise.all(
          Array.from({ length: Math.min(50, clientCount - i) }, async () => {
            const state = {
              startAfter: 0,
              lastId: 0,
              received: 0,
              duplicates: 0,
              outOfOrder: 0,
              busy: false,
            } as ClientState;
            const lastEventId = await open(state, null, message.subscribe);
            state.startAfter = state.lastId = lastEventId;
            clients.push(state);
          }),
        );
      }
      reply({ cmd: 'connected' });
    } else if (message.cmd === 'await') {
      if (allReached(message.lastId)) reply({ cmd: 'reached' });
      else {
        const mine = { lastId: message.lastId, resolve: () => reply({ cmd: 'reached' }) };
        waiting = mine;
        // A client that never gets there is counted in the report, not waited for forever.
        setTimeout(() => {
          if (waiting !== mine) return;
          waiting = null;
          mine.resolve();
        }, 15_000);
      }
    } else if (message.cmd === 'churn') {
      const count = Math.round(clients.length * message.share);
      const chosen = clients
        .filter((c) => !c.busy)
        .sort(() => Math.random() - 0.5)
        .slice(0, count);
      await Promise.all(
        chosen.map(async (state) => {
          state.busy = true;
          // Drop without a goodbye: whatever was in flight to the old socket is never seen.
          state.socket.removeAllListeners('message');
          state.socket.terminate();
          await open(state, state.lastId, true);
          state.busy = false;
        }),
      );
      reply({ cmd: 'churned', count });
    } else if (message.cmd === 'report') {
      const expected = message.ids;
      let lost = 0;
      for (const state of clients) {
        const owed = expected.filter((id) => id > state.startAfter).length;
        lost += Math.max(0, owed - (state.received - state.duplicates - state.outOfOrder));
      }
      reply({
        cmd: 'report',
        arrivals: [...arrivals.entries()],
        lost,
        duplicates: clients.reduce((sum, c) => sum + c.duplicates, 0),
        outOfOrder: clients.reduce((sum, c) => sum + c.outOfOrder, 0),
      });
    } else if (message.cmd === 'reset') {
      for (const state of clients) state.socket.terminate();
      clients = [];
      arrivals = new Map();
      reply({ cmd: 'reset' });
    }
  });
  reply({ cmd: 'ready' });
}

// ───────────────────────────── the driver (parent process) ─────────────────────────────

class Clients {
  readonly #child: ChildProcess;
  constructor() {
    this.#child = fork(fileURLToPath(import.meta.url), ['--clients'], { stdio: 'inherit' });
  }
  request<T = Record<string, unknown>>(message: ToClients | null, answer: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`clients did not answer "${answer}" in time`)),
        Math.max(1, deadline - Date.now()),
      );
      const onMessage = (reply: { cmd: string }) => {
        if (reply.cmd !== answer) return;
        clearTimeout(timer);
        this.#child.off('message', onMessage);
        resolve(reply as T);
      };
      this.#child.on('message', onMessage);
      if (message) this.#child.send(message);
    });
  }
  kill() {
    this.#child.kill();
  }
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Calls `send(n)` every `intervalMs` (on a fixed schedule, not after each send completes). */
async function paced(count: number, send: (n: number) => Promise<void>, everySecond?: () => void): Promise<void> {
  const start = performance.now();
  const pending: Promise<void>[] = [];
  let nextSecond = start + 1000;
  for (let n = 1; n <= count; n++) {
    const due = start + n * intervalMs;
    const wait = due - performance.now();
    if (wait > 0) await tick(wait);
    if (everySecond && performance.now() >= nextSecond) {
      nextSecond += 1000;
      everySecond();
    }
    pending.push(send(n));
  }
  await Promise.all(pending);
}

async function bareHarness(clients: Clients) {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const port = (server.address() as { port: number }).port;
  await clients.request({ cmd: 'connect', url: `ws://127.0.0.1:${port}/`, subscribe: false }, 'connected');
  const sentAt = new Map<number, number>();
  await paced(latencyEvents, async (n) => {
    const text = JSON.stringify({
      type: 'event',
      id: n,
      kind: 'case',
      at: new Date().toISOString(),
      townCode: '620724105000',
      caseId: n,
      status: 'accepted',
    });
    sentAt.set(n, now());
    for (const socket of server.clients) socket.send(text);
  });
  await clients.request({ cmd: 'await', lastId: latencyEvents }, 'reached');
  const report = await clients.request<Report>({ cmd: 'report', ids: [...sentAt.keys()] }, 'report');
  await clients.request({ cmd: 'reset' }, 'reset');
  server.close();
  return latencies(sentAt, report, clientCount);
}

async function main(): Promise<void> {
  const { migrate } = await import('../../server/src/db/migrate.js');
  const { openPostgres } = await import('../../server/src/db/postgresDatabase.js');
  const { buildApp } = await import('../../server/src/app.js');
  const { publishEvent } = await import('../../server/src/outbox/publishEvent.js');
  const { insertBenchCounty } = await import('./liveBenchCounty.js');
  const { insertAccount } = await import('../../server/src/repos/session/accountRepo.js');
  const { hashPassword } = await import('../../server/src/auth/passwords.js');
  const { signIn } = await import('../../tests/support/serverProcess.js');
  const { demoPassword } = await import('../../server/src/seed/demoAccounts.js');

  const adminUrl = process.env.TEST_POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `gridmap_bench_live_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = openPostgres({ url: url.toString(), max: 4 });
  const clients = new Clients();
  const watchdog = setTimeout(
    () => {
      console.error('bench:live: over the time limit — stopping');
      process.exit(2);
    },
    deadline - Date.now() + 5_000,
  );
  watchdog.unref();
  let app: Awaited<ReturnType<typeof buildApp>> | null = null;
  try {
    await clients.request(null, 'ready');
    await migrate(db);
    await insertBenchCounty(db);
    // One county account; every client shares its session (what a row of wall screens does).
    await insertAccount(db.sql, {
      username: 'admin',
      passwordHash: await hashPassword(demoPassword),
      role: 'county_admin',
      scopeCode: '620724000000',
    });
    app = await buildApp({ db });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as { port: number }).port;
    const { cookie } = await signIn(`http://127.0.0.1:${port}`, 'admin');

    console.log(`bench:live — ${clientCount} clients, one event every ${intervalMs} ms`);
    const bare = await bareHarness(clients);

    await clients.request({ cmd: 'connect', url: `ws://127.0.0.1:${port}/live`, subscribe: true, cookie }, 'connected');
    const committedAt = new Map<number, number>();
    const publish = async (n: number) => {
      const id = await db.transaction((sql) =>
        publishEvent(sql, {
          kind: 'case',
          villageCode: '620724105201',
          // The same small message as the bare harness sends (the hub never reads a payload), not
          // a real case event's fields.
          payload: { caseId: n, status: 'accepted' } as unknown as LivePayload<'case'>,
        }),
      );
      committedAt.set(id, now());
    };
    await paced(latencyEvents, publish);
    await clients.request({ cmd: 'await', lastId: Math.max(...committedAt.keys()) }, 'reached');
    const gridmap = latencies(
      committedAt,
      await clients.request<Report>({ cmd: 'report', ids: [...committedAt.keys()] }, 'report'),
      clientCount,
    );

    await clients.request({ cmd: 'reset' }, 'reset');
    await clients.request({ cmd: 'connect', url: `ws://127.0.0.1:${port}/live`, subscribe: true, cookie }, 'connected');
    committedAt.clear();
    let churned = 0;
    const churns: Promise<unknown>[] = [];
    await paced(churnEvents, publish, () => {
      churns.push(
        clients
          .request<{ count: number }>({ cmd: 'churn', share: churnShare }, 'churned')
          .then((r) => (churned += r.count)),
      );
    });
    await Promise.all(churns);
    await clients.request({ cmd: 'await', lastId: Math.max(...committedAt.keys()) }, 'reached');
    const churn = await clients.request<Report>({ cmd: 'report', ids: [...committedAt.keys()] }, 'report');

    const f = (ms: number) => `${ms.toFixed(1)} ms`;
    console.log('');
    console.log('| commit → last of 1,000 clients | p50 | p99 | max | events not at every client |');
    console.log('|---|---|---|---|---|');
    console.log(
      `| bare ws broadcast (send → last) | ${f(bare.p50)} | ${f(bare.p99)} | ${f(bare.max)} | ${bare.incomplete} |`,
    );
    console.log(
      `| gridmap /live (commit → last) | ${f(gridmap.p50)} | ${f(gridmap.p99)} | ${f(gridmap.max)} | ${gridmap.incomplete} |`,
    );
    console.log('');
    console.log(
      `reconnect churn: ${churnEvents} events, ${churned} reconnects with "after" (${churnShare * 100} % per second)`,
    );
    console.log(`  events lost: ${churn.lost}, duplicates: ${churn.duplicates}, out of order: ${churn.outOfOrder}`);
    console.log('');
    const goals = [
      [`p99 < 60 ms`, gridmap.p99 < 60],
      [`p50 ≤ 1.5 × bare (${f(1.5 * bare.p50)})`, gridmap.p50 <= 1.5 * bare.p50],
      ['churn: lost = 0', churn.lost === 0],
      ['churn: duplicates = 0', churn.duplicates === 0 && churn.outOfOrder === 0],
    ] as const;
    for (const [goal, met] of goals) console.log(`${met ? 'met    ' : 'NOT MET'}  ${goal}`);
  } finally {
    clients.kill();
    await app?.close();
    await db.close();
    await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
    clearTimeout(watchdog);
  }
}

if (commandLine.clients) await runClients();
else await main();
