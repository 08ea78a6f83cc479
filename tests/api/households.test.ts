import { describe, expect, it } from 'vitest';
import { sqlRaw } from '../../server/src/db/sqlQuery.js';
import { maskName } from '../../server/src/domain/personalData.js';
import { HouseholdCollection } from '../../server/src/contract/households.js';
import { backends } from '../support/testDatabases.js';
import { seededApp } from '../support/seededApp.js';
import { rfc7946Problems } from '../support/rfc7946.js';
import { replySchemaErrors } from '../support/replySchema.js';
import { leakedValues } from '../support/leakedValues.js';
import { positionErrorDegrees } from '../support/positionError.js';

interface HouseholdReply {
  type: 'FeatureCollection';
  truncated: boolean;
  features: {
    id: number;
    geometry: { type: 'Point'; coordinates: [number, number] };
    properties: {
      id: number;
      houseNo: string;
      size: number;
      headName: string | null;
      linked: boolean;
      groupCode: string;
    };
  }[];
}

describe.each(backends)('%s', (kind) => {
  const seeded = seededApp(kind);
  const { get } = seeded;

  async function busiest(column: 'town_code' | 'group_code'): Promise<string> {
    const rows = await seeded.db.sql<{ code: string }>`
      SELECT ${sqlRaw(column)} AS code FROM households GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`;
    return rows[0]!.code;
  }

  describe('GET /api/households', () => {
    it('lists every household of a group with its masked head name, size, link and position', async () => {
      const group = await busiest('group_code');
      const res = await get(`/api/households?grid=${group}`);
      expect(res.statusCode).toBe(200);
      const reply = res.json<HouseholdReply>();
      const rows = await seeded.db.sql<{
        id: number;
        house_no: string;
        size: number;
        head_name: string | null;
        linked: boolean;
        lon: string;
        lat: string;
      }>`
        SELECT h.id, h.house_no, h.size, p.head_name, EXISTS (SELECT 1 FROM household_links l WHERE l.household_id = h.id) AS linked,
          round(ST_X(h.geom)::numeric, 6)::text AS lon, round(ST_Y(h.geom)::numeric, 6)::text AS lat
        FROM households h LEFT JOIN household_private p ON p.household_id = h.id
        WHERE h.group_code = ${group} ORDER BY h.id`;
      expect(rows.length).toBeGreaterThan(0);
      expect(reply.truncated).toBe(false);
      expect(reply.features.map((f) => ({ featureId: f.id, ...f.properties }))).toEqual(
        rows.map((row) => ({
          featureId: row.id,
          id: row.id,
          houseNo: row.house_no,
          size: row.size,
          headName: row.head_name === null ? null : maskName(row.head_name),
          linked: row.linked,
          groupCode: group,
        })),
      );
      expect(
        positionErrorDegrees(
          reply.features.map((f) => f.geometry.coordinates),
          rows,
        ),
      ).toBeLessThanOrEqual(1.01e-6);
    });

    it('replies with valid RFC 7946 GeoJSON matching the documented schema', async () => {
      const reply = (await get(`/api/households?grid=${await busiest('group_code')}`)).json<HouseholdReply>();
      expect(rfc7946Problems(reply)).toEqual([]);
      expect(replySchemaErrors(HouseholdCollection, reply)).toEqual([]);
    });

    it('shows no head name, phone or ID number of any household in a whole town', async () => {
      const town = await busiest('town_code');
      const res = await get(`/api/households?grid=${town}&limit=50000`);
      expect(res.statusCode).toBe(200);
      const reply = res.json<HouseholdReply>();
      const personal = await seeded.db.sql<{ head_name: string; phone: string | null; id_number: string | null }>`
        SELECT p.head_name, p.phone, p.id_number FROM household_private p
        JOIN households h ON h.id = p.household_id WHERE h.town_code = ${town}`;
      expect(personal.length).toBe(reply.features.length);
      // Every name has at least two characters, so a masked reply can never contain a full one.
      expect(personal.every((row) => Array.from(row.head_name).length >= 2)).toBe(true);
      const values = personal.flatMap((row) => [row.head_name, row.phone, row.id_number]);
      expect(leakedValues(res.body, values)).toEqual([]);
      expect(res.body).not.toMatch(/phone|idNumber|id_number/i);
    });

    it('keeps the first households by id up to limit and says it truncated', async () => {
      const town = await busiest('town_code');
      const reply = (await get(`/api/households?grid=${town}&limit=7`)).json<HouseholdReply>();
      const rows = await seeded.db.sql<{
        id: number;
      }>`SELECT id FROM households WHERE town_code = ${town} ORDER BY id LIMIT 7`;
      expect(reply.truncated).toBe(true);
      expect(reply.features.map((f) => f.id)).toEqual(rows.map((row) => row.id));
    });

    it('does not say truncated when the limit equals the count', async () => {
      const group = await busiest('group_code');
      const [count] = await seeded.db.sql<{
        n: number;
      }>`SELECT count(*) AS n FROM households WHERE group_code = ${group}`;
      const reply = (await get(`/api/households?grid=${group}&limit=${count!.n}`)).json<HouseholdReply>();
      expect(reply.truncated).toBe(false);
      expect(reply.features).toHaveLength(count!.n);
    });

    it('lists the whole county for 620724 up to 50,000 households', async () => {
      const started = performance.now();
      const res = await get('/api/households?grid=620724&limit=50000');
      const elapsedMs = performance.now() - started;
      const reply = res.json<HouseholdReply>();
      const [count] = await seeded.db.sql<{ n: number }>`SELECT count(*) AS n FROM households`;
      expect(reply.features).toHaveLength(Math.min(count!.n, 50_000));
      expect(reply.truncated).toBe(count!.n > 50_000);
      console.log(
        `[households] ${kind}: ${reply.features.length} county households, ${(res.body.length / 1e6).toFixed(1)} MB in ${elapsedMs.toFixed(0)} ms`,
      );
    });

    it('uses the default limit of 5,000 when none is given', async () => {
      const reply = (await get('/api/households?grid=620724')).json<HouseholdReply>();
      const [count] = await seeded.db.sql<{ n: number }>`SELECT count(*) AS n FROM households`;
      expect(reply.features).toHaveLength(Math.min(count!.n, 5_000));
      expect(reply.truncated).toBe(count!.n > 5_000);
    });

    it.each([
      ['', 'grid'],
      ['grid=6207241', 'grid'],
      ['grid=620724&limit=0', 'limit'],
      ['grid=620724&limit=50001', 'limit'],
      ['grid=620724&limit=ten', 'limit'],
    ])('rejects ?%s naming the parameter', async (query, parameter) => {
      const res = await get(`/api/households?${query}`);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: 'Bad Request', message: expect.stringContaining(`"${parameter}"`) });
    });

    it('replies 404 for a grid no one has', async () => {
      const res = await get('/api/households?grid=620724105999');
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ error: 'Not Found', message: 'no grid with code 620724105999' });
    });
  });
});
