import { beforeAll, describe, expect, it } from 'vitest';
import type { HotspotGrid, HotspotReply } from '../../server/src/contract/hotspots.js';
import { backends } from '../support/testDatabases.js';
import { privateCountyApp } from '../support/privateCountyApp.js';

/**
 * The demo's year of history (issue #15 part 1) on both backends: the seasons of
 * server/src/seed/caseSeasons.ts and the three planted clusters of plantedHotspots.ts, found by
 * GET /api/hotspots on the seeded county as the published rules classify them.
 */
describe.each(backends)('%s', (kind) => {
  const { db, get } = privateCountyApp(kind, 'demo_history');
  let reply: HotspotReply;
  const ofClass = (id: string): HotspotGrid[] => reply.grids.filter((grid) => grid.class === id);
  /** Cases of a village and category per analysed week, from the database. */
  const weekly = async (village: string, category: string): Promise<number[]> => {
    const from = Date.parse(`${reply.weeks[0]}T00:00:00+08:00`);
    const rows = await db().sql<{ reported_at: Date }>`
      SELECT reported_at FROM cases WHERE village_code = ${village} AND category = ${category}`;
    const counts = new Array<number>(52).fill(0);
    for (const row of rows) {
      const week = Math.floor((new Date(row.reported_at).getTime() - from) / (7 * 86_400_000));
      if (week >= 0 && week < 52) counts[week]! += 1;
    }
    return counts;
  };
  const sum = (counts: number[]) => counts.reduce((a, b) => a + b, 0);

  beforeAll(async () => {
    // The seed's week: its latest case is a planted one of this week or a top-up minutes before `now`.
    const [latest] = await db().sql<{ at: Date }>`SELECT max(reported_at) AS at FROM cases`;
    const res = await get(`/api/hotspots?grid=620724&level=village&at=${new Date(latest!.at).toISOString()}`);
    expect(res.statusCode, res.body).toBe(200);
    reply = res.json<HotspotReply>();
  });

  it('spans 52 weeks of cases before today, every week with reports', () => {
    const perWeek = reply.weeks.map((_, week) => reply.grids.reduce((n, grid) => n + grid.counts[week]!, 0));
    // The final week has only begun; every whole week before it has cases.
    for (const n of perWeek.slice(0, 51)) expect(n).toBeGreaterThan(10);
  });

  it('has one village intensifying: land disputes rising, a hot spot ever hotter', async () => {
    const found = ofClass('intensifying_hot');
    expect(found.length, JSON.stringify(reply.grids.map((g) => g.class))).toBeGreaterThanOrEqual(1);
    // The centre is the village of the cluster with the most land disputes.
    const counts = await Promise.all(found.map((grid) => weekly(grid.code, 'land_boundary')));
    const centre = counts.reduce((best, c) => (sum(c) > sum(best) ? c : best));
    expect(sum(centre.slice(38, 51))).toBeGreaterThan(1.4 * sum(centre.slice(0, 13)));
    const grid = found[counts.indexOf(centre)]!;
    expect(grid.trend.tau).toBeGreaterThan(0);
    expect(grid.trend.p).toBeLessThanOrEqual(0.05);
  });

  it('has one cluster diminishing: neighbour disputes falling, still a hot spot', async () => {
    const found = ofClass('diminishing_hot');
    expect(found.length).toBeGreaterThanOrEqual(1);
    const counts = await Promise.all(found.map((grid) => weekly(grid.code, 'neighbour_dispute')));
    const centre = counts.reduce((best, c) => (sum(c) > sum(best) ? c : best));
    expect(sum(centre.slice(0, 13))).toBeGreaterThan(1.4 * sum(centre.slice(38, 51)));
    expect(found[counts.indexOf(centre)]!.giZ.at(-1)).toBeGreaterThanOrEqual(1.96);
  });

  it('has one new cluster: environment complaints this week and never a hot spot before', async () => {
    const found = ofClass('new_hot');
    expect(found.length).toBeGreaterThanOrEqual(1);
    const counts = await Promise.all(found.map((grid) => weekly(grid.code, 'environment')));
    const centre = counts.reduce((best, c) => ((c.at(-1) ?? 0) > (best.at(-1) ?? 0) ? c : best));
    // At least 8 planted this week, most in the centre: more than in any week before.
    expect(centre.at(-1)).toBeGreaterThanOrEqual(3);
    expect(centre.at(-1)).toBeGreaterThan(Math.max(...centre.slice(0, 51)));
    const grid = found[counts.indexOf(centre)]!;
    expect(grid.giZ.slice(0, 51).every((z) => Math.abs(z) < 1.96)).toBe(true);
  });

  it('follows the seasons: more land disputes in spring sowing than in midwinter', async () => {
    // Outside the intensifying cluster (its villages and their neighbours): its weekly counts are
    // fixed to rise through the year, not seasonal, and are a third of the county's land disputes.
    const cluster = JSON.stringify(ofClass('intensifying_hot').map((grid) => grid.code));
    const [row] = await db().sql<{ spring: number; winter: number }>`
      WITH planted AS (
        SELECT DISTINCT b.code FROM grids a JOIN grids b ON b.level = 'village' AND b.valid_to IS NULL
          AND ST_Intersects(a.geom, b.geom)
        WHERE a.valid_to IS NULL AND a.code IN (SELECT jsonb_array_elements_text(${cluster}::text::jsonb)))
      SELECT count(*) FILTER (WHERE extract(month FROM reported_at AT TIME ZONE 'Asia/Shanghai') IN (4, 5))::int AS spring,
        count(*) FILTER (WHERE extract(month FROM reported_at AT TIME ZONE 'Asia/Shanghai') IN (1, 2))::int AS winter
      FROM cases WHERE category = 'land_boundary' AND town_code LIKE '620724%'
        AND village_code NOT IN (SELECT code FROM planted)
        AND reported_at > now() - interval '365 days'`;
    // The month weights give 3.6 times as many; twice is well clear of chance at these counts.
    expect(row!.winter).toBeGreaterThan(5);
    expect(row!.spring).toBeGreaterThan(2 * row!.winter);
  });

  it('has fewer reports in the Spring Festival holiday than in the weeks after it', async () => {
    // 正月初一 of the festival inside the seeded year (the test's own table, as published).
    const festival = ['2025-01-29', '2026-02-17', '2027-02-06', '2028-01-26', '2029-02-13'].find((day) => {
      const ago = Date.now() - Date.parse(`${day}T00:00:00+08:00`);
      return ago > 30 * 86_400_000 && ago < 350 * 86_400_000;
    })!;
    const shift = (days: number) =>
      new Date(Date.parse(`${festival}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    const [row] = await db().sql<{ holiday: number; around: number }>`
      WITH d AS (SELECT (reported_at AT TIME ZONE 'Asia/Shanghai')::date AS day FROM cases
        WHERE town_code LIKE '620724%' AND category <> 'land_boundary')
      SELECT count(*) FILTER (WHERE day BETWEEN ${shift(-1)}::date AND ${shift(6)}::date)::int AS holiday,
        count(*) FILTER (WHERE day BETWEEN ${shift(13)}::date AND ${shift(20)}::date)::int AS around
      FROM d`;
    expect(row!.holiday * 2).toBeLessThan(row!.around);
  });
});
