/**
 * Grid dossier benchmark (issue #4; figures printed, nothing asserted). Needs the local PostgreSQL
 * with PostGIS (TEST_POSTGRES_ADMIN_URL, default postgres://postgres@127.0.0.1:5432/postgres);
 * creates throw-away databases and drops them. Run: `npm run bench:dossier`
 * (`-- --scale 10` for the large county, `-- --no-embedded` to skip the embedded database,
 * `-- --groups 1500` for how many groups of the large county to sample).
 *
 * Each database gets a prefecture grid (620700000000) above its county, so every level is timed;
 * the prefecture and the county are timed `--repeat` times each (one grid is one sample).
 *
 * 1. The demo county (1×): the dossier of every grid, on PostgreSQL and on the embedded database
 *    (PGlite): p50 / p95 / max per level. Goal: p95 ≤ 50 ms at every level.
 * 2. A county `--scale` times the size (default 10), seeded into its own PostgreSQL database (the
 *    seed's time is printed): the dossier of the prefecture, the county, every town and village and
 *    a sample of groups, and the ratio of its p50 / p95 per level to the 1× ones. Goal: ratio ≈ 1
 *    at every level, the county's ≤ 1.2 — the counts come from rollups (migration 010), not from
 *    the rows below the grid.
 *
 * What is timed is what the route does after the scope check: the current grid, `readDossier`
 * (every query) and the JSON text of the reply.
 */
import { readCommandLine } from '../cli/commandLine.mjs';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import type { Database } from '../../server/src/db/database.js';
import { wrapEmbedded } from '../../server/src/db/embeddedDatabase.js';
import { migrate } from '../../server/src/db/migrate.js';
import { openPostgres } from '../../server/src/db/postgresDatabase.js';
import type { GridLevel } from '../../server/src/domain/gridCode.js';
import { currentGrid } from '../../server/src/http/currentGrid.js';
import { readDossier } from '../../server/src/routes/grids/dossierRoutes.js';
import { seedDemoCounty } from '../../server/src/seed/seedDemoCounty.js';
import { SeededRandom } from '../../server/src/seed/seededRandom.js';
import { createThrowawayPostgres } from '../../tests/support/throwawayPostgres.js';

const { values } = readCommandLine({
  name: 'bench:dossier',
  usage: `usage: npm run bench:dossier -- [--scale N] [--groups N] [--repeat N] [--no-embedded]
  --scale N       the large county's size, 2–30 times the demo (default 10)
  --groups N      how many groups of the large county to sample (default 1500)
  --repeat N      how many times the prefecture's and the county's dossier are timed (default 100)
  --no-embedded   skip the embedded database
Needs the local PostgreSQL + PostGIS (TEST_POSTGRES_ADMIN_URL); prints figures, asserts nothing.`,
  options: {
    scale: { type: 'string', default: '10' },
    groups: { type: 'string', default: '1500' },
    repeat: { type: 'string', default: '100' },
    'no-embedded': { type: 'boolean', default: false },
  },
});
const scale = Number(values.scale);
const groupSample = Number(values.groups);
const repeat = Number(values.repeat);
if (!Number.isInteger(repeat) || repeat < 1) throw new Error(`--repeat must be a count, got ${values.repeat}`);
if (!Number.isInteger(scale) || scale < 2 || scale > 30) throw new Error(`--scale must be 2–30, got ${values.scale}`);
if (!Number.isInteger(groupSample) || groupSample < 1)
  throw new Error(`--groups must be a count, got ${values.groups}`);

const levels: GridLevel[] = ['prefecture', 'county', 'town', 'village', 'group'];
const PREFECTURE = '620700000000';
type Timings = Record<GridLevel, number[]>;

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

interface LevelFigures {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

function figures(timings: Timings): Record<GridLevel, LevelFigures> {
  return Object.fromEntries(
    levels.map((level) => {
      const sorted = [...timings[level]].sort((a, b) => a - b);
      return [
        level,
        { n: sorted.length, p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), max: sorted.at(-1) ?? Number.NaN },
      ];
    }),
  ) as Record<GridLevel, LevelFigures>;
}

const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : '—');

function printFigures(title: string, table: Record<GridLevel, LevelFigures>): void {
  console.log(`\n${title}`);
  console.table(
    Object.fromEntries(
      levels.map((level) => {
        const f = table[level];
        return [level, { timed: f.n, p50: ms(f.p50), p95: ms(f.p95), max: ms(f.max), 'p95 ≤ 50 ms': f.p95 <= 50 }];
      }),
    ),
  );
}

/** The codes to time: every grid, or every grid but a seeded sample of `groupLimit` groups. */
async function gridCodes(db: Database, groupLimit?: number): Promise<{ code: string; level: GridLevel }[]> {
  const rows = await db.sql<{ code: string; level: GridLevel }>`
    SELECT code, level FROM grids WHERE valid_to IS NULL ORDER BY code`;
  // One prefecture and one county: timed `repeat` times so their p95 is a quantile, not one sample.
  const repeated = rows.flatMap((row) =>
    row.level === 'prefecture' || row.level === 'county' ? Array<typeof row>(repeat).fill(row) : [row],
  );
  if (groupLimit === undefined) return repeated;
  const groups = repeated.filter((row) => row.level === 'group');
  if (groups.length <= groupLimit) return repeated;
  const random = new SeededRandom(4);
  const picked = random.shuffle([...groups]).slice(0, groupLimit);
  return [...repeated.filter((row) => row.level !== 'group'), ...picked];
}

/** A prefecture grid above the seeded county (the county seed makes the county the top grid). */
async function addPrefecture(db: Database): Promise<void> {
  await db.sql`
    INSERT INTO grids (code, level, name, geom, label_point)
    SELECT ${PREFECTURE}, 'prefecture', '张掖市', geom, label_point FROM grids WHERE level = 'county' AND valid_to IS NULL`;
  await db.sql`UPDATE grids SET parent_code = ${PREFECTURE} WHERE level = 'county' AND valid_to IS NULL`;
}

async function timeDossiers(db: Database, codes: readonly { code: string; level: GridLevel }[]): Promise<Timings> {
  // Warm-up: plans cached, pages read once, for a handful of grids of each level.
  for (const level of levels) {
    for (const { code } of codes.filter((c) => c.level === level).slice(0, 5)) await dossierText(db, code);
  }
  const timings: Timings = { prefecture: [], county: [], town: [], village: [], group: [] };
  for (const { code, level } of codes) {
    const started = performance.now();
    await dossierText(db, code);
    timings[level].push(performance.now() - started);
  }
  return timings;
}

async function dossierText(db: Database, code: string): Promise<string> {
  const target = await currentGrid(db.sql, code);
  return JSON.stringify(await readDossier(db.sql, target, new Date()));
}

async function seededPostgres(seedScale: number) {
  const throwaway = await createThrowawayPostgres('gridmap_bench_dossier');
  const db = openPostgres({ url: throwaway.url, max: 10 });
  const started = performance.now();
  await migrate(db);
  const summary = await seedDemoCounty(db, { scale: seedScale });
  await addPrefecture(db);
  // Planner statistics, as autovacuum would gather them on a running server.
  await db.sql.exec('ANALYZE');
  const seconds = (performance.now() - started) / 1000;
  return { db, throwaway, seconds, summary };
}

const results: Record<string, Record<GridLevel, LevelFigures>> = {};

// ─── 1× on PostgreSQL ───
{
  const { db, throwaway, seconds } = await seededPostgres(1);
  try {
    console.log(`PostgreSQL 1×: migrated and seeded in ${seconds.toFixed(1)} s`);
    results.postgres1 = figures(await timeDossiers(db, await gridCodes(db)));
    printFigures('Dossier, demo county (1×), PostgreSQL — every grid', results.postgres1);
  } finally {
    await db.close();
    await throwaway.drop();
  }
}

// ─── 1× on the embedded database ───
if (!values['no-embedded']) {
  const pglite = await PGlite.create({ extensions: { postgis } });
  const db = wrapEmbedded(pglite);
  try {
    const started = performance.now();
    await migrate(db);
    await seedDemoCounty(db, { scale: 1 });
    await addPrefecture(db);
    await db.sql.exec('ANALYZE');
    console.log(`\nEmbedded 1×: migrated and seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    results.embedded1 = figures(await timeDossiers(db, await gridCodes(db)));
    printFigures('Dossier, demo county (1×), embedded (PGlite) — every grid', results.embedded1);
  } finally {
    await db.close();
  }
}

// ─── N× on PostgreSQL ───
{
  const { db, throwaway, seconds, summary } = await seededPostgres(scale);
  try {
    console.log(
      `\nPostgreSQL ${scale}×: migrated and seeded in ${seconds.toFixed(1)} s (${summary.grids} grids, ${summary.households} households, ${summary.cases} cases)`,
    );
    results.postgresN = figures(await timeDossiers(db, await gridCodes(db, groupSample)));
    printFigures(
      `Dossier, ${scale}× county, PostgreSQL — every town and village, ${groupSample} groups sampled`,
      results.postgresN,
    );
  } finally {
    await db.close();
    await throwaway.drop();
  }
}

const one = results.postgres1!;
const many = results.postgresN!;
console.log(`\nRatio ${scale}× / 1× on PostgreSQL (≈ 1: the cost follows the grid, not the county; goal county ≤ 1.2)`);
console.table(
  Object.fromEntries(
    levels.map((level) => [
      level,
      {
        'p50 1×': ms(one[level].p50),
        [`p50 ${scale}×`]: ms(many[level].p50),
        'p50 ratio': (many[level].p50 / one[level].p50).toFixed(2),
        'p95 1×': ms(one[level].p95),
        [`p95 ${scale}×`]: ms(many[level].p95),
        'p95 ratio': (many[level].p95 / one[level].p95).toFixed(2),
      },
    ]),
  ),
);
const worstP95 = Math.max(...levels.flatMap((level) => Object.values(results).map((table) => table[level].p95)));
const countyRatio = many.county.p95 / one.county.p95;
console.log(
  `\nGoals: every level p95 ≤ 50 ms: ${worstP95 <= 50 ? 'met' : 'NOT met'} (worst ${ms(worstP95)}); ` +
    `county ${scale}× ÷ 1× p95 ≤ 1.2: ${countyRatio <= 1.2 ? 'met' : 'NOT met'} (${countyRatio.toFixed(2)})`,
);
