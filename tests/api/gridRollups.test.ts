import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/src/db/database.js';
import { parseGridCode, type GridCode } from '../../server/src/domain/gridCode.js';
import { rollupBucket } from '../../server/src/domain/rollupWindow.js';
import { gridFigures, gridTrends } from '../../server/src/repos/grids/dossierMeasuresRepo.js';
import { gridKpis } from '../../server/src/repos/kpis/kpiRepo.js';
import { rebuildGridRollups } from '../../server/src/repos/rollups/gridRollupRepo.js';
import { mulberry32 } from '../../server/src/seed/seededRandom.js';
import { privateApp } from '../fixtures/plans/privateApps.js';
import { independentStaticCounts, independentTimedCounts } from '../fixtures/rollups/independentCounts.js';
import { randomWrites } from '../fixtures/rollups/rollupWrites.js';
import { backends } from '../support/testDatabases.js';

/**
 * The rollups (migration 010, #12 part 3) on a private seeded database per backend: after a
 * randomised run of writes — case reports and actions, escalations, camera states, patrols,
 * household, link, member and street changes, moved deadlines and a published plan that moves
 * households — the rollups the triggers kept equal a full recount from the base tables at every
 * grid code of every level, and the dossier and KPI figures read from them equal independent SQL
 * at several instants, the prefecture included.
 */
const PREFECTURE = '620700000000';

/**
 * Every rollup row that counts something, in a stable order. Street lengths without trailing zeros:
 * a numeric sum keeps the largest scale of its terms, so equal lengths summed in another order may
 * print 1051.898103285090 once and 1051.89810328509 the other time.
 */
async function rollupState(db: Database) {
  const [state] = await db.sql<Record<string, unknown>>`
    SELECT
      (SELECT json_agg(r ORDER BY code) FROM (
        SELECT code, households, population, linked, open_cases, cameras, cameras_online, streets,
          streets_without_chief, trim_scale(street_length_m)::text AS street_length_m, villages
        FROM grid_rollups
        WHERE (households, population, linked, open_cases, cameras, cameras_online, streets, streets_without_chief, villages)
          <> (0, 0, 0, 0, 0, 0, 0, 0, 0) OR street_length_m <> 0) AS r) AS rollups,
      (SELECT json_agg(t ORDER BY code, series, grain, bucket) FROM (
        SELECT code, series, grain, bucket::text AS bucket, n FROM grid_rollup_timeline WHERE n <> 0) AS t) AS timeline,
      (SELECT json_agg(p ORDER BY code, day, slot) FROM (
        SELECT code, day::text AS day, slot, n FROM grid_patrol_days WHERE n <> 0) AS p) AS patrols,
      (SELECT json_agg(l ORDER BY code, link_role, linked) FROM (
        SELECT code, link_role, linked, n FROM grid_link_loads WHERE n <> 0) AS l) AS loads`;
  return state!;
}

describe.each(backends)('%s', (kind) => {
  const seeded = privateApp(kind);
  let made: Record<string, number> = {};

  beforeAll(async () => {
    const db = seeded.db;
    // A prefecture above the county, so the dossier's top level is read too.
    await db.sql`
      INSERT INTO grids (code, level, name, geom, label_point)
      SELECT ${PREFECTURE}, 'prefecture', '张掖市', geom, label_point FROM grids WHERE level = 'county' AND valid_to IS NULL`;
    await db.sql`UPDATE grids SET parent_code = ${PREFECTURE} WHERE level = 'county' AND valid_to IS NULL`;
    const random = mulberry32(kind === 'postgres' ? 1201 : 1202);
    made = await randomWrites(seeded, random, 70);
    await publishMerge(seeded);
    const more = await randomWrites(seeded, random, 30);
    for (const [step, count] of Object.entries(more)) made[step] = (made[step] ?? 0) + count;
  }, 300_000);

  it('made every kind of write', () => {
    for (const [step, count] of Object.entries(made)) expect(count, step).toBeGreaterThan(0);
  });

  it('keeps rollups equal to a full recount after the run', async () => {
    const kept = await rollupState(seeded.db);
    await seeded.db.transaction(async (sql) => {
      await rebuildGridRollups(sql);
      expect(await rollupState({ ...seeded.db, sql })).toEqual(kept);
    });
  });

  it('counts households, links, cases, cameras, streets and villages at every grid of every level as independent SQL does', async () => {
    const expected = await independentStaticCounts(seeded.db);
    const stored = await seeded.db.sql<Record<string, unknown>>`
      SELECT code, households::int, population::int, linked::int, open_cases::int, cameras::int, cameras_online::int,
        streets::int, streets_without_chief::int, street_length_m::text, villages::int
      FROM grid_rollups`;
    const byCode = new Map(stored.map((row) => [row.code as string, row]));
    expect(expected.length).toBeGreaterThan(1000);
    const zero = { households: 0, population: 0, linked: 0, open_cases: 0, cameras: 0, cameras_online: 0, streets: 0 };
    for (const row of expected) {
      const got = byCode.get(row.code) ?? {
        ...zero,
        code: row.code,
        streets_without_chief: 0,
        street_length_m: '0',
        villages: 0,
      };
      expect({ ...got, street_length_m: Number(got.street_length_m) }, row.code).toEqual({
        ...row,
        street_length_m: Number(row.street_length_m),
      });
    }
  });

  it('gives the dossier and KPI figures that independent SQL gives, at every level and at several instants', async () => {
    const db = seeded.db;
    const grids = await sampleGrids(db);
    const [deadline] = await db.sql<{ at: Date }>`
      SELECT stage_due_at AS at FROM cases WHERE status IN ('registered', 'accepted', 'mediating') AND stage_due_at IS NOT NULL
      ORDER BY stage_due_at DESC LIMIT 1`;
    const real = Date.now();
    const instants = [
      new Date(real),
      new Date(real + 2 * 86_400_000 + 37 * 60_000),
      new Date(real - 20 * 86_400_000),
      deadline!.at,
      new Date(deadline!.at.getTime() - 1),
    ];
    for (const grid of grids) {
      for (const now of instants) {
        const label = `${grid.code} at ${now.toISOString()}`;
        const expected = await independentTimedCounts(db, grid.code, grid.level, now);
        const [figures, kpis, trends] = await Promise.all([
          gridFigures(db.sql, grid, now),
          gridKpis(db.sql, grid, now),
          gridTrends(db.sql, grid, now),
        ]);
        expect(figures.total.overdueCases, label).toBe(expected.red);
        expect(figures.total.yellowCases, label).toBe(expected.yellow);
        expect(kpis.overdueNow, label).toBe(expected.red);
        expect(kpis.resolvedToday, label).toBe(expected.resolved_today);
        expect(kpis.resolvedThisMonth, label).toBe(expected.resolved_month);
        expect(kpis.transferredThisMonth, label).toBe(expected.transferred_month);
        expect(kpis.patrolSlotsDone, label).toBe(expected.patrols_done);
        expect(
          trends.map((month) => [month.month, month.registered, month.resolved]),
          label,
        ).toEqual(trends.map((month) => [month.month, ...(expected.months[month.month] ?? [0, 0])]));
        for (const child of figures.children) {
          const childCounts = await independentTimedCounts(db, child.code, child.level, now);
          expect(child.measures.overdueCases, `${label} child ${child.code}`).toBe(childCounts.red);
        }
      }
    }
  });

  it('puts instants in the same buckets in SQL as in TypeScript', async () => {
    const instants = [
      '2026-11-30T15:59:59.999Z',
      '2026-11-30T16:00:00Z',
      '2026-12-31T23:30:00Z',
      '2027-02-28T16:00:00Z',
    ];
    for (const at of instants) {
      for (const grain of ['hour', 'day', 'month'] as const) {
        const [row] = await seeded.db.sql<{
          bucket: Date;
        }>`SELECT gridmap_rollup_bucket(${grain}, ${at}::timestamptz) AS bucket`;
        expect(new Date(row!.bucket).toISOString(), `${grain} ${at}`).toBe(
          rollupBucket(grain, new Date(at)).toISOString(),
        );
      }
    }
  });
});

/** The prefecture, the county, and the busiest town, village and group, and a quiet group. */
async function sampleGrids(db: Database): Promise<GridCode[]> {
  const [busy] = await db.sql<{ town: string; village: string; grp: string }>`
    SELECT town_code AS town, village_code AS village, group_code AS grp FROM cases
    GROUP BY 1, 2, 3 ORDER BY count(*) DESC, 3 LIMIT 1`;
  const [county] = await db.sql<{ code: string }>`SELECT code FROM grids WHERE level = 'county' AND valid_to IS NULL`;
  const [quiet] = await db.sql<{ code: string }>`
    SELECT code FROM grids WHERE level = 'group' AND valid_to IS NULL ORDER BY md5(code) LIMIT 1`;
  return [PREFECTURE, county!.code, busy!.town, busy!.village, busy!.grp, quiet!.code].map((code) =>
    parseGridCode(code)!,
  );
}

/** Merges two adjacent groups of a village with households through the plan routes, and publishes. */
async function publishMerge(seeded: ReturnType<typeof privateApp>): Promise<void> {
  const [pair] = await seeded.db.sql<{ village: string; keep: string; drop: string }>`
    SELECT a.parent_code AS village, a.code AS keep, b.code AS drop
    FROM grids a JOIN grids b ON b.parent_code = a.parent_code AND a.code < b.code AND a.geom && b.geom
    WHERE a.valid_to IS NULL AND b.valid_to IS NULL AND a.level = 'group'
      AND ST_Relate(a.geom, b.geom, '****1****')
      AND EXISTS (SELECT 1 FROM households h WHERE h.group_code = b.code)
      AND EXISTS (SELECT 1 FROM cases k WHERE k.group_code = b.code AND k.status IN ('registered', 'accepted', 'mediating'))
    ORDER BY md5(b.code) LIMIT 1`;
  expect(pair).toBeDefined();
  const created = await seeded.inject(
    { method: 'POST', url: '/api/plans', payload: { scope: pair!.village, name: 'rollup merge' } },
    'planner',
  );
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json<{ id: number }>().id;
  const merged = await seeded.inject(
    { method: 'POST', url: `/api/plans/${id}/merge`, payload: { codes: [pair!.keep, pair!.drop], versions: [1, 1] } },
    'planner',
  );
  expect(merged.statusCode, merged.body).toBe(200);
  const published = await seeded.inject({ method: 'POST', url: `/api/plans/${id}/publish` }, 'planner');
  expect(published.statusCode, published.body).toBe(200);
  const [left] = await seeded.db.sql<{ n: number }>`
    SELECT count(*)::int AS n FROM households WHERE group_code = ${pair!.drop}`;
  expect(left!.n).toBe(0);
}
