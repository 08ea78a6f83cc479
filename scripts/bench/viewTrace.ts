/**
 * Where the time goes before a county view is ready in Chromium (issue #12: ready ≤ 1.5 s): every
 * request of the page and the app's User Timing marks (`gridmap:*`), in ms from navigation, for
 * each of `--runs` cold page loads (a fresh browser context: no HTTP cache), then the median of
 * each mark. The baseline in the same run is the page's own first byte and `load` event, so the
 * figures read as "what the app adds on top of fetching itself".
 *
 * Run: `npm run bench:view -- [--code 620724000000] [--runs 5] [--db <postgres url>]`. Without
 * `--db` a throw-away database is created and seeded with the demo county (a minute), then dropped.
 */
import { resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { buildApp } from '../../server/src/app.js';
import { hashPassword } from '../../server/src/auth/passwords.js';
import { migrate } from '../../server/src/db/migrate.js';
import { openPostgres } from '../../server/src/db/postgresDatabase.js';
import { insertAccounts } from '../../server/src/repos/session/accountRepo.js';
import { seedDemoCounty } from '../../server/src/seed/seedDemoCounty.js';
import { createThrowawayPostgres, type ThrowawayPostgres } from '../../tests/support/throwawayPostgres.js';
import { readCommandLine } from '../cli/commandLine.mjs';

const { values } = readCommandLine({
  name: 'bench:view',
  usage: `usage: npm run bench:view -- [--code <grid code>] [--runs N] [--db <postgres url>] [--requests]
  --code      the grid whose view is timed (default 620724000000, the demo county)
  --runs      cold page loads (default 5)
  --db        an already seeded PostgreSQL database (default: a throw-away one, seeded)
  --requests  also print every request of the last load`,
  options: {
    code: { type: 'string', default: '620724000000' },
    runs: { type: 'string', default: '5' },
    db: { type: 'string' },
    requests: { type: 'boolean', default: false },
  },
});
const code = String(values.code);
const runs = Number(values.runs);
const password = 'bench-view-password';
const username = 'bench-view';

let throwaway: ThrowawayPostgres | null = null;
let url = values.db as string | undefined;
if (!url) {
  throwaway = await createThrowawayPostgres('gridmap_bench_view');
  url = throwaway.url;
}
const db = openPostgres({ url, max: 10 });

interface Trace {
  marks: Record<string, number>;
  requests: { name: string; start: number; end: number; kb: number }[];
}

async function traceOnce(page: Page, base: string): Promise<Trace> {
  await page.goto(`${base}/map/${code}`);
  const short = code.endsWith('000000') ? code.slice(0, 6) : code;
  await page.waitForFunction(
    ([full, abbreviated]) => {
      const drilled = document.querySelector('[data-testid="map"]')?.getAttribute('data-drilled');
      const ready = document.querySelector('[data-testid="dossier"][data-state="ready"]');
      return (drilled === full || drilled === abbreviated) && ready !== null;
    },
    [code, short],
    { polling: 'raf', timeout: 60_000 },
  );
  return page.evaluate(() => {
    const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const marks: Record<string, number> = {
      'html first byte': navigation.responseStart,
      DOMContentLoaded: navigation.domContentLoadedEventEnd,
      'load event': navigation.loadEventEnd,
      ready: performance.now(),
    };
    for (const mark of performance.getEntriesByType('mark')) {
      if (mark.name.startsWith('gridmap:') && !(mark.name in marks)) marks[mark.name] = mark.startTime;
    }
    const requests = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((entry) => ({
      name: entry.name.replace(location.origin, ''),
      start: entry.startTime,
      end: entry.responseEnd,
      kb: entry.transferSize / 1024,
    }));
    return { marks, requests };
  });
}

try {
  if (throwaway) {
    console.log('seeding the demo county into a throw-away database …');
    await migrate(db);
    await seedDemoCounty(db);
    await db.sql.exec('ANALYZE');
  }
  // Kept between runs on a given database (its sign-ins are audited, so it cannot be deleted).
  const [existing] = await db.sql<{ id: number }>`SELECT id FROM accounts WHERE username = ${username}`;
  if (!existing) {
    await insertAccounts(db.sql, [
      { username, role: 'county_admin', scopeCode: code, passwordHash: await hashPassword(password), memberId: null },
    ]);
  }
  const app = await buildApp({ db, webDist: resolve('web/dist'), caseEscalationIntervalMs: 0 });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
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
  const traces: Trace[] = [];
  try {
    for (let run = 0; run <= runs; run++) {
      const context = await browser.newContext({ viewport: { width: 1600, height: 900 }, locale: 'zh-CN' });
      const page = await context.newPage();
      const reply = await page.request.post(`${base}/api/session`, { data: { username, password } });
      if (!reply.ok()) throw new Error(`sign-in: ${reply.status()}`);
      const trace = await traceOnce(page, base);
      // The first load warms the server (plans, pages, compiled routes) and is not counted.
      if (run > 0) traces.push(trace);
      await context.close();
    }
  } finally {
    await browser.close();
    await app.close();
  }
  const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor((list.length - 1) / 2)] ?? NaN;
  const names = [...new Set(traces.flatMap((trace) => Object.keys(trace.marks)))];
  const rows = names
    .map((name) => ({ name, ms: median(traces.map((trace) => trace.marks[name] ?? NaN).filter(Number.isFinite)) }))
    .sort((a, b) => a.ms - b.ms);
  const load = rows.find((row) => row.name === 'load event')!.ms;
  console.log(`\nview of ${code}: median of ${traces.length} cold loads, ms from navigation (goal: ready ≤ 1500)`);
  console.table(
    Object.fromEntries(
      rows.map((row) => [row.name, { ms: row.ms.toFixed(0), '÷ load event': (row.ms / load).toFixed(2) }]),
    ),
  );
  console.log(`ready, each load: ${traces.map((trace) => trace.marks.ready!.toFixed(0)).join(', ')} ms`);
  if (values.requests) {
    console.log('\nrequests of the last load (start → end ms, transferred KB)');
    for (const request of traces.at(-1)!.requests.sort((a, b) => a.start - b.start)) {
      console.log(
        `${request.start.toFixed(0).padStart(6)} → ${request.end.toFixed(0).padStart(6)}  ${request.kb.toFixed(1).padStart(7)}  ${request.name}`,
      );
    }
  }
} finally {
  await db.close();
  await throwaway?.drop();
}
