import { describe, expect, it } from 'vitest';
import { maskName } from '../../server/src/domain/personalData.js';
import { StreetCollection } from '../../server/src/contract/streets.js';
import { backends } from '../support/testDatabases.js';
import { seededApp } from '../support/seededApp.js';
import { rfc7946Problems } from '../support/rfc7946.js';
import { replySchemaErrors } from '../support/replySchema.js';
import { leakedValues } from '../support/leakedValues.js';

interface StreetReply {
  type: 'FeatureCollection';
  truncated: boolean;
  features: {
    id: number;
    geometry: { type: 'LineString'; coordinates: [number, number][] };
    properties: { id: number; name: string; chiefName: string | null; lengthM: number; groupCode: string };
  }[];
}

describe.each(backends)('%s', (kind) => {
  const seeded = seededApp(kind);
  const { get } = seeded;

  async function busiestVillage(): Promise<string> {
    const rows = await seeded.db.sql<{ code: string }>`
      SELECT village_code AS code FROM streets GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`;
    return rows[0]!.code;
  }

  describe('GET /api/streets', () => {
    it("lists every street of a village with its chief's masked name and its length", async () => {
      const village = await busiestVillage();
      const res = await get(`/api/streets?grid=${village}`);
      expect(res.statusCode).toBe(200);
      const reply = res.json<StreetReply>();
      const rows = await seeded.db.sql<{
        id: number;
        name: string;
        chief: string | null;
        length: string;
        group_code: string;
        points: number;
      }>`
        SELECT s.id, s.name, p.name AS chief, round(s.length_m::numeric)::text AS length, s.group_code, ST_NPoints(s.geom) AS points
        FROM streets s LEFT JOIN member_private p ON p.member_id = s.chief_id
        WHERE s.group_code IN (SELECT code FROM grids WHERE parent_code = ${village} AND valid_to IS NULL)
        ORDER BY s.id`;
      expect(rows.length).toBeGreaterThan(0);
      expect(reply.truncated).toBe(false);
      expect(reply.features.map((f) => ({ ...f.properties, points: f.geometry.coordinates.length }))).toEqual(
        rows.map((row) => ({
          id: row.id,
          name: row.name,
          chiefName: row.chief === null ? null : maskName(row.chief),
          lengthM: Number(row.length),
          groupCode: row.group_code,
          points: row.points,
        })),
      );
    });

    it('replies with valid RFC 7946 GeoJSON matching the documented schema', async () => {
      const reply = (await get(`/api/streets?grid=${await busiestVillage()}`)).json<StreetReply>();
      expect(reply.features.length).toBeGreaterThan(0);
      expect(rfc7946Problems(reply)).toEqual([]);
      expect(replySchemaErrors(StreetCollection, reply)).toEqual([]);
    });

    it("shows no street chief's full name or phone anywhere in the county", async () => {
      const res = await get('/api/streets?grid=620724&limit=50000');
      expect(res.statusCode).toBe(200);
      const chiefs = await seeded.db.sql<{ name: string; phone: string | null }>`
        SELECT p.name, p.phone FROM member_private p WHERE p.member_id IN (SELECT chief_id FROM streets)`;
      expect(chiefs.length).toBeGreaterThan(0);
      expect(chiefs.every((row) => Array.from(row.name).length >= 2)).toBe(true);
      expect(
        leakedValues(
          res.body,
          chiefs.flatMap((row) => [row.name, row.phone]),
        ),
      ).toEqual([]);
    });

    it('keeps the first streets by id up to limit and says it truncated', async () => {
      const reply = (await get('/api/streets?grid=620724&limit=3')).json<StreetReply>();
      const rows = await seeded.db.sql<{ id: number }>`SELECT id FROM streets ORDER BY id LIMIT 3`;
      expect(reply.truncated).toBe(true);
      expect(reply.features.map((f) => f.id)).toEqual(rows.map((row) => row.id));
    });

    it.each([
      ['', 'grid'],
      ['grid=62072410520', 'grid'],
      ['grid=620724&limit=-5', 'limit'],
      ['grid=620724&limit=1.5', 'limit'],
    ])('rejects ?%s naming the parameter', async (query, parameter) => {
      const res = await get(`/api/streets?${query}`);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: 'Bad Request', message: expect.stringContaining(`"${parameter}"`) });
    });

    it('replies 404 for a grid no one has', async () => {
      const res = await get('/api/streets?grid=620724105201999');
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ error: 'Not Found', message: 'no grid with code 620724105201999' });
    });
  });
});
