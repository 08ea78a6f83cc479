import { describe, expect, it } from 'vitest';
import { CameraCollection } from '../../server/src/contract/cameras.js';
import { backends } from '../support/testDatabases.js';
import { seededApp } from '../support/seededApp.js';
import { rfc7946Problems } from '../support/rfc7946.js';
import { replySchemaErrors } from '../support/replySchema.js';
import { positionErrorDegrees } from '../support/positionError.js';

interface CameraReply {
  type: 'FeatureCollection';
  truncated: boolean;
  features: {
    id: string;
    geometry: { type: 'Point'; coordinates: [number, number] };
    properties: { id: string; name: string; site: string; status: string; lastSeen: string; groupCode: string };
  }[];
}

describe.each(backends)('%s', (kind) => {
  const seeded = seededApp(kind);
  const { get } = seeded;

  async function busiestTown(): Promise<string> {
    const rows = await seeded.db.sql<{ code: string }>`
      SELECT town_code AS code FROM cameras GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`;
    return rows[0]!.code;
  }

  describe('GET /api/cameras', () => {
    it('lists every camera of a town with its site, status and when it was last seen', async () => {
      const town = await busiestTown();
      const res = await get(`/api/cameras?grid=${town}`);
      expect(res.statusCode).toBe(200);
      const reply = res.json<CameraReply>();
      const rows = await seeded.db.sql<{
        id: string;
        name: string;
        site: string;
        status: string;
        last_seen: Date;
        group_code: string;
        lon: string;
        lat: string;
      }>`
        SELECT c.id, c.name, c.site, c.status, c.last_seen, c.group_code,
          round(ST_X(c.geom)::numeric, 6)::text AS lon, round(ST_Y(c.geom)::numeric, 6)::text AS lat
        FROM cameras c
        WHERE c.village_code IN (SELECT code FROM grids WHERE parent_code = ${town} AND valid_to IS NULL)
        ORDER BY c.id`;
      expect(rows.length).toBeGreaterThan(0);
      expect(reply.truncated).toBe(false);
      expect(reply.features.map((f) => ({ ...f.properties, featureId: f.id }))).toEqual(
        rows.map((row) => ({
          id: row.id,
          featureId: row.id,
          name: row.name,
          site: row.site,
          status: row.status,
          lastSeen: row.last_seen.toISOString(),
          groupCode: row.group_code,
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
      const reply = (await get('/api/cameras?grid=620724')).json<CameraReply>();
      expect(reply.features.length).toBeGreaterThan(0);
      expect(rfc7946Problems(reply)).toEqual([]);
      expect(replySchemaErrors(CameraCollection, reply)).toEqual([]);
    });

    it('reports offline cameras as offline, exactly those the database holds', async () => {
      // Another test file may switch a camera while this runs: the reply must lie between the
      // database's offline set just before and just after it.
      const offlineIds = async () =>
        new Set(
          (await seeded.db.sql<{ id: string }>`SELECT id FROM cameras WHERE status = 'offline'`).map((row) => row.id),
        );
      const before = await offlineIds();
      const reply = (await get('/api/cameras?grid=620724&limit=50000')).json<CameraReply>();
      const after = await offlineIds();
      const [count] = await seeded.db.sql<{ total: number }>`SELECT count(*) AS total FROM cameras`;
      expect(reply.features).toHaveLength(count!.total);
      const replied = new Set(reply.features.filter((f) => f.properties.status === 'offline').map((f) => f.id));
      expect(replied.size).toBeGreaterThan(0);
      for (const id of before) if (after.has(id)) expect(replied).toContain(id);
      for (const id of replied) expect(before.has(id) || after.has(id)).toBe(true);
    });

    it.each([
      ['', 'grid'],
      ['grid=abcdef', 'grid'],
      ['grid=620724&limit=0', 'limit'],
    ])('rejects ?%s naming the parameter', async (query, parameter) => {
      const res = await get(`/api/cameras?${query}`);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: 'Bad Request', message: expect.stringContaining(`"${parameter}"`) });
    });

    it('replies 404 for a grid no one has', async () => {
      const res = await get('/api/cameras?grid=620724999000');
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ error: 'Not Found', message: 'no grid with code 620724999000' });
    });
  });
});
