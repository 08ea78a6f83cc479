/**
 * Scale benchmark (issue #12; figures printed, nothing asserted): one county, the prefecture demo
 * (6 counties) and a synthetic province of `--counties` counties (default 60, ~2.7 M households),
 * each seeded into its own throw-away PostgreSQL database. For each: seed and server start times,
 * dossier p50 / p95 per level over HTTP (a sample of each level, the second of two passes), and for the top view and a
 * village view the tiles the map asks for (count, largest) and the time to fetch the view's
 * dossier, child list and tiles cold, 6 requests at a time as a browser does. Ratios are to the
 * one county measured in the same run. `--browser` adds the view in Chromium (built app needed:
 * `npm run build`): navigation → map framed and dossier filled.
 *
 * Run: `npm run bench:scale` (`-- --counties 12` for a quicker province, `-- --browser`).
 */
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/src/app.js';
import { hashPassword } from '../../server/src/auth/passwords.js';
import type { Database } from '../../server/src/db/database.js';
import { migrate } from '../../server/src/db/migrate.js';
import { openPostgres } from '../../server/src/db/postgresDatabase.js';
import { gridLevels, type GridLevel } from '../../server/src/domain/gridCode.js';
import { insertAccounts } from '../../server/src/repos/session/accountRepo.js';
import { seedDemoPrefecture } from '../../server/src/seed/prefecture/seedDemoPrefecture.js';
import { seedDemoCounty } from '../../server/src/seed/seedDemoCounty.js';
import { SeededRandom } from '../../server/src/seed/seededRandom.js';
import { createThrowawayPostgres } from '../../tests/support/throwawayPostgres.js';
import { readCommandLine } from '../cli/commandLine.mjs';
import { seedSyntheticProvince } from './scale/syntheticProvince.js';
import { tilesForView } from './scale/viewTiles.js';

const { values } = readCommandLine({
  name: 'bench:scale',
  usage: `usage: npm run bench:scale -- [--counties N] [--browser] [--only county,prefecture,province]
  --counties N   counties of the synthetic province (6–120, default 60: ~2.7 M households)
  --browser      also time each view in Chromium (npm run build first; CHROMIUM_PATH)
  --only LIST    the datasets to run (default all three)
Needs the local PostgreSQL + PostGIS (TEST_POSTGRES_ADMIN_URL); prints figures, asserts nothing.`,
  options: {
    counties: { type: 'string', default: '60' },
    browser: { type: 'boolean', default: false },
    only: { type: 'string', default: 'county,prefecture,province' },
  },
});
const provinceCounties = Number(values.counties);
if (!Number.isInteger(provinceCounties) || provinceCounties < 6 || provinceCounties > 120)
  throw new Error(`--counties must be 6–120, got ${values.counties}`);
const only = new Set(values.only.split(','));

const sampleSize: Record<GridLevel, number> = { prefecture: 10, county: 60, town: 100, village: 200, group: 200 };
const password = 'bench-scale-password';

interface Figures {
  seedSeconds: number;
  households: number;
  grids: number;
  startMs: number;
  dossier: Partial<Record<GridLevel, { n: number; p50: number; p95: number }>>;
  views: Record<string, { tiles: number; z: number; largestKb: number; readyMs: number; browserMs?: number }>;
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
};

async function startServer(db: Database): Promise<{ app: FastifyInstance; base: string; ms: number }> {
  const started = performance.now();
  const app = await buildApp({ db, webDist: resolve('web/dist'), caseEscalationIntervalMs: 0 });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const health = await fetch(`${address}/health`);
  if (!health.ok) throw new Error(`/health ${health.status}`);
  return { app, base: address, ms: performance.now() - started };
}

async function signIn(base: string, username: string): Promise<string> {
  const reply = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!reply.ok) throw new Error(`sign-in ${username}: ${reply.status} ${await reply.text()}`);
  const cookie = reply.headers.getSetCookie().find((c) => c.startsWith('gridmap_session='));
  if (!cookie) throw new Error('sign-in: no session cookie');
  return cookie.split(';')[0]!;
}

async function timedGet(base: string, cookie: string, path: string, headers: Record<string, string> = {}) {
  const started = performance.now();
  const reply = await fetch(`${base}${path}`, { headers: { cookie, 'accept-encoding': 'br', ...headers } });
  const body = new Uint8Array(await reply.arrayBuffer());
  if (reply.status >= 400) throw new Error(`${path}: ${reply.status}`);
  return { ms: performance.now() - started, bytes: body.byteLength };
}

/** Fetches `paths` `parallel` at a time; returns the wall time and the largest body. */
async function fetchAll(
  base: string,
  cookie: string,
  paths: string[],
  parallel = 6,
  headers: Record<string, string> = {},
) {
  const started = performance.now();
  let largest = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, paths.length) }, async () => {
      while (next < paths.length) {
        const path = paths[next++]!;
        largest = Math.max(largest, (await timedGet(base, cookie, path, headers)).bytes);
      }
    }),
  );
  return { ms: performance.now() - started, largest };
}

async function measure(name: string, db: Database, top: string, seedSeconds: number): Promise<Figures> {
  const passwordHash = await hashPassword(password);
  await insertAccounts(db.sql, [
    { username: 'bench-admin', role: 'county_admin', scopeCode: top, passwordHash, memberId: null },
  ]);
  await db.sql.exec('ANALYZE');
  const [count] = await db.sql<{ households: number; grids: number }>`
    SELECT (SELECT count(*) FROM households)::int AS households, (SELECT count(*) FROM grids WHERE valid_to IS NULL)::int AS grids`;
  // A warm start: the second on this database (the first also loads and compiles the modules).
  await (await startServer(db)).app.close();
  const server = await startServer(db);
  try {
    const cookie = await signIn(server.base, 'bench-admin');
    const figures: Figures = { seedSeconds, ...count!, startMs: server.ms, dossier: {}, views: {} };
    const prefix = top.slice(0, top.endsWith('00000000') ? 4 : 6);
    const random = new SeededRandom(12);
    for (const level of gridLevels) {
      const codes = await db.sql<{ code: string }>`
        SELECT code FROM grids WHERE valid_to IS NULL AND level = ${level} AND code LIKE ${`${prefix}%`} ORDER BY code`;
      if (codes.length === 0) continue;
      const sample = random.shuffle(codes.map((row) => row.code)).slice(0, sampleSize[level]);
      // Two passes, the second timed: the first warms plans and pages, as a running server's are.
      let times: number[] = [];
      for (let pass = 0; pass < 2; pass++) {
        times = [];
        for (const code of sample) times.push((await timedGet(server.base, cookie, `/api/grids/${code}/dossier`)).ms);
      }
      figures.dossier[level] = { n: times.length, p50: quantile(times, 0.5), p95: quantile(times, 0.95) };
    }
    const [village] = await db.sql<{ code: string }>`
      SELECT code FROM grids WHERE valid_to IS NULL AND level = 'village' AND code LIKE ${`${prefix}%`} ORDER BY code LIMIT 1`;
    for (const [view, code] of [
      ['top', top],
      ['village', village!.code],
    ] as const) {
      const [box] = await db.sql<{ w: number; s: number; e: number; n: number; child: string | null }>`
        SELECT ST_XMin(geom) AS w, ST_YMin(geom) AS s, ST_XMax(geom) AS e, ST_YMax(geom) AS n,
          (SELECT c.level FROM grids c WHERE c.parent_code = g.code AND c.valid_to IS NULL LIMIT 1) AS child
        FROM grids g WHERE g.code = ${code} AND g.valid_to IS NULL`;
      const { z, tiles } = tilesForView([box!.w, box!.s, box!.e, box!.n]);
      const tilePaths = tiles.map((t) => `/tiles/grids/${t.z}/${t.x}/${t.y}.mvt`);
      const paths = [
        `/api/grids/${code}/dossier`,
        ...(box!.child ? [`/api/grids?parent=${code}&level=${box!.child}&simplify=30`] : []),
        ...tilePaths,
      ];
      const cold = await fetchAll(server.base, cookie, paths, 6, { 'cache-control': 'no-cache' });
      figures.views[view] = { tiles: tilePaths.length, z, largestKb: cold.largest / 1024, readyMs: cold.ms };
      if (values.browser) {
        // A view the built app cannot show (an old build) is reported, not fatal: the HTTP figures stand.
        figures.views[view]!.browserMs = await browserView(server.base, code).catch((error: unknown) => {
          console.log(
            `  Chromium view of ${code}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
          );
          return Number.NaN;
        });
      }
    }
    console.log(
      `\n${name}: ${count!.households.toLocaleString('en')} households, ${count!.grids.toLocaleString('en')} grids`,
    );
    return figures;
  } finally {
    await server.app.close();
  }
}

async function browserView(base: string, code: string): Promise<number> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
    ],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1600, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const reply = await page.request.post(`${base}/api/session`, { data: { username: 'bench-admin', password } });
    if (!reply.ok()) throw new Error(`browser sign-in: ${reply.status()}`);
    const short = code.endsWith('000000') ? code.slice(0, 6) : code;
    const started = Date.now();
    await page.goto(`${base}/map/${code}`);
    await page.waitForFunction(
      ([full, abbreviated]) => {
        const drilled = document.querySelector('[data-testid="map"]')?.getAttribute('data-drilled');
        const ready = document.querySelector('[data-testid="dossier"][data-state="ready"]');
        return (drilled === full || drilled === abbreviated) && ready !== null;
      },
      [code, short],
      { polling: 'raf', timeout: 30_000 },
    );
    return Date.now() - started;
  } finally {
    await browser.close();
  }
}

async function run(name: string, seed: (db: Database) => Promise<string>): Promise<Figures> {
  const throwaway = await createThrowawayPostgres('gridmap_bench_scale');
  const db = openPostgres({ url: throwaway.url, max: 10 });
  try {
    const started = performance.now();
    await migrate(db);
    const top = await seed(db);
    return await measure(name, db, top, (performance.now() - started) / 1000);
  } finally {
    await db.close();
    await throwaway.drop();
  }
}

const say = (line: string) => console.log(`  seed ${line}`);
const results: Record<string, Figures> = {};
if (only.has('county'))
  results['one county'] = await run('one county (高台县)', async (db) => {
    await seedDemoCounty(db);
    return '620724000000';
  });
if (only.has('prefecture'))
  results['prefecture'] = await run('prefecture (张掖市, 6 counties)', async (db) => {
    await seedDemoPrefecture(db, { onProgress: say });
    return '620700000000';
  });
if (only.has('province'))
  results[`province (${provinceCounties})`] = await run(
    `synthetic province (${provinceCounties} counties)`,
    async (db) => {
      const province = await seedSyntheticProvince(db, provinceCounties, say);
      return province.prefectures[0]!;
    },
  );

const ms = (value: number | undefined) =>
  value === undefined || !Number.isFinite(value) ? '—' : `${value.toFixed(1)}`;
const base = results['one county'];
console.log('\nData and start (start: app built, listening, /health answered, on the seeded database)');
console.table(
  Object.fromEntries(
    Object.entries(results).map(([name, f]) => [
      name,
      {
        households: f.households,
        grids: f.grids,
        'seed s': f.seedSeconds.toFixed(1),
        'start ms': f.startMs.toFixed(0),
      },
    ]),
  ),
);
console.log(
  '\nDossier over HTTP, p50 / p95 ms per level (ratio: p95 to one county’s at the same level; goal p95 ≤ 50 ms)',
);
console.table(
  Object.fromEntries(
    Object.entries(results).flatMap(([name, f]) =>
      gridLevels
        .filter((level) => f.dossier[level])
        .map((level) => {
          const d = f.dossier[level]!;
          const one = base?.dossier[level === 'prefecture' ? 'county' : level];
          return [
            `${name} · ${level}`,
            {
              grids: d.n,
              p50: ms(d.p50),
              p95: ms(d.p95),
              'p95 ÷ one county': one ? (d.p95 / one.p95).toFixed(2) : '—',
            },
          ];
        }),
    ),
  ),
);
console.log(
  '\nViews: tiles the map asks for at 1600 × 900 (goal ≤ 16, none over 500 KB), cold fetch of dossier + child list + tiles, 6 at a time',
);
console.table(
  Object.fromEntries(
    Object.entries(results).flatMap(([name, f]) =>
      Object.entries(f.views).map(([view, v]) => [
        `${name} · ${view}`,
        {
          z: v.z,
          tiles: v.tiles,
          'largest KB': v.largestKb.toFixed(1),
          'HTTP ready ms': v.readyMs.toFixed(0),
          '÷ one county': base?.views[view] ? (v.readyMs / base.views[view]!.readyMs).toFixed(2) : '—',
          ...(v.browserMs === undefined ? {} : { 'Chromium ready ms (goal ≤ 1500)': v.browserMs }),
        },
      ]),
    ),
  ),
);
