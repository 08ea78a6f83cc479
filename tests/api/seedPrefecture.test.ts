import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/src/app.js';
import type { Database } from '../../server/src/db/database.js';
import { openEmbedded } from '../../server/src/db/embeddedDatabase.js';
import { migrate } from '../../server/src/db/migrate.js';
import { openPostgres } from '../../server/src/db/postgresDatabase.js';
import { sqlRaw } from '../../server/src/db/sqlQuery.js';
import { checkWholeHierarchy } from '../../server/src/repos/grids/partitionRepo.js';
import { demoPassword } from '../../server/src/seed/demoAccounts.js';
import { countyHouseholds } from '../../server/src/seed/prefecture/countyHouseholds.js';
import { seedDemoPrefecture, type PrefectureSeedSummary } from '../../server/src/seed/prefecture/seedDemoPrefecture.js';
import { clearSeededTables, seededTables } from '../../server/src/seed/seedDemoCounty.js';
import { databaseFingerprint, type DatabaseFingerprint } from '../support/databaseFingerprint.js';
import { backends } from '../support/testDatabases.js';
import { createThrowawayPostgres, type ThrowawayPostgres } from '../support/throwawayPostgres.js';

// The prefecture demo seeded small (household scale 0.05: the real towns and villages, a twentieth
// of the households) into a private database of each backend, then checked in SQL.
const householdScale = 0.05;
const now = new Date('2026-11-18T03:00:00Z');
const counties = [
  ['620702000000', '甘州区'],
  ['620721000000', '肃南裕固族自治县'],
  ['620722000000', '民乐县'],
  ['620723000000', '临泽县'],
  ['620724000000', '高台县'],
  ['620725000000', '山丹县'],
] as const;

/** Towns and villages per county in the reference files (NBS 2023). */
function referenceCounts(): Map<string, { towns: number; villages: number }> {
  const read = (file: string) =>
    (
      JSON.parse(readFileSync(new URL(`../../data/reference/${file}`, import.meta.url), 'utf8')) as {
        records: { code: string; level: string }[];
      }
    ).records;
  const counts = new Map<string, { towns: number; villages: number }>();
  for (const record of [...read('zhangye-divisions.json'), ...read('gaotai-divisions.json')]) {
    if (record.level !== 'town' && record.level !== 'village') continue;
    const county = `${record.code.slice(0, 6)}000000`;
    const entry = counts.get(county) ?? { towns: 0, villages: 0 };
    if (record.level === 'town') entry.towns++;
    else entry.villages++;
    counts.set(county, entry);
  }
  return counts;
}

/** Rows and checksum of every seeded table (the change tokens differ by design: new transaction ids). */
async function seededFingerprint(db: Database): Promise<Record<string, { rows: number; md5: string }>> {
  const all: DatabaseFingerprint = await databaseFingerprint(db.sql);
  // A case's check code (查询码, migration 016) is random on purpose: a code made from the seed
  // could be worked out from it. Every other column of the cases is the seed's.
  const [cases] = await db.sql<{ rows: number; md5: string }>`
    SELECT count(*)::int AS rows, md5(coalesce(string_agg((to_jsonb(c) - 'check_code')::text, '|' ORDER BY serial), '')) AS md5
    FROM cases c`;
  return Object.fromEntries(
    Object.entries(all)
      .filter(([table]) => (seededTables as readonly string[]).includes(table))
      .map(([table, { rows, md5 }]) => [table, table === 'cases' ? cases! : { rows, md5 }]),
  );
}

describe.each(backends)('%s', (kind) => {
  describe('the prefecture demo seed (张掖市 at household scale 0.05)', () => {
    let db: Database | undefined;
    let throwaway: ThrowawayPostgres | undefined;
    let app: FastifyInstance | undefined;
    let summary: PrefectureSeedSummary;
    const progress: string[] = [];
    const opened = () => {
      if (!db) throw new Error('the database did not open');
      return db;
    };

    beforeAll(async () => {
      if (kind === 'postgres') {
        throwaway = await createThrowawayPostgres('gridmap_prefecture');
        db = openPostgres({ url: throwaway.url, max: 4 });
      } else {
        db = await openEmbedded();
      }
      await migrate(db);
      summary = await seedDemoPrefecture(db, { householdScale, now, onProgress: (line) => progress.push(line) });
    }, 300_000);
    afterAll(async () => {
      await app?.close();
      await db?.close();
      await throwaway?.drop();
    });

    it('has 张掖市 as the one prefecture, parent of its six counties with their real names and codes', async () => {
      const sql = opened().sql;
      const top = await sql<{ code: string; level: string; name: string; parent_code: string | null }>`
        SELECT code, level, name, parent_code FROM grids
        WHERE valid_to IS NULL AND level IN ('prefecture', 'county') ORDER BY level DESC, code`;
      expect(top).toEqual([
        { code: '620700000000', level: 'prefecture', name: '张掖市', parent_code: null },
        ...counties.map(([code, name]) => ({ code, level: 'county', name, parent_code: '620700000000' })),
      ]);
      const divisions = await sql<{ code: string; level: string; parent_code: string }>`
        SELECT code, level, parent_code FROM divisions WHERE level IN ('prefecture', 'county') ORDER BY level DESC, code`;
      expect(divisions).toEqual([
        { code: '620700000000', level: 'prefecture', parent_code: '620000000000' },
        ...counties.map(([code]) => ({ code, level: 'county', parent_code: '620700000000' })),
      ]);
    });

    it('gives every county its real towns and villages (NBS names and codes) as divisions and grids', async () => {
      const rows = await opened().sql<{ county: string; level: string; divisions: number; grids: number }>`
        SELECT left(d.code, 6) || '000000' AS county, d.level, count(*)::int AS divisions, count(g.code)::int AS grids
        FROM divisions d LEFT JOIN grids g ON g.code = d.code AND g.valid_to IS NULL AND g.level = d.level
        WHERE d.level IN ('town', 'village') GROUP BY 1, 2 ORDER BY 1, 2`;
      const expected = [...referenceCounts()]
        .sort(([a], [b]) => a.localeCompare(b))
        .flatMap(([county, { towns, villages }]) => [
          { county, level: 'town', divisions: towns, grids: towns },
          { county, level: 'village', divisions: villages, grids: villages },
        ]);
      expect(rows).toEqual(expected);
      const named = await opened().sql<{ code: string; name: string }>`
        SELECT code, name FROM grids WHERE code IN ('620723101000', '620721204000', '620702001000') ORDER BY code`;
      expect(named).toEqual([
        { code: '620702001000', name: '东街街道' },
        { code: '620721204000', name: '明花乡' },
        { code: '620723101000', name: '沙河镇' },
      ]);
    });

    it('tiles every level exactly with the existing partition check, the prefecture by its six counties too', async () => {
      const sql = opened().sql;
      const hierarchy = await checkWholeHierarchy(sql);
      expect(hierarchy.parents.find((parent) => parent.parentLevel === 'prefecture')).toMatchObject({
        parentCode: '620700000000',
        childCount: 6,
        ok: true,
      });
      expect(hierarchy.parents.filter((parent) => parent.parentLevel === 'county')).toHaveLength(6);
      expect(hierarchy.parents).toHaveLength(1 + 6 + 78 + 934);
      const problems = hierarchy.parents.flatMap((parent) =>
        parent.problems.map((problem) => `${parent.parentCode} ${problem.kind} ${problem.codes?.join('+') ?? ''}`),
      );
      expect(problems).toEqual([]);
      const multiPart = await sql<{ code: string }>`
        SELECT code FROM grids WHERE valid_to IS NULL AND (NOT ST_IsValid(geom) OR ST_NumGeometries(geom) <> 1)`;
      expect(multiPart).toEqual([]);
      // 肃南 is its main body (16,317 km²; its exclaves are left out, data/reference/README.md).
      const [sunan] = await sql<{ km2: number }>`
        SELECT ST_Area(geom::geography) / 1e6 AS km2 FROM grids WHERE code = '620721000000' AND valid_to IS NULL`;
      expect(sunan!.km2).toBeGreaterThan(16_200);
      expect(sunan!.km2).toBeLessThan(16_450);
    });

    it('places every household, camera and case inside the group grid it names, under its own village and town', async () => {
      const sql = opened().sql;
      for (const table of ['households', 'cameras', 'cases'] as const) {
        const [row] = await sql<{ total: number; misplaced: number; wrong_scope: number }>`
          SELECT count(*)::int AS total,
                 count(*) FILTER (WHERE NOT ST_Covers(g.geom, t.geom))::int AS misplaced,
                 count(*) FILTER (WHERE g.parent_code <> t.village_code OR v.parent_code <> t.town_code)::int AS wrong_scope
          FROM ${sqlRaw(table)} t
          JOIN grids g ON g.code = t.group_code AND g.valid_to IS NULL
          JOIN grids v ON v.code = g.parent_code AND v.valid_to IS NULL`;
        const [all] = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sqlRaw(table)}`;
        expect({ table, ...row }).toEqual({ table, total: all!.n, misplaced: 0, wrong_scope: 0 });
        expect(row!.total).toBeGreaterThan(0);
      }
      const serials = await sql<{ county: string; n: number; wrong: number }>`
        SELECT left(group_code, 6) AS county, count(*)::int AS n,
               count(*) FILTER (WHERE left(serial, 6) <> left(group_code, 6))::int AS wrong
        FROM cases GROUP BY 1 ORDER BY 1`;
      expect(serials.map((row) => [row.county, row.wrong])).toEqual(counties.map(([code]) => [code.slice(0, 6), 0]));
      const cameraIds = await sql<{ wrong: number }>`
        SELECT count(*)::int AS wrong FROM cameras WHERE left(id, 6) <> left(group_code, 6) OR id !~ '^[0-9]{20}$'`;
      expect(cameraIds[0]!.wrong).toBe(0);
    });

    it('sizes each county from its published household figure (villages have at least 12 households)', async () => {
      const rows = await opened().sql<{ county: string; households: number; villages: number }>`
        SELECT left(h.town_code, 6) || '000000' AS county, count(*)::int AS households,
               count(DISTINCT h.village_code)::int AS villages
        FROM households h GROUP BY 1 ORDER BY 1`;
      expect(rows.map((row) => row.county)).toEqual(counties.map(([code]) => code));
      for (const row of rows) {
        const target = Math.round(countyHouseholds[row.county]! * householdScale);
        expect(row.households).toBeGreaterThanOrEqual(target - row.villages);
        expect(row.households).toBeLessThanOrEqual(target + 12 * row.villages);
        expect(summary.perCounty.find((county) => county.code === row.county)?.households).toBe(row.households);
      }
      expect(summary.households).toBe(rows.reduce((sum, row) => sum + row.households, 0));
    });

    it('says how far it got, county by county, while it plans, writes and draws the cases', () => {
      for (const step of ['planned', 'wrote', 'cases']) {
        const lines = progress.filter((line) => line.includes(step === 'cases' ? ' cases in ' : `: ${step} `));
        expect(lines.map((line) => line.split(':')[0])).toEqual(
          counties.map(([, name], index) => `${index + 1}/6 ${name}`),
        );
      }
      expect(progress.find((line) => line.startsWith('4/6 临泽县: wrote'))).toMatch(/wrote [\d,]+ households/);
    });

    it('is the same prefecture for the same seed: seeding again gives the same fingerprint', async () => {
      const database = opened();
      const first = await seededFingerprint(database);
      await clearSeededTables(database);
      await seedDemoPrefecture(database, { householdScale, now });
      expect(await seededFingerprint(database)).toEqual(first);
    }, 300_000);

    it('signs city-admin in with the prefecture as its scope; admin stays 高台县’s, admin-620723 is 临泽县’s', async () => {
      app = await buildApp({ db: opened() });
      const scopes: Record<string, unknown> = {};
      for (const username of ['city-admin', 'city-wall', 'admin', 'admin-620723']) {
        const reply = await app.inject({
          method: 'POST',
          url: '/api/session',
          payload: { username, password: demoPassword },
        });
        expect(reply.statusCode, reply.body).toBe(200);
        const body = reply.json<{ role: string; scope: { code: string; level: string } }>();
        scopes[username] = { role: body.role, code: body.scope.code, level: body.scope.level };
      }
      expect(scopes).toEqual({
        'city-admin': { role: 'county_admin', code: '620700000000', level: 'prefecture' },
        'city-wall': { role: 'wall', code: '620700000000', level: 'prefecture' },
        admin: { role: 'county_admin', code: '620724000000', level: 'county' },
        'admin-620723': { role: 'county_admin', code: '620723000000', level: 'county' },
      });
    });
  });
});
