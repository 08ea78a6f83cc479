// `npm run bench:tiles [-- --requests 1000 --concurrency 8 --embedded-runs 30]`
//
// The cost of a busy z14 household tile, as ratios against a baseline measured in the same run:
//  (1) the real server over HTTP (tile cache skipped; the client in a worker thread) vs (2) the same tile SQL straight through
//      postgres.js, at the same concurrency: throughput ratio (goal ≥ 0.8×) and p99 ratio (goal ≤ 2×);
//  (4) a cached tile through the real server (session checked from memory, the tile from the tile cache)
//      vs a bare Fastify serving the same bytes at the same concurrency (goal ≥ 0.5×, p99 ≤ 10 ms);
//  (3) the JavaScript tile path on the embedded database vs ST_AsMVT on PostgreSQL for the same tile
//      (goal ≤ 2×); for reference also the JavaScript path on PostgreSQL.
// Figures only, nothing asserted. Uses a throw-away PostgreSQL database (dropped at the end) and an
// in-memory embedded database; each phase stops after its request count or its time budget.
import { readCommandLine } from '../cli/commandLine.mjs';
import { Worker } from 'node:worker_threads';
import type { AddressInfo } from 'node:net';
import { createThrowawayPostgres } from '../../tests/support/throwawayPostgres.js';
import { signIn } from '../../tests/support/serverProcess.js';
import { openPostgres } from '../../server/src/db/postgresDatabase.js';
import { openEmbedded } from '../../server/src/db/embeddedDatabase.js';
import { compileSql } from '../../server/src/db/sqlQuery.js';
import type { Database } from '../../server/src/db/database.js';
import { migrate } from '../../server/src/db/migrate.js';
import { seedDemoCounty } from '../../server/src/seed/seedDemoCounty.js';
import Fastify from 'fastify';
import { buildApp } from '../../server/src/app.js';
import { tileMvtQuery } from '../../server/src/repos/tiles/tileRepo.js';
import { postgisTileRenderer } from '../../server/src/repos/tiles/postgisTileRenderer.js';
import { javascriptTileRenderer } from '../../server/src/repos/tiles/javascriptTileRenderer.js';
import type { TileCoord } from '../../server/src/tiles/tileLayers.js';

const { values: args } = readCommandLine({
  name: 'bench:tiles',
  usage: `usage: npm run bench:tiles -- [--requests N] [--concurrency N] [--embedded-runs N] [--skip-embedded]
  --requests N        tile requests per measured phase (default 1000)
  --concurrency N     requests in flight (default 8)
  --embedded-runs N   renders of the tile on the embedded database (default 30)
  --skip-embedded     PostgreSQL only
Needs the local PostgreSQL + PostGIS (TEST_POSTGRES_ADMIN_URL); prints figures, asserts nothing.`,
  options: {
    requests: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '8' },
    'embedded-runs': { type: 'string', default: '30' },
    'skip-embedded': { type: 'boolean', default: false },
  },
});
const requests = Number(args.requests);
const concurrency = Number(args.concurrency);
const embeddedRuns = Number(args['embedded-runs']);
/** Each measured phase stops here even if its requests are not done, so the run stays under 2 min. */
const phaseBudgetMs = 15_000;

interface Run {
  done: number;
  seconds: number;
  latenciesMs: number[];
}

/** Runs `task` `total` times with `parallel` in flight (or until the budget), timing each call. */
async function load(total: number, parallel: number, task: () => Promise<unknown>): Promise<Run> {
  const latenciesMs: number[] = [];
  let started = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (started < total && performance.now() - t0 < phaseBudgetMs) {
      started++;
      const t = performance.now();
      await task();
      latenciesMs.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return { done: latenciesMs.length, seconds: (performance.now() - t0) / 1000, latenciesMs };
}

// The HTTP load runs in a worker thread: a browser is not on the server's event loop, so the
// client's own fetch work must not be billed to the server.
const httpLoadWorker = `
const { parentPort, workerData: { url, total, parallel, headers, budgetMs } } = require('node:worker_threads');
const http = require('node:http');
// node:http with keep-alive: a lighter client than fetch, so the figures are mostly the server's.
const agent = new http.Agent({ keepAlive: true, maxSockets: parallel });
const get = () => new Promise((resolve, reject) => {
  http.get(url, { agent, headers }, (reply) => {
    let bytes = 0;
    reply.on('data', (chunk) => { bytes += chunk.length; });
    reply.on('end', () => (reply.statusCode === 200 && bytes > 0 ? resolve(bytes) : reject(new Error('GET ' + url + ' answered ' + reply.statusCode))));
  }).on('error', reject);
});
(async () => {
  const latenciesMs = [];
  let started = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (started < total && performance.now() - t0 < budgetMs) {
      started++;
      const t = performance.now();
      await get();
      latenciesMs.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  agent.destroy();
  parentPort.postMessage({ done: latenciesMs.length, seconds: (performance.now() - t0) / 1000, latenciesMs });
})();
`;

/** The bench's signed-in session, set once the app listens. */
let sessionCookie = '';

function loadOverHttp(url: string, total: number, parallel: number, headers: Record<string, string>): Promise<Run> {
  headers = { ...headers, cookie: sessionCookie };
  return new Promise((resolve, reject) => {
    const worker = new Worker(httpLoadWorker, {
      eval: true,
      workerData: { url, total, parallel, headers, budgetMs: phaseBudgetMs },
    });
    worker.once('message', (run: Run) => {
      resolve(run);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

const throughput = (run: Run) => run.done / run.seconds;
const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '—');

async function busiestHouseholdTile(db: Database, z: number): Promise<TileCoord & { households: number }> {
  const rows = await db.sql<{ x: number; y: number; households: number }>`
    SELECT floor((ST_X(geom) + 180) / 360 * ${2 ** z}::float8)::int AS x,
           floor((1 - ln(tan(radians(ST_Y(geom))) + 1 / cos(radians(ST_Y(geom)))) / pi()) / 2 * ${2 ** z}::float8)::int AS y,
           count(*)::int AS households
    FROM households GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT 1`;
  if (!rows[0]) throw new Error('the seed wrote no households: nothing to measure');
  return { z, ...rows[0] };
}

/** Median milliseconds of `runs` sequential calls after 3 warm-up calls. */
async function medianMs(runs: number, task: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 3; i++) await task();
  const times: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < runs && performance.now() - t0 < phaseBudgetMs; i++) {
    const t = performance.now();
    await task();
    times.push(performance.now() - t);
  }
  return percentile(times, 50);
}

const benchStarted = performance.now();
const throwaway = await createThrowawayPostgres('gridmap_bench');
const db = openPostgres({ url: throwaway.url, max: Math.max(10, concurrency) });
let embedded: Database | undefined;
try {
  await migrate(db);
  let t = performance.now();
  await seedDemoCounty(db);
  console.log(`PostgreSQL: migrated and seeded in ${fixed((performance.now() - t) / 1000)} s (${throwaway.name})`);

  const tile = await busiestHouseholdTile(db, 14);
  const path = `/tiles/households/${tile.z}/${tile.x}/${tile.y}.mvt`;
  const query = compileSql(tileMvtQuery('households', tile)!);
  const app = await buildApp({ db });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  // Tiles are served to signed-in users only (the county admin sees them all).
  const { cookie } = await signIn(base, 'admin');
  sessionCookie = cookie;
  const fetchTile = async (headers: Record<string, string>) => {
    const reply = await fetch(base + path, { headers: { ...headers, cookie } });
    const body = await reply.arrayBuffer();
    if (reply.status !== 200 || body.byteLength === 0) throw new Error(`GET ${path} answered ${reply.status}`);
    return Buffer.from(body);
  };
  const tileBody = await fetchTile({ 'cache-control': 'no-cache' });
  const tileBytes = tileBody.byteLength;
  // (4)'s baseline: the framework alone, answering the same path with the same bytes and headers.
  const bare = Fastify();
  bare.get(path, (_request, reply) =>
    reply
      .header('content-type', 'application/vnd.mapbox-vector-tile')
      .header('cache-control', 'private, max-age=60')
      .header('vary', 'Cookie')
      .send(tileBody),
  );
  await bare.listen({ host: '127.0.0.1', port: 0 });
  const bareBase = `http://127.0.0.1:${(bare.server.address() as AddressInfo).port}`;
  console.log(
    `tile ${path}: ${tile.households} households, ${tileBytes} bytes; ${requests} requests at concurrency ${concurrency}`,
  );

  // Warm both paths (connections, plans, PROJ) before measuring either.
  await load(100, concurrency, () => db.client.unsafe(query.text, query.params as never[]));
  await loadOverHttp(base + path, 100, concurrency, { 'cache-control': 'no-cache' });

  const direct = await load(requests, concurrency, () => db.client.unsafe(query.text, query.params as never[]));
  const http = await loadOverHttp(base + path, requests, concurrency, { 'cache-control': 'no-cache' });
  await loadOverHttp(base + path, 100, concurrency, {});
  await loadOverHttp(bareBase + path, 100, concurrency, {});
  const cached = await loadOverHttp(base + path, requests, concurrency, {});
  const bareRun = await loadOverHttp(bareBase + path, requests, concurrency, {});
  await bare.close();
  await app.close();

  const pgMvtMs = await medianMs(embeddedRuns, () => postgisTileRenderer(db).render('households', tile));
  const pgJsMs = await medianMs(embeddedRuns, () => javascriptTileRenderer(db).render('households', tile));
  let embeddedJsMs = NaN;
  if (!args['skip-embedded']) {
    t = performance.now();
    embedded = await openEmbedded();
    await migrate(embedded);
    await seedDemoCounty(embedded);
    console.log(`embedded: started, migrated and seeded in ${fixed((performance.now() - t) / 1000)} s`);
    const renderer = javascriptTileRenderer(embedded);
    embeddedJsMs = await medianMs(embeddedRuns, () => renderer.render('households', tile));
  }

  const rows: [string, string, string, string, string][] = [
    ['path', 'tiles/s', 'p50 ms', 'p99 ms', 'requests'],
    [
      '(2) SQL via postgres.js (baseline)',
      fixed(throughput(direct)),
      fixed(percentile(direct.latenciesMs, 50), 2),
      fixed(percentile(direct.latenciesMs, 99), 2),
      String(direct.done),
    ],
    [
      '(1) HTTP, tile cache skipped',
      fixed(throughput(http)),
      fixed(percentile(http.latenciesMs, 50), 2),
      fixed(percentile(http.latenciesMs, 99), 2),
      String(http.done),
    ],
    [
      '(4b) bare Fastify, same bytes (baseline)',
      fixed(throughput(bareRun)),
      fixed(percentile(bareRun.latenciesMs, 50), 2),
      fixed(percentile(bareRun.latenciesMs, 99), 2),
      String(bareRun.done),
    ],
    [
      '(4) HTTP, tile cache',
      fixed(throughput(cached)),
      fixed(percentile(cached.latenciesMs, 50), 2),
      fixed(percentile(cached.latenciesMs, 99), 2),
      String(cached.done),
    ],
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  console.log('');
  for (const row of rows)
    console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '));

  const throughputRatio = throughput(http) / throughput(direct);
  const p99Ratio = percentile(http.latenciesMs, 99) / percentile(direct.latenciesMs, 99);
  const jsRatio = embeddedJsMs / pgMvtMs;
  console.log('');
  console.log(
    `one tile, sequential median: ST_AsMVT on PostgreSQL ${fixed(pgMvtMs, 2)} ms · JavaScript path on PostgreSQL ${fixed(pgJsMs, 2)} ms (${fixed(pgJsMs / pgMvtMs, 2)}×) · JavaScript path on embedded ${fixed(embeddedJsMs, 2)} ms`,
  );
  console.log('');
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
  console.log(`goal (1)/(2) throughput ≥ 0.8×: ${fixed(throughputRatio, 2)}× — ${verdict(throughputRatio >= 0.8)}`);
  console.log(`goal (1)/(2) p99 ≤ 2×:          ${fixed(p99Ratio, 2)}× — ${verdict(p99Ratio <= 2)}`);
  const cachedRatio = throughput(cached) / throughput(bareRun);
  const cachedP99 = percentile(cached.latenciesMs, 99);
  console.log(`goal (4)/(4b) cached throughput ≥ 0.5×: ${fixed(cachedRatio, 2)}× — ${verdict(cachedRatio >= 0.5)}`);
  console.log(`goal (4) cached p99 ≤ 10 ms:         ${fixed(cachedP99, 2)} ms — ${verdict(cachedP99 <= 10)}`);
  console.log(
    `goal (3) embedded JavaScript / ST_AsMVT ≤ 2×: ${fixed(jsRatio, 2)}× — ${Number.isFinite(jsRatio) ? verdict(jsRatio <= 2) : 'not measured'}`,
  );
} finally {
  await embedded?.close();
  await db.close();
  await throwaway.drop();
  console.log(`\nbench finished in ${fixed((performance.now() - benchStarted) / 1000)} s; ${throwaway.name} dropped`);
}
