import { describe, expect, it } from 'vitest';
import { GridCollection, GridDetail } from '../../server/src/contract/grids.js';
import { backends } from '../support/testDatabases.js';
import { seededApp } from '../support/seededApp.js';
import { rfc7946Problems } from '../support/rfc7946.js';
import { replySchemaErrors } from '../support/replySchema.js';

interface GridReply {
  type: 'FeatureCollection';
  features: {
    id: string;
    geometry: { type: string; coordinates: number[][][][] };
    properties: Record<string, unknown> & { code: string };
  }[];
}

interface GridDetailReply {
  id: string;
  geometry: { type: string };
  properties: {
    code: string;
    level: string;
    parents: { code: string; name: string; level: string }[];
    children: number;
    stats: Record<string, number>;
  };
}

function positionCount(reply: GridReply): number {
  return reply.features.reduce((sum, feature) => sum + feature.geometry.coordinates.flat(2).length, 0);
}

describe.each(backends)('%s', (kind) => {
  const seeded = seededApp(kind);
  const { get } = seeded;

  async function busiestTown(): Promise<string> {
    const rows = await seeded.db.sql<{ code: string }>`
      SELECT g.parent_code AS code FROM grids g
      WHERE g.level = 'village' AND g.valid_to IS NULL GROUP BY g.parent_code ORDER BY count(*) DESC, 1 LIMIT 1`;
    return rows[0]!.code;
  }

  async function busiestVillage(): Promise<string> {
    const rows = await seeded.db.sql<{ code: string }>`
      SELECT village_code AS code FROM households GROUP BY village_code ORDER BY count(*) DESC, 1 LIMIT 1`;
    return rows[0]!.code;
  }

  describe('GET /api/grids', () => {
    it('lists every current town with its code, name, level, parent, version, area and label point', async () => {
      const res = await get('/api/grids?level=town');
      expect(res.statusCode).toBe(200);
      const reply = res.json<GridReply>();
      const expected = await seeded.db.sql<{
        code: string;
        name: string;
        level: string;
        parent_code: string;
        version: number;
        area: string;
        lon: string;
        lat: string;
      }>`
        SELECT code, name, level, parent_code, version, round(area_m2::numeric)::text AS area,
          round(ST_X(label_point)::numeric, 6)::text AS lon, round(ST_Y(label_point)::numeric, 6)::text AS lat
        FROM grids WHERE level = 'town' AND valid_to IS NULL ORDER BY code`;
      expect(expected.length).toBeGreaterThan(0);
      expect(reply.features.map((f) => f.properties)).toEqual(
        expected.map((row) => ({
          code: row.code,
          name: row.name,
          level: 'town',
          parentCode: row.parent_code,
          version: row.version,
          areaM2: Number(row.area),
          labelPoint: [Number(row.lon), Number(row.lat)],
        })),
      );
      expect(reply.features.map((f) => f.id)).toEqual(expected.map((row) => row.code));
    });

    it('replies with valid RFC 7946 GeoJSON matching the documented schema', async () => {
      const reply = (await get('/api/grids?level=village')).json<GridReply>();
      expect(reply.features.length).toBeGreaterThan(0);
      expect(rfc7946Problems(reply)).toEqual([]);
      expect(replySchemaErrors(GridCollection, reply)).toEqual([]);
    });

    it('lists the children of a parent given alone', async () => {
      const town = await busiestTown();
      const reply = (await get(`/api/grids?parent=${town}`)).json<GridReply>();
      const rows = await seeded.db.sql<{ code: string }>`
        SELECT code FROM grids WHERE parent_code = ${town} AND valid_to IS NULL ORDER BY code`;
      expect(reply.features.map((f) => f.properties.code)).toEqual(rows.map((row) => row.code));
    });

    it('lists the groups inside a town when given level and parent', async () => {
      const town = await busiestTown();
      const reply = (await get(`/api/grids?level=group&parent=${town}`)).json<GridReply>();
      const rows = await seeded.db.sql<{ code: string }>`
        SELECT g.code FROM grids g
        JOIN grids v ON v.code = g.parent_code AND v.valid_to IS NULL
        WHERE g.level = 'group' AND g.valid_to IS NULL AND v.parent_code = ${town}
        ORDER BY g.code`;
      expect(rows.length).toBeGreaterThan(0);
      expect(reply.features.map((f) => f.properties.code)).toEqual(rows.map((row) => row.code));
    });

    it('lists the towns for the county given as 620724, the same as level=town', async () => {
      const byParent = (await get('/api/grids?parent=620724')).json<GridReply>();
      const byLevel = (await get('/api/grids?level=town')).json<GridReply>();
      expect(byParent.features.map((f) => f.id)).toEqual(byLevel.features.map((f) => f.id));
    });

    it('lists only current versions, one feature per code', async () => {
      const reply = (await get('/api/grids?level=group')).json<GridReply>();
      const rows = await seeded.db.sql<{ code: string; version: number }>`
        SELECT code, version FROM grids WHERE level = 'group' AND valid_to IS NULL ORDER BY code`;
      expect(reply.features.map((f) => [f.properties.code, f.properties.version])).toEqual(
        rows.map((row) => [row.code, row.version]),
      );
    });

    it('simplifies outlines when asked and keeps them valid', async () => {
      const town = await busiestTown();
      const full = (await get(`/api/grids?parent=${town}`)).json<GridReply>();
      const simplified = (await get(`/api/grids?parent=${town}&simplify=500`)).json<GridReply>();
      expect(simplified.features.map((f) => f.id)).toEqual(full.features.map((f) => f.id));
      expect(positionCount(simplified)).toBeLessThan(positionCount(full));
      expect(rfc7946Problems(simplified)).toEqual([]);
    });

    it.each([
      ['level=city', 'level'],
      ['level=prefecture', 'level'],
      ['parent=12345', 'parent'],
      ['parent=62072410500a', 'parent'],
      ['level=village&simplify=-1', 'simplify'],
      ['level=village&simplify=much', 'simplify'],
    ])('rejects %s naming the parameter', async (query, parameter) => {
      const res = await get(`/api/grids?${query}`);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: 'Bad Request', message: expect.stringContaining(`"${parameter}"`) });
    });

    it('rejects a request with neither level nor parent naming both', async () => {
      const res = await get('/api/grids');
      expect(res.statusCode).toBe(400);
      expect(res.json<{ message: string }>().message).toMatch(/"level" or "parent"/);
    });

    it('rejects a level that is not below the parent naming the level', async () => {
      const village = await busiestVillage();
      const res = await get(`/api/grids?parent=${village}&level=town`);
      expect(res.statusCode).toBe(400);
      expect(res.json<{ message: string }>().message).toContain('"level"');
    });

    it('replies 404 for a parent no grid has', async () => {
      const res = await get('/api/grids?parent=620724105999');
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ error: 'Not Found', message: 'no grid with code 620724105999' });
    });
  });

  describe('GET /api/grids/:code', () => {
    it('describes a village with its parents, children and figures counted separately in SQL', async () => {
      const village = await busiestVillage();
      const before = new Date();
      const res = await get(`/api/grids/${village}`);
      const after = new Date();
      expect(res.statusCode).toBe(200);
      const reply = res.json<GridDetailReply>();

      const chain = await seeded.db.sql<{ code: string; name: string; level: string }>`
        SELECT c.code, c.name, c.level FROM grids v
        JOIN grids t ON t.code = v.parent_code AND t.valid_to IS NULL
        JOIN grids c ON c.code IN (t.code, t.parent_code) AND c.valid_to IS NULL
        WHERE v.code = ${village} AND v.valid_to IS NULL
        ORDER BY c.level = 'town'`;
      expect(reply.properties.parents).toEqual(chain);

      // The same figures through the village's child groups instead of the village_code column.
      const [figures] = await seeded.db.sql<Record<string, number>>`
        WITH grp AS (SELECT code FROM grids WHERE parent_code = ${village} AND valid_to IS NULL)
        SELECT
          (SELECT count(*) FROM grp) AS children,
          (SELECT count(*) FROM households WHERE group_code IN (SELECT code FROM grp)) AS households,
          (SELECT coalesce(sum(size), 0) FROM households WHERE group_code IN (SELECT code FROM grp)) AS population,
          (SELECT count(*) FROM household_links l JOIN households h ON h.id = l.household_id
            WHERE h.group_code IN (SELECT code FROM grp)) AS linked,
          (SELECT count(*) FROM streets WHERE group_code IN (SELECT code FROM grp)) AS streets,
          (SELECT count(*) FROM cameras WHERE group_code IN (SELECT code FROM grp)) AS cameras,
          (SELECT count(*) FROM cameras WHERE group_code IN (SELECT code FROM grp) AND status = 'online') AS online,
          (SELECT count(*) FROM cases WHERE group_code IN (SELECT code FROM grp)
            AND status IN ('registered', 'accepted', 'mediating')) AS open,
          (SELECT count(*) FROM cases WHERE group_code IN (SELECT code FROM grp)
            AND status IN ('registered', 'accepted', 'mediating') AND stage_due_at < ${before}) AS overdue_before,
          (SELECT count(*) FROM cases WHERE group_code IN (SELECT code FROM grp)
            AND status IN ('registered', 'accepted', 'mediating') AND stage_due_at < ${after}) AS overdue_after`;
      const expected = figures!;
      expect(expected.households).toBeGreaterThan(0);
      expect(reply.properties.children).toBe(expected.children);
      const { stats } = reply.properties;
      expect(stats).toMatchObject({
        households: expected.households,
        population: expected.population,
        linkedHouseholds: expected.linked,
        linkCoverage: Math.round((expected.linked! / expected.households!) * 10_000) / 10_000,
        streets: expected.streets,
        cameras: expected.cameras,
        camerasOnline: expected.online,
        openCases: expected.open,
      });
      expect(stats.overdueCases).toBeGreaterThanOrEqual(expected.overdue_before!);
      expect(stats.overdueCases).toBeLessThanOrEqual(expected.overdue_after!);
      expect(rfc7946Problems(reply)).toEqual([]);
      expect(replySchemaErrors(GridDetail, reply)).toEqual([]);
    });

    it('gives the same county for 620724 and 620724000000, with every household and no parents', async () => {
      const short = (await get('/api/grids/620724')).json<GridDetailReply>();
      const long = (await get('/api/grids/620724000000')).json<GridDetailReply>();
      expect(short.properties.code).toBe('620724000000');
      expect(short.properties.level).toBe('county');
      expect(short.properties.parents).toEqual([]);
      // Cases and camera states change under other test files writing to the same database at the
      // same moment; the figures no test writes must be identical.
      const steady = ({ openCases, overdueCases, camerasOnline, ...rest }: GridDetailReply['properties']['stats']) => {
        void [openCases, overdueCases, camerasOnline];
        return rest;
      };
      expect(steady(short.properties.stats)).toEqual(steady(long.properties.stats));
      const [totals] = await seeded.db.sql<{ households: number; towns: number; streets: number }>`
        SELECT (SELECT count(*) FROM households) AS households, (SELECT count(*) FROM streets) AS streets,
          (SELECT count(*) FROM grids WHERE level = 'town' AND valid_to IS NULL) AS towns`;
      expect(short.properties.stats.households).toBe(totals!.households);
      expect(short.properties.stats.streets).toBe(totals!.streets);
      expect(short.properties.children).toBe(totals!.towns);
    });

    it('describes a group with its whole chain up to the county', async () => {
      const [group] = await seeded.db.sql<{ code: string }>`
        SELECT code FROM grids WHERE level = 'group' AND valid_to IS NULL ORDER BY code LIMIT 1`;
      const reply = (await get(`/api/grids/${group!.code}`)).json<GridDetailReply>();
      expect(reply.properties.parents.map((p) => p.level)).toEqual(['county', 'town', 'village']);
      expect(reply.properties.parents[2]!.code).toBe(group!.code.slice(0, 12));
      expect(reply.properties.children).toBe(0);
    });

    it.each(['620724105999', '620724105201999', '620700000000'])(
      'replies 404 for %s, which no grid has',
      async (code) => {
        const res = await get(`/api/grids/${code}`);
        expect(res.statusCode).toBe(404);
        expect(res.json()).toEqual({ error: 'Not Found', message: `no grid with code ${code}` });
      },
    );

    it.each(['abc', '6207241', '62072410520100'])('rejects the code %s naming the parameter', async (code) => {
      const res = await get(`/api/grids/${code}`);
      expect(res.statusCode).toBe(400);
      expect(res.json<{ message: string }>().message).toContain('"code"');
    });
  });
});
