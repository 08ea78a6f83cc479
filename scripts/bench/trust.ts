/**
 * Trust benchmark (issue "Trust": figures printed, nothing asserted). Needs the local PostgreSQL
 * (TEST_POSTGRES_ADMIN_URL, default postgres://postgres@127.0.0.1:5432/postgres); creates a seeded
 * throw-away database, runs a real server process on it, drops it afterwards.
 * Run: `npm run bench:trust` (`-- --seconds 10 --rate 200 --clients 1000` to change the load).
 *
 * 1. Bad inputs: the table of tests/fixtures/badRequests.ts sent over HTTP to the running server,
 *    each followed by a database fingerprint (row counts + md5 of every table): tried, rejected as
 *    expected, and "with nothing stored".
 * 2. Cross-scope: a town leader of town A asks for town B's grid, dossier, lists, tiles, contact
 *    details, acts on its case, reports inside it and subscribes to it live: made / refused.
 * 3. Sustained load: `--rate` case writes per second for `--seconds` (default 200/s for 60 s) with
 *    `--clients` live subscribers of the county (default 1,000, in a child process): errors, p50 and
 *    p99 write latency, against a bare `GET /health` at the same rate measured in the same run.
 */
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import { buildApp } from '../../server/src/app.js';
import { openPostgres } from '../../server/src/db/postgresDatabase.js';
import { badRequestContext, genericCases, refusalText, routeTables } from '../../tests/fixtures/badRequests.js';
import { databaseFingerprint, fingerprintChanges } from '../../tests/support/databaseFingerprint.js';
import { seededPrivatePostgres } from '../../tests/support/seededPostgres.js';
import { signIn, startServer, stopServer, type Session } from '../../tests/support/serverProcess.js';
import { writeRoutesOf } from '../../tests/support/writeRoutes.js';
import { readCommandLine } from '../cli/commandLine.mjs';
import { percentile } from './percentile.js';

const { values: commandLine } = readCommandLine({
  name: 'bench:trust',
  usage: `usage: npm run bench:trust -- [--seconds S] [--rate N] [--clients N]
  --seconds S   length of the sustained load (default 60)
  --rate N      case writes a second (default 200)
  --clients N   live subscribers of the county (default 1000)
Needs the local PostgreSQL + PostGIS (TEST_POSTGRES_ADMIN_URL); prints figures, asserts nothing.`,
  options: {
    seconds: { type: 'string' },
    rate: { type: 'string' },
    clients: { type: 'string' },
    // The live clients' child process (this file forked with it).
    'clients-child': { type: 'boolean', default: false },
  },
});

const option = (name: 'seconds' | 'rate' | 'clients', fallback: number) => {
  const given = commandLine[name];
  const value = given === undefined ? fallback : Number(given);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
};

// ───────────────────────────── live clients (child process) ─────────────────────────────

interface ToClients {
  cmd: 'connect' | 'report';
  url?: string;
  cookie?: string;
  count?: number;
}

async function runClients(): Promise<void> {
  const sockets: WebSocket[] = [];
  const received: number[] = [];
  const seen: Set<number>[] = [];
  const reply = (message: unknown) => process.send!(message);
  process.on('message', async (message: ToClients) => {
    if (message.cmd === 'connect') {
      for (let i = 0; i < message.count!; i += 50) {
        // 50 at a time: a burst of 1,000 handshakes overflows the listen backlog.
        await Promise.all(
          Array.from({ length: Math.min(50, message.count! - i) }, (_, j) => {
            const index = i + j;
            received[index] = 0;
            seen[index] = new Set();
            return new Promise<void>((resolve, reject) => {
              const socket = new WebSocket(message.url!, { headers: { cookie: message.cookie! } });
              sockets.push(socket);
              socket.once('error', reject);
              socket.once('open', () =>
                socket.send(JSON.stringify({ type: 'subscribe', scope: '620724', after: null })),
              );
              socket.on('message', (data) => {
                const parsed = JSON.parse(String(data)) as { type: string; id?: number };
                if (parsed.type === 'subscribed') resolve();
                else if (parsed.type === 'event') {
                  received[index]!++;
                  seen[index]!.add(parsed.id!);
                }
              });
            });
          }),
        );
      }
      reply({ cmd: 'connected', open: sockets.filter((s) => s.readyState === WebSocket.OPEN).length });
    } else if (message.cmd === 'report') {
      const distinct = seen.map((ids) => ids.size);
      reply({
        cmd: 'report',
        open: sockets.filter((s) => s.readyState === WebSocket.OPEN).length,
        minDistinct: Math.min(...distinct),
        duplicates: received.reduce((sum, n, i) => sum + n - distinct[i]!, 0),
      });
      for (const socket of sockets) socket.terminate();
      process.exit(0);
    }
  });
  reply({ cmd: 'ready' });
}

// ───────────────────────────── the driver ─────────────────────────────

interface HttpRequest {
  method?: string;
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
}

async function send(baseUrl: string, request: HttpRequest, session: Session | null) {
  const headers: Record<string, string> = {};
  if (session) {
    headers.cookie = session.cookie;
    headers['x-csrf-token'] = session.csrfToken;
  }
  let body: string | undefined;
  if (request.payload !== undefined) {
    body = typeof request.payload === 'string' ? request.payload : JSON.stringify(request.payload);
    headers['content-type'] = 'application/json';
  }
  Object.assign(headers, request.headers ?? {});
  try {
    const reply = await fetch(`${baseUrl}${request.url}`, { method: request.method ?? 'GET', headers, body });
    const text = await reply.text();
    return { status: reply.status, text };
  } catch (error) {
    // The server answers an oversized body with 413 and closes the connection while the client is
    // still writing: the client may see the close (EPIPE, reset) before it can read the reply.
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? String(error);
    return { status: 0, text: `connection closed by the server while sending (${cause})` };
  }
}

/** Fires `make()` every 1/rate s for `seconds` without waiting for answers (open loop). */
async function atRate(rate: number, seconds: number, make: (i: number) => Promise<boolean>) {
  const latencies: number[] = [];
  let errors = 0;
  const pending: Promise<void>[] = [];
  const total = Math.round(rate * seconds);
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const sent = performance.now();
    pending.push(
      make(i).then(
        (ok) => {
          latencies.push(performance.now() - sent);
          if (!ok) errors++;
        },
        () => {
          errors++;
        },
      ),
    );
  }
  await Promise.all(pending);
  const achieved = total / ((performance.now() - started) / 1000);
  latencies.sort((a, b) => a - b);
  return { total, errors, achieved, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

async function main() {
  const seconds = option('seconds', 60);
  const rate = option('rate', 200);
  const clientCount = option('clients', 1000);
  console.log(`bench:trust — seeding a throw-away PostgreSQL database…`);
  const database = await seededPrivatePostgres('gridmap_bench_trust');
  const db = openPostgres({ url: database.url, max: 2 });
  const server = await startServer(database.url, { LOG_LEVEL: 'warn' });
  try {
    const base = server.baseUrl;
    const sessions = new Map<string, Session>();
    const sessionOf = async (username: string) => {
      if (!sessions.has(username)) sessions.set(username, await signIn(base, username));
      return sessions.get(username)!;
    };

    // ── 1. bad inputs ──
    const app = await buildApp({ db });
    await app.ready();
    const routeKeys = writeRoutesOf(app).map((route) => `${route.method} ${route.path}`);
    await app.close();
    const sql = db.sql;
    const ctx = await badRequestContext(sql);
    if (routeKeys.includes('POST /api/plans')) {
      const made = await send(
        base,
        { method: 'POST', url: '/api/plans', payload: { scope: ctx.villageCode, name: 'bench:trust' } },
        await sessionOf('planner'),
      );
      if (made.status === 201) ctx.planId = String((JSON.parse(made.text) as { id: number }).id);
      const grids = await send(base, { url: `/api/plans/${ctx.planId}/grids` }, await sessionOf('planner'));
      const first = (JSON.parse(grids.text) as { features?: { properties: { code: string; version: number } }[] })
        .features?.[0];
      if (first) ctx.planGrid = { code: first.properties.code, version: first.properties.version };
    }
    for (const username of ['admin', 'planner', 'auditor']) await sessionOf(username);
    let fingerprint = await databaseFingerprint(sql);
    let tried = 0;
    let asExpected = 0;
    let nothingStored = 0;
    let closedWhileSending = 0;
    const unexpected: string[] = [];
    for (const key of Object.keys(routeTables).filter((k) => routeKeys.includes(k))) {
      const table = routeTables[key]!;
      const [method] = key.split(' ') as [string];
      for (const bad of [...genericCases(table), ...table.cases]) {
        tried++;
        const valid = table.valid(ctx);
        const overrides = bad.request(ctx, valid) as Partial<HttpRequest>;
        const as = bad.as === undefined ? (table.as ?? 'admin') : bad.as;
        const reply = await send(
          base,
          { method, url: valid.url, ...(valid.body === undefined ? {} : { payload: valid.body }), ...overrides },
          as === null ? null : await sessionOf(as),
        );
        const statuses = typeof bad.status === 'number' ? [bad.status] : bad.status;
        const message = refusalText(reply.text);
        if (statuses.includes(reply.status) && bad.message.test(message)) asExpected++;
        else if (reply.status === 0 && statuses.includes(413)) {
          asExpected++;
          closedWhileSending++;
        } else unexpected.push(`${key} · ${bad.name}: ${reply.status} ${message.slice(0, 100)}`);
        const after = await databaseFingerprint(sql, fingerprint);
        if (fingerprintChanges(fingerprint, after).length === 0) nothingStored++;
        else unexpected.push(`${key} · ${bad.name}: stored ${fingerprintChanges(fingerprint, after).join('; ')}`);
        fingerprint = after;
      }
    }
    console.log(
      `bad inputs: ${tried} tried over ${routeKeys.length} write routes, ${asExpected} refused with the expected status and message (${closedWhileSending} oversized bodies cut off by the server before the 413 could be read), ${nothingStored} with nothing stored`,
    );
    for (const line of unexpected.slice(0, 20)) console.log(`  unexpected: ${line}`);

    // ── 2. cross-scope ──
    const towns = await sql<{ code: string }>`
      SELECT code FROM grids WHERE level = 'town' AND valid_to IS NULL ORDER BY code LIMIT 2`;
    const [townA, townB] = towns.map((t) => t.code) as [string, string];
    const bPrefix = townB.slice(0, 9);
    const [villageB] = await sql<{ code: string; lon: number; lat: number }>`
      SELECT code, ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat
      FROM grids WHERE level = 'group' AND valid_to IS NULL AND code LIKE ${`${bPrefix}%`} ORDER BY code LIMIT 1`;
    const [caseB] = await sql<{ serial: string }>`
      SELECT serial FROM cases WHERE town_code = ${townB} AND status IN ('registered', 'accepted', 'mediating') LIMIT 1`;
    const [householdB] = await sql<{
      id: number;
    }>`SELECT id::int AS id FROM households WHERE town_code = ${townB} LIMIT 1`;
    const leader = await sessionOf(`town-${townA}`);
    const z = 14;
    const tileX = Math.floor(((villageB!.lon + 180) / 360) * 2 ** z);
    const latRad = (villageB!.lat * Math.PI) / 180;
    const tileY = Math.floor(((1 - Math.log(Math.tan(latRad) + 1 / Math.cos(latRad)) / Math.PI) / 2) * 2 ** z);
    const attempts: { name: string; request: HttpRequest; kind: 'read' | 'tile' | 'write' }[] = [
      { name: 'grid', request: { url: `/api/grids/${townB}` }, kind: 'read' },
      { name: 'village grid', request: { url: `/api/grids/${villageB!.code}` }, kind: 'read' },
      { name: 'dossier', request: { url: `/api/grids/${townB}/dossier` }, kind: 'read' },
      { name: 'children csv', request: { url: `/api/grids/${townB}/children.csv` }, kind: 'read' },
      { name: 'case list', request: { url: `/api/cases?grid=${townB}` }, kind: 'read' },
      { name: 'households', request: { url: `/api/households?grid=${villageB!.code}` }, kind: 'read' },
      { name: 'streets', request: { url: `/api/streets?grid=${villageB!.code}` }, kind: 'read' },
      { name: 'cameras', request: { url: `/api/cameras?grid=${townB}` }, kind: 'read' },
      { name: 'patrols', request: { url: `/api/patrols?grid=${townB}` }, kind: 'read' },
      { name: 'kpis', request: { url: `/api/kpis?scope=${townB}` }, kind: 'read' },
      { name: 'case detail', request: { url: `/api/cases/${caseB!.serial}` }, kind: 'read' },
      { name: 'contact', request: { url: `/api/households/${householdB!.id}/contact` }, kind: 'read' },
      { name: 'households tile', request: { url: `/tiles/households/${z}/${tileX}/${tileY}.mvt` }, kind: 'tile' },
      { name: 'streets tile', request: { url: `/tiles/streets/${z}/${tileX}/${tileY}.mvt` }, kind: 'tile' },
      {
        name: 'case action',
        request: { method: 'POST', url: `/api/cases/${caseB!.serial}/actions`, payload: { action: 'accept' } },
        kind: 'write',
      },
      {
        name: 'case report',
        request: {
          method: 'POST',
          url: '/api/cases',
          payload: { lon: villageB!.lon, lat: villageB!.lat, category: 'other', summary: 'cross-scope' },
        },
        kind: 'write',
      },
    ];
    let refused = 0;
    const leaks: string[] = [];
    for (const attempt of attempts) {
      const reply = await send(base, attempt.request, leader);
      const denied = [401, 403, 404].includes(reply.status);
      const emptyTile = attempt.kind === 'tile' && (reply.status === 204 || reply.text.length === 0);
      const filteredList = attempt.kind === 'read' && reply.status === 200 && !reply.text.includes(`"${bPrefix}`);
      if (denied || emptyTile || filteredList) refused++;
      else leaks.push(`${attempt.name}: ${reply.status} ${reply.text.slice(0, 80)}`);
    }
    // Live: a subscription to town B must be answered with an error and no events.
    const liveRefused = await new Promise<boolean>((resolve) => {
      const socket = new WebSocket(`${base.replace('http', 'ws')}/live`, { headers: { cookie: leader.cookie } });
      socket.once('open', () => socket.send(JSON.stringify({ type: 'subscribe', scope: townB, after: 0 })));
      socket.once('message', (data) => {
        resolve((JSON.parse(String(data)) as { type: string }).type === 'error');
        socket.close();
      });
      socket.once('unexpected-response', () => resolve(true));
      socket.once('error', () => resolve(true));
    });
    if (liveRefused) refused++;
    else leaks.push('live subscribe: accepted');
    console.log(
      `cross-scope (town-${townA} → town ${townB}): ${attempts.length + 1} attempts made, ${refused} refused`,
    );
    for (const leak of leaks) console.log(`  NOT refused: ${leak}`);

    // ── 3. sustained load ──
    const admin = await sessionOf('admin');
    const child = fork(fileURLToPath(import.meta.url), ['--clients-child'], { stdio: 'inherit' });
    const fromChild = (cmd: string) =>
      new Promise<Record<string, number>>((resolve) => {
        const on = (message: { cmd: string }) => {
          if (message.cmd !== cmd) return;
          child.off('message', on);
          resolve(message as unknown as Record<string, number>);
        };
        child.on('message', on);
      });
    await fromChild('ready');
    child.send({ cmd: 'connect', url: `${base.replace('http', 'ws')}/live`, cookie: admin.cookie, count: clientCount });
    const connected = await fromChild('connected');
    console.log(`live subscribers: ${connected.open} connected`);
    const spots = await sql<{ lon: number; lat: number }>`
      SELECT ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat
      FROM grids WHERE level = 'group' AND valid_to IS NULL ORDER BY code`;
    const categories = ['neighbour_dispute', 'family_dispute', 'land_boundary', 'public_order', 'other'];
    const baselineSeconds = Math.min(10, seconds);
    const baseline = await atRate(rate, baselineSeconds, async () => {
      const reply = await fetch(`${base}/health`);
      await reply.arrayBuffer();
      return reply.ok;
    });
    const [{ before }] = (await sql<{ before: number }>`SELECT coalesce(max(id), 0)::int AS before FROM events`) as [
      { before: number },
    ];
    const writes = await atRate(rate, seconds, async (i) => {
      const spot = spots[i % spots.length]!;
      const reply = await fetch(`${base}/api/cases`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrfToken },
        body: JSON.stringify({
          lon: spot.lon,
          lat: spot.lat,
          category: categories[i % categories.length],
          summary: `bench:trust ${i}`,
          reportId: randomUUID(),
        }),
      });
      await reply.arrayBuffer();
      return reply.status === 201;
    });
    const [{ events }] = (await sql<{ events: number }>`
      SELECT count(*)::int AS events FROM events WHERE id > ${before}`) as [{ events: number }];
    // Give the hub the time to fan out what was committed last (the clients count what they got).
    await new Promise((resolve) => setTimeout(resolve, 3000));
    child.send({ cmd: 'report' });
    const report = await fromChild('report');
    console.log(
      `baseline GET /health at ${rate}/s for ${baselineSeconds} s: p50 ${baseline.p50.toFixed(1)} ms, p99 ${baseline.p99.toFixed(1)} ms, errors ${baseline.errors}`,
    );
    console.log(
      `case writes at ${rate}/s for ${seconds} s (achieved ${writes.achieved.toFixed(0)}/s) with ${connected.open} live subscribers: ` +
        `${writes.total} sent, errors ${writes.errors}, p50 ${writes.p50.toFixed(1)} ms (${(writes.p50 / baseline.p50).toFixed(1)}× baseline), ` +
        `p99 ${writes.p99.toFixed(1)} ms (${(writes.p99 / baseline.p99).toFixed(1)}× baseline)`,
    );
    console.log(
      `live during the load: ${events} events committed; the slowest subscriber got ${report.minDistinct}, ` +
        `events lost ${Math.max(0, events - report.minDistinct!)}, duplicates ${report.duplicates}, still connected ${report.open}/${connected.open}`,
    );
  } finally {
    await stopServer(server, 'SIGTERM');
    await db.close();
    await database.drop();
  }
}

if (commandLine['clients-child']) await runClients();
else await main();
