/**
 * Emerging hot spots benchmark (issue #15 part 4; figures printed, nothing asserted). Goals: a
 * county's hot spots in < 2 s on the embedded database, a prefecture's in < 10 s on PostgreSQL.
 * Needs the local PostgreSQL with PostGIS (TEST_POSTGRES_ADMIN_URL, default
 * postgres://postgres@127.0.0.1:5432/postgres); creates throw-away databases and drops them.
 * Run: `npm run bench:hotspots` (`-- --no-embedded`, `-- --no-prefecture`, `-- --repeat N`,
 * `-- --household-scale 0.2` for a smaller prefecture seed).
 *
 * 1. The demo county (高台县, a year of cases) seeded into an embedded database (PGlite).
 * 2. The prefecture demo (张掖市, six counties) seeded into a PostgreSQL database.
 * For each area and level (village, group) the whole route is timed through `app.inject` as the
 * area's administrator (admin, city-admin: the scope check, the three queries, the analysis and
 * the JSON text), `--repeat` times; the baseline, timed in the same run on the same database, is
 * the plain weekly-count query alone (`weeklyCaseCounts`), so the ratio says what the neighbours
 * and the analysis add to it.
 *
 * Early warning (issue #15 part 5): POST /api/alerts/recompute for the same area as its
 * administrator (the daily counts, the CUSUM of every village, the stored alerts and events, the
 * audit entry), against the daily-count query alone (`dailyVillageCounts`) timed in the same run.
 */
import { readCommandLine } from '../cli/commandLine.mjs';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { buildApp } from '../../server/src/app.js';
import type { Database } from '../../server/src/db/database.js';
import { wrapEmbedded } from '../../server/src/db/embeddedDatabase.js';
import { migrate } from '../../server/src/db/migrate.js';
import { openPostgres } from '../../server/src/db/postgresDatabase.js';
import { parseGridCode } from '../../server/src/domain/gridCode.js';
import { analysisWeeks } from '../../server/src/domain/hotspots/analysisWeeks.js';
import { weeklyCaseCounts, type HotspotLevel } from '../../server/src/repos/hotspots/hotspotCubeRepo.js';
import { dailyVillageCounts } from '../../server/src/repos/alerts/villageAlertRepo.js';
import { ALERT_HISTORY_DAYS } from '../../server/src/domain/alerts/villageAlert.js';
import { addCalendarDays, chinaDate, chinaTime } from '../../server/src/domain/workingDays.js';
import { demoPassword } from '../../server/src/seed/demoAccounts.js';
import { seedDemoCounty } from '../../server/src/seed/seedDemoCounty.js';
import { seedDemoPrefecture } from '../../server/src/seed/prefecture/seedDemoPrefecture.js';
import { createThrowawayPostgres } from '../../tests/support/throwawayPostgres.js';

const { values } = readCommandLine({
  name: 'bench:hotspots',
  usage: `usage: npm run bench:hotspots -- [--repeat N] [--household-scale S] [--no-embedded] [--no-prefecture]
  --repeat N            how many times each request is timed (default 5)
  --household-scale S   the prefecture seed's size, in (0, 1] (default 1: ~410,000 households)
  --no-embedded         skip the county on the embedded database
  --no-prefecture       skip the prefecture on PostgreSQL
Needs the local PostgreSQL + PostGIS (TEST_POSTGRES_ADMIN_URL); prints figures, asserts nothing.`,
  options: {
    repeat: { type: 'string', default: '5' },
    'household-scale': { type: 'string', default: '1' },
    'no-embedded': { type: 'boolean', default: false },
    'no-prefecture': { type: 'boolean', default: false },
  },
});
const repeat = Number(values.repeat);
const householdScale = Number(values['household-scale']);
if (!Number.isInteger(repeat) || repeat < 1) throw new Error(`--repeat must be a count, got ${values.repeat}`);
if (!(householdScale > 0 && householdScale <= 1)) {
  throw new Error(`--household-scale must be in (0, 1], got ${values['household-scale']}`);
}

const levels: HotspotLevel[] = ['village', 'group'];

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

async function timed(work: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let run = 0; run < repeat; run++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return samples;
}

/** Times the route and its baseline for an area on `db`, printing one line per level. */
async function measure(label: string, db: Database, area: string, username: string, goalMs: number): Promise<void> {
  const app = await buildApp({ db });
  try {
    const login = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username, password: demoPassword },
    });
    const cookie = login.cookies.find((c) => c.name === 'gridmap_session')?.value;
    if (login.statusCode !== 200 || !cookie) throw new Error(`signing in failed: ${login.statusCode} ${login.body}`);
    const csrf = login.json<{ csrfToken: string }>().csrfToken;
    const grid = parseGridCode(area)!;
    const weeks = analysisWeeks(new Date(), 52);
    for (const level of levels) {
      let grids = 0;
      let bytes = 0;
      const route = await timed(async () => {
        const reply = await app.inject({
          method: 'GET',
          url: `/api/hotspots?grid=${area}&level=${level}`,
          cookies: { gridmap_session: cookie },
        });
        if (reply.statusCode !== 200) throw new Error(`${reply.statusCode} ${reply.body}`);
        const body = reply.json<{ grid: string; grids: unknown[] }>();
        if (body.grid !== grid.code) throw new Error(`${username} read ${body.grid}, not ${grid.code}`);
        grids = body.grids.length;
        bytes = reply.body.length;
      });
      const baseline = await timed(() => weeklyCaseCounts(db.sql, grid.scope, level, weeks));
      const ms = median(route);
      const base = median(baseline);
      console.log(
        `${label} ${area} level=${level}: ${grids} grids, ${(bytes / 1e6).toFixed(1)} MB; ` +
          `route p50 ${ms.toFixed(0)} ms (max ${Math.max(...route).toFixed(0)}), ` +
          `weekly counts alone p50 ${base.toFixed(0)} ms, ratio ${(ms / base).toFixed(1)}×; ` +
          `goal < ${goalMs / 1000} s: ${ms < goalMs ? 'met' : 'NOT met'}`,
      );
    }
    let alerts = 0;
    let villages = 0;
    const recompute = await timed(async () => {
      const reply = await app.inject({
        method: 'POST',
        url: `/api/alerts/recompute?grid=${area}`,
        cookies: { gridmap_session: cookie },
        headers: { 'x-csrf-token': csrf },
      });
      if (reply.statusCode !== 200) throw new Error(`recompute: ${reply.statusCode} ${reply.body}`);
      const body = reply.json<{ villages: number; alerts: unknown[] }>();
      alerts = body.alerts.length;
      villages = body.villages;
    });
    const now = new Date();
    const prefix = grid.code.slice(0, grid.level === 'prefecture' ? 4 : 6);
    const days = { from: chinaTime(addCalendarDays(chinaDate(now), 1 - ALERT_HISTORY_DAYS), 0), until: now };
    const counts = await timed(() =>
      dailyVillageCounts(db.sql, { from: prefix.padEnd(12, '0'), to: prefix.padEnd(12, '9') }, days),
    );
    const [ms, base] = [median(recompute), median(counts)];
    console.log(
      `${label} ${area} alerts recompute: ${villages} villages, ${alerts} alerts in the window; ` +
        `p50 ${ms.toFixed(0)} ms (max ${Math.max(...recompute).toFixed(0)}), ` +
        `daily counts alone p50 ${base.toFixed(0)} ms, ratio ${(ms / base).toFixed(1)}×`,
    );
  } finally {
    await app.close();
  }
}

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

if (!values['no-embedded']) {
  const started = performance.now();
  const db = wrapEmbedded(await PGlite.create({ extensions: { postgis } }));
  try {
    await migrate(db);
    const summary = await seedDemoCounty(db);
    console.log(`embedded: the demo county seeded in ${seconds(started)} (${summary.cases} cases)`);
    await measure('embedded', db, '620724000000', 'admin', 2000);
  } finally {
    await db.close();
  }
}

if (!values['no-prefecture']) {
  const started = performance.now();
  const throwaway = await createThrowawayPostgres('gridmap_bench_hotspots');
  const db = openPostgres({ url: throwaway.url, max: 4 });
  try {
    await migrate(db);
    const summary = await seedDemoPrefecture(db, { householdScale });
    console.log(
      `postgres: the prefecture seeded in ${seconds(started)} (${summary.grids} grids, ${summary.cases} cases, household scale ${householdScale})`,
    );
    await measure('postgres', db, '620700000000', 'city-admin', 10_000);
  } finally {
    await db.close();
    await throwaway.drop();
  }
}
