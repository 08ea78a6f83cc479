import { beforeAll, describe, expect, it } from 'vitest';
import { HotspotReply } from '../../server/src/contract/hotspots.js';
import { emergingHotSpots } from '../../server/src/domain/hotspots/emergingHotSpots.js';
import { backends } from '../support/testDatabases.js';
import { privateCountyApp } from '../support/privateCountyApp.js';
import { replySchemaErrors } from '../support/replySchema.js';

/**
 * Emerging hot spots (issue #15 part 4) on both backends, over the seeded year of cases: weekly
 * counts against the database, queen neighbours against PostGIS polygon intersection, Gi*, trend
 * and class against the domain functions (which tests/unit/hotspots hold to R's), scope, and what
 * each bad input gets.
 */

const WEEK_MS = 7 * 86_400_000;
const CHINA_MS = 8 * 3_600_000;

type Reply = HotspotReply;

/** The Monday (China date) of the ISO week an instant falls in, China time. */
function chinaMonday(ms: number): string {
  const local = new Date(ms + CHINA_MS);
  const weekday = (local.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - weekday))
    .toISOString()
    .slice(0, 10);
}

describe.each(backends)('%s', (kind) => {
  const { db, get } = privateCountyApp(kind, 'hotspots');
  let at: string;
  let villages: Reply;

  beforeAll(async () => {
    // A fixed instant inside the history (the reply must not depend on when the test runs).
    const [latest] = await db().sql<{ at: Date }>`SELECT max(reported_at) AS at FROM cases`;
    at = new Date(new Date(latest!.at).getTime() - 3 * 86_400_000).toISOString();
    const res = await get(`/api/hotspots?grid=620724&level=village&at=${at}`);
    expect(res.statusCode, res.body).toBe(200);
    villages = res.json<Reply>();
  });

  it('gives 52 ISO weeks in China time, the week of `at` last', () => {
    expect(replySchemaErrors(HotspotReply, villages)).toEqual([]);
    expect(villages.weeks).toHaveLength(52);
    expect(villages.weeks.at(-1)).toBe(chinaMonday(Date.parse(at)));
    villages.weeks.forEach((monday, i) => {
      if (i > 0) expect(Date.parse(monday) - Date.parse(villages.weeks[i - 1]!)).toBe(WEEK_MS);
    });
    expect(villages.at).toBe(at);
  });

  it('lists every current village of the county with its cases counted per week up to `at`', async () => {
    const grids = await db().sql<{ code: string }>`
      SELECT code FROM grids WHERE level = 'village' AND valid_to IS NULL AND code LIKE '620724%' ORDER BY code`;
    expect(villages.grids.map((grid) => grid.code)).toEqual(grids.map((grid) => grid.code));
    const from = Date.parse(`${villages.weeks[0]}T00:00:00+08:00`);
    const cases = await db().sql<{ village_code: string; reported_at: Date }>`
      SELECT village_code, reported_at FROM cases WHERE town_code LIKE '620724%'`;
    const expected = new Map(grids.map((grid) => [grid.code, new Array<number>(52).fill(0)]));
    let counted = 0;
    for (const row of cases) {
      const t = new Date(row.reported_at).getTime();
      if (t < from || t > Date.parse(at)) continue;
      expected.get(row.village_code)![Math.floor((t - from) / WEEK_MS)]! += 1;
      counted++;
    }
    expect(counted).toBeGreaterThan(1000);
    for (const grid of villages.grids) expect(grid.counts, grid.code).toEqual(expected.get(grid.code));
  });

  it('finds as neighbours exactly the villages whose polygons touch (PostGIS ST_Intersects)', async () => {
    const pairs = await db().sql<{ a: string; b: string }>`
      SELECT a.code AS a, b.code AS b
      FROM grids a JOIN grids b ON b.level = 'village' AND b.valid_to IS NULL AND b.code <> a.code
        AND ST_Intersects(a.geom, b.geom)
      WHERE a.level = 'village' AND a.valid_to IS NULL AND a.code LIKE '620724%' AND b.code LIKE '620724%'`;
    const expected = new Map<string, string[]>();
    for (const { a, b } of pairs) expected.set(a, [...(expected.get(a) ?? []), b]);
    for (const grid of villages.grids) {
      expect(grid.neighbours, grid.code).toEqual((expected.get(grid.code) ?? []).sort());
      expect(grid.neighbours.length, `${grid.code} touches another village`).toBeGreaterThan(0);
    }
  });

  it('gives each village the Gi* z-scores, trend and class the domain computes from those counts', () => {
    const index = new Map(villages.grids.map((grid, i) => [grid.code, i]));
    const expected = emergingHotSpots({
      counts: villages.grids.map((grid) => grid.counts),
      neighbours: villages.grids.map((grid) => grid.neighbours.map((code) => index.get(code)!)),
    });
    villages.grids.forEach((grid, i) => {
      expect(grid.giZ).toEqual(expected[i]!.giZ);
      expect(grid.trend).toEqual(expected[i]!.trend);
      expect(grid.class).toBe(expected[i]!.class);
      expect(grid.explanation).toBe(expected[i]!.explanation);
      expect(grid.explanation).toMatch(/周/);
    });
    // The seeded year is not uniform: some villages stand out in some weeks.
    expect(villages.grids.some((grid) => grid.giZ.some((z) => Math.abs(z) >= 1.96))).toBe(true);
  });

  it('compares the groups of a town with each other: neighbours are the touching groups of the town', async () => {
    const town = villages.grids[0]!.code.slice(0, 9) + '000';
    const res = await get(`/api/hotspots?grid=${town}&level=group&at=${at}`);
    expect(res.statusCode, res.body).toBe(200);
    const groups = res.json<Reply>();
    const expected = await db().sql<{ code: string }>`
      SELECT code FROM grids WHERE level = 'group' AND valid_to IS NULL AND code LIKE ${town.slice(0, 9) + '%'}
      ORDER BY code`;
    expect(groups.grids.map((grid) => grid.code)).toEqual(expected.map((grid) => grid.code));
    const pairs = await db().sql<{ a: string; b: string }>`
      SELECT a.code AS a, b.code AS b
      FROM grids a JOIN grids b ON b.level = 'group' AND b.valid_to IS NULL AND b.code <> a.code
        AND ST_Intersects(a.geom, b.geom)
      WHERE a.level = 'group' AND a.valid_to IS NULL
        AND a.code LIKE ${town.slice(0, 9) + '%'} AND b.code LIKE ${town.slice(0, 9) + '%'}`;
    const touching = new Map<string, string[]>();
    for (const { a, b } of pairs) touching.set(a, [...(touching.get(a) ?? []), b]);
    for (const grid of groups.grids) {
      expect(grid.neighbours, grid.code).toEqual((touching.get(grid.code) ?? []).sort());
    }
    expect(pairs.length).toBeGreaterThan(groups.grids.length);
    const total = groups.grids.reduce((sum, grid) => sum + grid.counts.reduce((a, b) => a + b, 0), 0);
    const townTotal = villages.grids
      .filter((grid) => grid.code.startsWith(town.slice(0, 9)))
      .reduce((sum, grid) => sum + grid.counts.reduce((a, b) => a + b, 0), 0);
    expect(total).toBe(townTotal);
  });

  it('counts only the asked category', async () => {
    const res = await get(`/api/hotspots?grid=620724&level=village&category=neighbour_dispute&at=${at}`);
    expect(res.statusCode).toBe(200);
    const narrowed = res.json<Reply>();
    expect(narrowed.category).toBe('neighbour_dispute');
    const [row] = await db().sql<{ n: number }>`
      SELECT count(*)::int AS n FROM cases
      WHERE town_code LIKE '620724%' AND category = 'neighbour_dispute'
        AND reported_at >= ${new Date(`${narrowed.weeks[0]}T00:00:00+08:00`)} AND reported_at <= ${new Date(at)}`;
    const sum = narrowed.grids.reduce((s, grid) => s + grid.counts.reduce((a, b) => a + b, 0), 0);
    expect(sum).toBe(row!.n);
    expect(sum).toBeGreaterThan(0);
  });

  it('reads a town leader’s own town when the county is asked, and 404 for another county', async () => {
    const town = villages.grids[0]!.code.slice(0, 9) + '000';
    const res = await get(`/api/hotspots?grid=620724&level=village&at=${at}`, `town-${town}`);
    expect(res.statusCode).toBe(200);
    const own = res.json<Reply>();
    expect(own.grid).toBe(town);
    expect(own.grids.length).toBeGreaterThan(0);
    expect(own.grids.every((grid) => grid.code.startsWith(town.slice(0, 9)))).toBe(true);
    expect((await get(`/api/hotspots?grid=620723&level=village`)).statusCode).toBe(404);
    expect((await get(`/api/hotspots?grid=620724&level=village`, null)).statusCode).toBe(401);
  });

  describe('bad input', () => {
    const cases: [string, () => string, RegExp][] = [
      ['no level', () => '/api/hotspots?grid=620724', /"level"/],
      ['an unknown level', () => '/api/hotspots?grid=620724&level=town', /"level" must be one of village, group/],
      [
        'a level not below the area',
        () => `/api/hotspots?grid=${villages.grids[0]!.code}&level=village`,
        /"level" must be below/,
      ],
      [
        'an unknown category',
        () => '/api/hotspots?grid=620724&level=village&category=alien_visit',
        /"category" is not a case category/,
      ],
      ['a malformed category', () => '/api/hotspots?grid=620724&level=village&category=DROP TABLE', /"category"/],
      [
        'at that is no instant',
        () => '/api/hotspots?grid=620724&level=village&at=last-week',
        /"at" must be an ISO 8601 instant/,
      ],
      [
        'at in the future',
        () => `/api/hotspots?grid=620724&level=village&at=${new Date(Date.now() + 86_400_000).toISOString()}`,
        /"at" is in the future/,
      ],
      [
        'at before the history',
        () => '/api/hotspots?grid=620724&level=village&at=2000-01-03T00:00:00Z',
        /"at" is before the case history starts/,
      ],
    ];
    it.each(cases)('%s → 400 naming the parameter', async (_, url, message) => {
      const res = await get(url());
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json<{ message: string }>().message).toMatch(message);
    });
  });
});
