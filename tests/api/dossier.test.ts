import { describe, expect, it } from 'vitest';
import type { Database } from '../../server/src/db/database.js';
import { maskName } from '../../server/src/domain/personalData.js';
import { GridDossier } from '../../server/src/contract/dossier.js';
import { backends } from '../support/testDatabases.js';
import { seededApp } from '../support/seededApp.js';
import { replySchemaErrors } from '../support/replySchema.js';

/** The significant digits of a grid code: every row inside the grid has a group code starting with them. */
function prefixOf(code: string): string {
  if (code.length === 15) return code;
  if (code.endsWith('000000')) return code.slice(0, 6);
  if (code.endsWith('000')) return code.slice(0, 9);
  return code;
}

/**
 * The dossier's figures recomputed with SQL written apart from the repositories: rows are picked by
 * the prefix of their group code (not the scope columns), the months by shifting the database clock
 * to China time.
 */
async function independentFigures(db: Database, code: string) {
  const like = `${prefixOf(code)}%`;
  const [row] = await db.sql<Record<string, number>>`
    WITH bounds AS (
      SELECT now() AS now,
        (date_trunc('month', now() AT TIME ZONE 'UTC' + interval '8 hours') - interval '11 months' - interval '8 hours')
          AT TIME ZONE 'UTC' AS first_month)
    SELECT
      (SELECT count(*) FROM households WHERE group_code LIKE ${like})::int AS households,
      (SELECT count(*) FROM households h WHERE group_code LIKE ${like}
         AND h.id IN (SELECT household_id FROM household_links))::int AS linked,
      (SELECT coalesce(sum(size), 0) FROM households WHERE group_code LIKE ${like})::int AS population,
      (SELECT count(*) FROM streets WHERE group_code LIKE ${like})::int AS streets,
      (SELECT coalesce(round(sum(length_m)), 0) FROM streets WHERE group_code LIKE ${like})::int AS street_length,
      (SELECT count(*) FROM cameras WHERE group_code LIKE ${like})::int AS cameras,
      (SELECT count(*) FROM cameras WHERE group_code LIKE ${like} AND status = 'online')::int AS cameras_online,
      (SELECT count(*) FROM cases WHERE group_code LIKE ${like}
         AND status IN ('registered', 'accepted', 'mediating'))::int AS open_cases,
      (SELECT count(*) FROM cases, bounds b WHERE group_code LIKE ${like}
         AND status IN ('registered', 'accepted', 'mediating') AND stage_due_at < b.now)::int AS red,
      (SELECT count(*) FROM cases, bounds b WHERE group_code LIKE ${like}
         AND reported_at >= b.first_month AND reported_at <= b.now)::int AS registered_12_months,
      (SELECT count(*) FROM cases, bounds b WHERE group_code LIKE ${like}
         AND resolved_at >= b.first_month AND resolved_at <= b.now)::int AS resolved_12_months,
      (SELECT count(*) FROM grid_roles WHERE grid_code = ${code} AND until IS NULL)::int AS team,
      (SELECT count(*) FROM grids WHERE parent_code = ${code} AND valid_to IS NULL)::int AS children`;
  return row!;
}

interface Reply {
  statusCode: number;
  body: string;
  headers: Record<string, unknown>;
  json<T>(): T;
}

describe.each(backends)('%s', (kind) => {
  const seeded = seededApp(kind);

  /** One grid of each level, the busiest of its parent (so the figures are not zeros). */
  async function sampleGrids(): Promise<Record<'county' | 'town' | 'village' | 'group', string>> {
    const [row] = await seeded.db.sql<{ town: string; village: string; grp: string }>`
      SELECT town_code AS town, village_code AS village, group_code AS grp FROM cases
      GROUP BY 1, 2, 3 ORDER BY count(*) DESC, 3 LIMIT 1`;
    return { county: '620724000000', town: row!.town, village: row!.village, group: row!.grp };
  }

  /**
   * The dossier next to the independent figures. Other test files write cases and camera states
   * into the shared PostgreSQL database meanwhile, so the SQL runs before and after the request and a
   * pair that disagrees (a write landed in between) is read again — up to 20 times, since a burst of
   * another file's writes (the bad-input suite, the simulator test) can last several reads.
   */
  async function dossierWithFigures(code: string, as = 'admin') {
    for (let attempt = 0; attempt < 20; attempt++) {
      const before = await independentFigures(seeded.db, code);
      const res = (await seeded.get(`/api/grids/${code}/dossier`, as)) as Reply;
      expect(res.statusCode, res.body).toBe(200);
      const after = await independentFigures(seeded.db, code);
      if (JSON.stringify(before) === JSON.stringify(after))
        return { dossier: res.json<GridDossier>(), expected: after };
    }
    throw new Error(`the figures of ${code} kept changing under the test`);
  }

  describe('GET /api/grids/:code/dossier', () => {
    it.each(['group', 'village', 'town', 'county'] as const)(
      'gives a %s the figures that independent SQL gives, in the documented shape',
      async (level) => {
        const code = (await sampleGrids())[level];
        const { dossier, expected } = await dossierWithFigures(code);
        expect(replySchemaErrors(GridDossier, dossier)).toEqual([]);
        expect(dossier.grid.code).toBe(code);
        expect(dossier.grid.level).toBe(level);
        expect(dossier.grid.parents.map((p) => p.level)).toEqual(
          ['county', 'town', 'village'].slice(0, ['county', 'town', 'village', 'group'].indexOf(level)),
        );
        expect(dossier.households.total).toBe(expected.households);
        expect(dossier.households.linked).toBe(expected.linked);
        expect(dossier.households.population).toBe(expected.population);
        expect(dossier.households.coverage).toBeCloseTo(expected.linked! / expected.households!, 4);
        expect(dossier.streets.total).toBe(expected.streets);
        expect(dossier.streets.totalLengthM).toBe(expected.street_length);
        expect(dossier.cameras.total).toBe(expected.cameras);
        expect(dossier.cameras.online).toBe(expected.cameras_online);
        expect(dossier.cameras.offline).toBe(expected.cameras! - expected.cameras_online!);
        expect(dossier.cameras.offlineList.length).toBe(Math.min(100, dossier.cameras.offline));
        expect(dossier.openCases.total).toBe(expected.open_cases);
        expect(dossier.openCases.red).toBe(expected.red);
        expect(dossier.openCases.green + dossier.openCases.yellow + dossier.openCases.red).toBe(expected.open_cases);
        expect(dossier.team.members.length).toBe(expected.team);
        expect(dossier.children.length).toBe(expected.children);
        expect(dossier.trends).toHaveLength(12);
        expect(dossier.trends.reduce((sum, m) => sum + m.registered, 0)).toBe(expected.registered_12_months);
        expect(dossier.trends.reduce((sum, m) => sum + m.resolved, 0)).toBe(expected.resolved_12_months);
        // The seed's grids are busy: these are not the figures of an empty database.
        expect(dossier.households.total).toBeGreaterThan(0);
        expect(expected.registered_12_months).toBeGreaterThan(0);
      },
    );

    it('splits a grid into children whose measures add up to the grid', async () => {
      const { village } = await sampleGrids();
      const { dossier } = await dossierWithFigures(village);
      expect(dossier.grid.childLevel).toBe('group');
      expect(dossier.children.length).toBeGreaterThan(1);
      const sum = (pick: (m: GridDossier['children'][number]['measures']) => number) =>
        dossier.children.reduce((total, child) => total + pick(child.measures), 0);
      expect(sum((m) => m.households)).toBe(dossier.households.total);
      expect(sum((m) => m.openCases)).toBe(dossier.openCases.total);
      for (const child of dossier.children) {
        expect(child.code.startsWith(village)).toBe(true);
        const { households, openCases, openPer100Households } = child.measures;
        if (households > 0) expect(openPer100Households).toBeCloseTo((openCases * 100) / households, 3);
        else expect(openPer100Households).toBeNull();
      }
    });

    it('lists a village’s members with their link quota and linked households, names masked', async () => {
      const { village } = await sampleGrids();
      const { dossier } = await dossierWithFigures(village);
      const members = await seeded.db.sql<{ id: number; name: string; link_role: string; linked: number }>`
        SELECT m.id, p.name, m.link_role, (SELECT count(*) FROM household_links l WHERE l.member_id = m.id)::int AS linked
        FROM members m JOIN member_private p ON p.member_id = m.id
        WHERE m.village_code = ${village} AND m.active`;
      expect(dossier.linkQuota.listed).toBe(true);
      expect(dossier.linkQuota.members).toHaveLength(members.length);
      const quotas: Record<string, number> = {
        village_head_cadre: 10,
        committee_member: 5,
        party_member: 3,
        villager_rep: 1,
        grid_staff: 1,
      };
      const byId = new Map(members.map((m) => [Number(m.id), m]));
      for (const listed of dossier.linkQuota.members) {
        const member = byId.get(listed.memberId)!;
        expect(listed.name).toBe(maskName(member.name));
        expect(listed.name).not.toBe(member.name);
        expect(listed.quota).toBe(quotas[member.link_role]);
        expect(listed.linked).toBe(member.linked);
        expect(listed.verdict).toBe(
          member.linked < listed.quota ? 'under' : member.linked > listed.quota ? 'over' : 'met',
        );
      }
      const counted = dossier.linkQuota.under + dossier.linkQuota.met + dossier.linkQuota.over;
      expect(counted).toBe(members.length);
    });

    it('names a group’s missing roles and masks its team and street chiefs', async () => {
      const [gap] = await seeded.db.sql<{ code: string }>`
        SELECT g.code FROM grids g WHERE g.level = 'group' AND g.valid_to IS NULL
          AND NOT EXISTS (SELECT 1 FROM grid_roles r WHERE r.grid_code = g.code AND r.role = 'grid_head' AND r.until IS NULL)
        ORDER BY g.code LIMIT 1`;
      expect(gap, 'the seed leaves ~3 % of the groups without a grid head').toBeDefined();
      const res = (await seeded.get(`/api/grids/${gap!.code}/dossier`)) as Reply;
      const dossier = res.json<GridDossier>();
      expect(dossier.team.expected).toEqual(['grid_head', 'grid_staff', 'party_group_head']);
      expect(dossier.team.missing).toContain('grid_head');
      const names = await seeded.db.sql<{ name: string }>`
        SELECT p.name FROM member_private p
        WHERE p.member_id IN (SELECT member_id FROM grid_roles WHERE grid_code = ${gap!.code})
           OR p.member_id IN (SELECT chief_id FROM streets WHERE group_code = ${gap!.code})`;
      for (const { name } of names) expect(res.body).not.toContain(name);
      expect(res.body).not.toMatch(/1[3-9][0-9]{9}/);
      for (const member of dossier.team.members) expect(member.name).toMatch(/^.?\*+$/u);
    });

    it('gives a town leader the dossier of their town and 404 for another town’s grid', async () => {
      const towns = await seeded.db.sql<{ code: string }>`
        SELECT code FROM grids WHERE level = 'town' AND valid_to IS NULL ORDER BY code LIMIT 2`;
      const [own, other] = towns.map((t) => t.code);
      const [otherVillage] = await seeded.db.sql<{ code: string }>`
        SELECT code FROM grids WHERE parent_code = ${other!} AND valid_to IS NULL ORDER BY code LIMIT 1`;
      const mine = (await seeded.get(`/api/grids/${own}/dossier`, `town-${own}`)) as Reply;
      expect(mine.statusCode).toBe(200);
      const theirs = (await seeded.get(`/api/grids/${otherVillage!.code}/dossier`, `town-${own}`)) as Reply;
      expect(theirs.statusCode).toBe(404);
      const county = (await seeded.get('/api/grids/620724/dossier', `town-${own}`)) as Reply;
      expect(county.statusCode).toBe(404);
    });

    it('answers 404 for a well-formed code that is no grid and 400 naming the parameter for a malformed one', async () => {
      const missing = (await seeded.get('/api/grids/620724999000/dossier')) as Reply;
      expect(missing.statusCode).toBe(404);
      const malformed = (await seeded.get('/api/grids/62-07/dossier')) as Reply;
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json<{ message: string }>().message).toContain('code');
    });
  });

  describe('GET /api/grids/:code/children.csv', () => {
    it('exports the children’s measures with a BOM and Chinese headers, one line per child', async () => {
      const { town } = await sampleGrids();
      const res = (await seeded.get(`/api/grids/${town}/children.csv`)) as Reply;
      expect(res.statusCode).toBe(200);
      expect(String(res.headers['content-type'])).toContain('text/csv');
      expect(String(res.headers['content-disposition'])).toContain('.csv');
      expect(
        res.body.startsWith('\uFEFF代码,名称,层级,户数,在办案件,超期案件,每百户在办,联户覆盖率(%),摄像头在线率(%)\r\n'),
      ).toBe(true);
      const lines = res.body.trimEnd().split('\r\n').slice(1);
      const children = await seeded.db.sql<{ code: string; name: string }>`
        SELECT code, name FROM grids WHERE parent_code = ${town} AND valid_to IS NULL ORDER BY code`;
      expect(lines).toHaveLength(children.length);
      lines.forEach((line, index) => {
        const cells = line.split(',');
        expect(cells).toHaveLength(9);
        expect(cells[0]).toBe(children[index]!.code);
        expect(cells[1]).toBe(children[index]!.name);
        expect(cells[2]).toBe('村');
        expect(Number(cells[3])).toBeGreaterThanOrEqual(0);
      });
    });

    it('answers 404 for a grid outside the caller’s scope', async () => {
      const towns = await seeded.db.sql<{ code: string }>`
        SELECT code FROM grids WHERE level = 'town' AND valid_to IS NULL ORDER BY code LIMIT 2`;
      const res = (await seeded.get(`/api/grids/${towns[1]!.code}/children.csv`, `town-${towns[0]!.code}`)) as Reply;
      expect(res.statusCode).toBe(404);
    });
  });
});
