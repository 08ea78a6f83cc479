import { describe, expect, it } from 'vitest';
import { backends, testDatabase } from '../support/testDatabases.js';

// The seeded demo county, checked in SQL on both backends: counts, partition invariants, and that
// every point and line carries the codes of the grids that really contain it.
describe.each(backends)('%s', (kind) => {
  describe('the seeded Gaotai demo county', () => {
    it('has the real county, 10 town-level units and 146 village-level units as grids and divisions', async () => {
      const db = await testDatabase(kind);
      const grids = await db.sql<{ level: string; n: number }>`
        SELECT level, count(*)::int AS n FROM grids WHERE valid_to IS NULL AND level <> 'group' GROUP BY level`;
      expect(Object.fromEntries(grids.map((row) => [row.level, row.n]))).toEqual({ county: 1, town: 10, village: 146 });
      const divisions = await db.sql<{ n: number }>`SELECT count(*)::int AS n FROM divisions`;
      expect(divisions[0]!.n).toBe(157);
      const county = await db.sql<{ code: string; name: string }>`SELECT code, name FROM grids WHERE level = 'county'`;
      expect(county).toEqual([{ code: '620724000000', name: '高台县' }]);
    });

    it('gives every village 4–12 groups, coded west→east then north→south by label point', async () => {
      const db = await testDatabase(kind);
      const counts = await db.sql<{ low: number; high: number }>`
        SELECT min(n)::int AS low, max(n)::int AS high
        FROM (SELECT v.code, count(g.code) AS n FROM grids v LEFT JOIN grids g ON g.parent_code = v.code AND g.valid_to IS NULL
              WHERE v.level = 'village' AND v.valid_to IS NULL GROUP BY v.code) AS per_village`;
      expect(counts[0]!.low).toBeGreaterThanOrEqual(4);
      expect(counts[0]!.high).toBeLessThanOrEqual(12);
      const misnumbered = await db.sql<{ code: string }>`
        SELECT code FROM (
          SELECT code, parent_code,
                 row_number() OVER (PARTITION BY parent_code ORDER BY ST_X(label_point), ST_Y(label_point) DESC) AS rank
          FROM grids WHERE level = 'group' AND valid_to IS NULL) AS ranked
        WHERE code <> parent_code || lpad(rank::text, 3, '0')`;
      expect(misnumbered).toEqual([]);
    });

    it('tiles every parent exactly with its children: valid, single-part, inside, no gap or overlap over 1 m²', async () => {
      const db = await testDatabase(kind);
      const broken = await db.sql<{ code: string }>`
        SELECT code FROM grids WHERE valid_to IS NULL
          AND (NOT ST_IsValid(geom) OR ST_NumGeometries(geom) <> 1 OR label_point IS NULL OR area_m2 <= 0)`;
      expect(broken).toEqual([]);
      const uncovered = await db.sql<{ code: string; m2: number }>`
        SELECT p.code, ST_Area(ST_SymDifference(p.geom, u.geom)::geography) AS m2
        FROM grids p
        CROSS JOIN LATERAL (SELECT ST_Union(c.geom) AS geom FROM grids c WHERE c.parent_code = p.code AND c.valid_to IS NULL) AS u
        WHERE p.level <> 'group' AND p.valid_to IS NULL AND ST_Area(ST_SymDifference(p.geom, u.geom)::geography) > 1`;
      expect(uncovered).toEqual([]);
      const overlapping = await db.sql<{ a: string; b: string }>`
        SELECT a.code AS a, b.code AS b FROM grids a
        JOIN grids b ON b.parent_code = a.parent_code AND a.code < b.code AND ST_Intersects(a.geom, b.geom)
        WHERE a.valid_to IS NULL AND b.valid_to IS NULL AND ST_Area(ST_Intersection(a.geom, b.geom)::geography) > 1`;
      expect(overlapping).toEqual([]);
    });

    it('places about 45,000 households, each inside the group grid its group_code names', async () => {
      const db = await testDatabase(kind);
      const rows = await db.sql<{ total: number; misplaced: number; wrong_scope: number }>`
        SELECT count(*)::int AS total,
               count(*) FILTER (WHERE NOT ST_Covers(g.geom, h.geom))::int AS misplaced,
               count(*) FILTER (WHERE g.parent_code <> h.village_code OR left(h.village_code, 9) <> left(h.town_code, 9))::int AS wrong_scope
        FROM households h JOIN grids g ON g.code = h.group_code AND g.valid_to IS NULL`;
      const all = await db.sql<{ n: number }>`SELECT count(*)::int AS n FROM households`;
      expect(rows[0]!.total).toBe(all[0]!.n);
      expect(rows[0]!.total).toBeGreaterThan(40_000);
      expect(rows[0]!.total).toBeLessThan(50_000);
      expect(rows[0]!.misplaced).toBe(0);
      expect(rows[0]!.wrong_scope).toBe(0);
      const ids = await db.sql<{ bad: number }>`
        SELECT count(*)::int AS bad FROM household_private WHERE id_number !~ '^[0-9]{17}[0-9X]$'`;
      expect(ids[0]!.bad).toBe(0);
    });

    it('keeps every street inside its village and assigned to the group containing its midpoint', async () => {
      const db = await testDatabase(kind);
      const rows = await db.sql<{ total: number; outside: number; wrong_group: number; no_chief: number }>`
        SELECT count(*)::int AS total,
               count(*) FILTER (WHERE NOT ST_CoveredBy(s.geom, v.geom))::int AS outside,
               count(*) FILTER (WHERE NOT ST_Covers(g.geom, ST_LineInterpolatePoint(s.geom, 0.5))
                                  AND NOT ST_Covers(g.geom, ST_PointN(s.geom, 2)))::int AS wrong_group,
               count(*) FILTER (WHERE m.party_member IS NOT TRUE)::int AS no_chief
        FROM streets s
        JOIN grids v ON v.code = s.village_code AND v.valid_to IS NULL
        JOIN grids g ON g.code = s.group_code AND g.valid_to IS NULL
        LEFT JOIN members m ON m.id = s.chief_id`;
      expect(rows[0]!.total).toBeGreaterThan(146 * 2);
      expect(rows[0]!.outside).toBe(0);
      expect(rows[0]!.wrong_group).toBe(0);
      expect(rows[0]!.no_chief).toBe(0);
    });

    it('links 85–95 % of households overall and leaves a few groups without a grid head', async () => {
      const db = await testDatabase(kind);
      const coverage = await db.sql<{ share: number }>`
        SELECT (SELECT count(*) FROM household_links)::float8 / (SELECT count(*) FROM households) AS share`;
      expect(coverage[0]!.share).toBeGreaterThan(0.85);
      expect(coverage[0]!.share).toBeLessThan(0.95);
      const headless = await db.sql<{ share: number }>`
        SELECT avg(CASE WHEN EXISTS (SELECT 1 FROM grid_roles r WHERE r.grid_code = g.code AND r.role = 'grid_head') THEN 0 ELSE 1 END)::float8 AS share
        FROM grids g WHERE g.level = 'group' AND g.valid_to IS NULL`;
      expect(headless[0]!.share).toBeGreaterThan(0);
      expect(headless[0]!.share).toBeLessThan(0.08);
    });

    it('has ~1,500 cameras with 20-digit ids inside their group grids, a few percent offline', async () => {
      const db = await testDatabase(kind);
      const rows = await db.sql<{ total: number; offline: number; misplaced: number }>`
        SELECT count(*)::int AS total, count(*) FILTER (WHERE c.status = 'offline')::int AS offline,
               count(*) FILTER (WHERE NOT ST_Covers(g.geom, c.geom))::int AS misplaced
        FROM cameras c JOIN grids g ON g.code = c.group_code AND g.valid_to IS NULL`;
      expect(rows[0]!.total).toBeGreaterThan(1_200);
      expect(rows[0]!.total).toBeLessThan(2_000);
      expect(rows[0]!.offline / rows[0]!.total).toBeGreaterThan(0.02);
      expect(rows[0]!.offline / rows[0]!.total).toBeLessThan(0.07);
      expect(rows[0]!.misplaced).toBe(0);
    });

    it('records about 90 % of the last 30 days of morning and afternoon patrols', async () => {
      const db = await testDatabase(kind);
      const rows = await db.sql<{ done: number; days: number }>`
        SELECT count(*)::int AS done, count(DISTINCT day)::int AS days FROM patrols`;
      expect(rows[0]!.days).toBeGreaterThanOrEqual(29);
      const share = rows[0]!.done / (146 * 2 * 30);
      expect(share).toBeGreaterThan(0.8);
      expect(share).toBeLessThan(0.97);
    });

    it('lists the nine case categories', async () => {
      const db = await testDatabase(kind);
      const rows = await db.sql<{ code: string }>`SELECT code FROM case_categories ORDER BY sort`;
      expect(rows.map((row) => row.code)).toEqual([
        'neighbour_dispute',
        'family_dispute',
        'land_boundary',
        'labour_wages',
        'land_acquisition',
        'environment',
        'safety_hazard',
        'public_order',
        'other',
      ]);
    });
  });
});
