import { beforeAll, describe, expect, it } from 'vitest';
import type { FeatureCollection, MultiPolygon, Position } from 'geojson';
import { distance } from '@turf/turf';
import * as gcoordModule from 'gcoord';
import { backends } from '../support/testDatabases.js';
import { seededApp } from '../support/seededApp.js';
import { square } from '../fixtures/plans/sharedEdge.js';
import type { PlanGridCollection } from '../../server/src/contract/plan.js';

const gcoord = gcoordModule.default as unknown as typeof gcoordModule.default.default;

interface ImportReply {
  id: number;
  imported: number;
  rejected: { index: number; code?: string; reason: string }[];
}

/**
 * Importing plans from GeoJSON files on the shared seeded databases: an import only makes a draft
 * (its own tables), so other files see nothing of it.
 */
describe.each(backends)('%s', (kind) => {
  const seeded = seededApp(kind);
  let villages: string[] = [];

  beforeAll(async () => {
    const rows = await seeded.db.sql<{ code: string }>`
      SELECT parent_code AS code FROM grids WHERE level = 'group' AND valid_to IS NULL
      GROUP BY parent_code HAVING count(*) >= 3 ORDER BY parent_code DESC`;
    villages = rows.map((row) => row.code);
  });

  const importFile = (payload: unknown, as = 'planner') =>
    seeded.inject({ method: 'POST', url: '/api/plans/import', payload: payload as object }, as);

  /** The published groups of a village as a file, the way the export writes it. */
  async function exported(village: string): Promise<FeatureCollection<MultiPolygon, { code: string }>> {
    const created = await seeded.inject(
      { method: 'POST', url: '/api/plans', payload: { scope: village, name: 'to export' } },
      'planner',
    );
    const reply = await seeded.get(`/api/plans/${created.json<{ id: number }>().id}/export`, 'planner');
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['content-disposition']).toMatch(/attachment; filename="plan-\d+\.geojson"/);
    return reply.json();
  }

  it('imports a WGS84 file: every feature with a code replaces that grid; nothing rejected', async () => {
    const village = villages[0]!;
    const file = await exported(village);
    const reply = await importFile({ scope: village, name: 'reimport', geojson: file });
    expect(reply.statusCode, reply.body).toBe(201);
    const body = reply.json<ImportReply>();
    expect(body).toMatchObject({ imported: file.features.length, rejected: [] });
    const grids = (await seeded.get(`/api/plans/${body.id}/grids`, 'planner')).json<PlanGridCollection>();
    expect(grids.features.map((f) => f.properties.code).sort()).toEqual(
      file.features.map((f) => f.properties.code).sort(),
    );
    const validation = (await seeded.get(`/api/plans/${body.id}/validation`, 'planner')).json<{ ok: boolean }>();
    expect(validation.ok).toBe(true);
  });

  it('converts a GCJ-02 file to WGS84 (the same outline lands back where it was, hundreds of metres from the raw numbers)', async () => {
    const village = villages[1]!;
    const file = await exported(village);
    const toGcj = (position: Position) => gcoord.transform([position[0]!, position[1]!], gcoord.WGS84, gcoord.GCJ02);
    const gcjFile = structuredClone(file);
    for (const feature of gcjFile.features) {
      feature.geometry.coordinates = feature.geometry.coordinates.map((rings) => rings.map((ring) => ring.map(toGcj)));
    }
    const reply = await importFile({ scope: village, name: 'gcj', crs: 'GCJ-02', geojson: JSON.stringify(gcjFile) });
    expect(reply.statusCode, reply.body).toBe(201);
    const { id, imported } = reply.json<ImportReply>();
    expect(imported).toBe(file.features.length);
    const grids = (await seeded.get(`/api/plans/${id}/grids`, 'planner')).json<PlanGridCollection>();
    const original = file.features[0]!;
    const stored = grids.features.find((f) => f.properties.code === original.properties.code)!;
    const first = (stored.geometry as MultiPolygon).coordinates[0]![0]!;
    const wanted = original.geometry.coordinates[0]![0]!;
    const raw = gcjFile.features[0]!.geometry.coordinates[0]![0]!;
    const metres = (a: Position, b: Position) => distance(a, b, { units: 'kilometers' }) * 1000;
    const closest = Math.min(...first.map((p) => metres(p, wanted[0]!)));
    expect(closest).toBeLessThan(1);
    expect(metres(raw[0]!, wanted[0]!)).toBeGreaterThan(100);
    expect(metres(raw[0]!, wanted[0]!)).toBeLessThan(1000);
  });

  it('takes the file as multipart/form-data too', async () => {
    const village = villages[2]!;
    const file = await exported(village);
    const boundary = 'gridmapboundary';
    const part = (name: string, value: string, filename?: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"` : ''}\r\n\r\n${value}\r\n`;
    const body =
      part('scope', village) +
      part('name', 'multipart') +
      part('crs', 'WGS84') +
      part('file', JSON.stringify(file), 'plan.geojson') +
      `--${boundary}--\r\n`;
    const reply = await seeded.inject(
      {
        method: 'POST',
        url: '/api/plans/import',
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: body,
      },
      'planner',
    );
    expect(reply.statusCode, reply.body).toBe(201);
    expect(reply.json<ImportReply>().imported).toBe(file.features.length);
  });

  it('refuses each bad file class with what and where, storing nothing', async () => {
    const village = villages[3]!;
    const [inside] = await seeded.db.sql<{ point: { coordinates: Position } }>`
      SELECT ST_AsGeoJSON(ST_PointOnSurface(geom))::jsonb AS point FROM grids WHERE code = ${village} AND valid_to IS NULL`;
    const centre = inside!.point.coordinates;
    const plansBefore = Number(
      (await seeded.db.sql<{ n: number }>`SELECT count(*)::int AS n FROM plans WHERE scope_code = ${village}`)[0]!.n,
    );
    const send = (geojson: unknown, extra: object = {}) =>
      importFile({ scope: village, name: 'bad', geojson, ...extra });
    const feature = (geometry: unknown, properties: object = {}) => ({ type: 'Feature', properties, geometry });

    const notJson = await send('{"type": "FeatureCollection", ');
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json<{ message: string }>().message).toMatch(/not JSON/);
    const notCollection = await send({ type: 'Polygon', coordinates: [] });
    expect(notCollection.statusCode).toBe(400);
    expect(notCollection.json<{ message: string }>().message).toMatch(/not a GeoJSON FeatureCollection/);
    expect((await send({ type: 'FeatureCollection', features: [] })).statusCode).toBe(422);
    const projectedCrs = await send({
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3857' } },
      features: [feature(square(centre, 0.0002))],
    });
    expect(projectedCrs.statusCode).toBe(422);
    expect(projectedCrs.json<{ message: string }>().message).toMatch(/EPSG::3857/);
    const tooMany = await send({
      type: 'FeatureCollection',
      features: Array.from({ length: 5001 }, () => feature(square(centre, 0.0001))),
    });
    expect(tooMany.statusCode).toBe(413);
    const tooLarge = await send('x'.repeat(21 * 1024 * 1024));
    expect(tooLarge.statusCode).toBe(413);

    const [x, y] = centre as [number, number];
    const everyFeatureBad = await send({
      type: 'FeatureCollection',
      features: [
        feature({
          type: 'Polygon',
          coordinates: [
            [
              [500000, 4400000],
              [500100, 4400000],
              [500100, 4400100],
              [500000, 4400000],
            ],
          ],
        }),
        feature({
          type: 'Polygon',
          coordinates: [
            [
              [x, y],
              [x + 0.001, y + 0.001],
              [x + 0.001, y],
              [x, y + 0.001],
              [x, y],
            ],
          ],
        }),
        feature(square([x + 3, y], 0.001)),
        feature({
          type: 'LineString',
          coordinates: [
            [x, y],
            [x + 0.001, y],
          ],
        }),
        feature(square(centre, 0.0002), { code: '620724999999999' }),
        { type: 'Feature', properties: {} },
      ],
    });
    expect(everyFeatureBad.statusCode).toBe(422);
    const rejected = everyFeatureBad.json<{ rejected: { index: number; reason: string }[] }>().rejected;
    expect(rejected.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(rejected[0]!.reason).toMatch(/not longitude\/latitude/);
    expect(rejected[1]!.reason).toMatch(/not valid.*Self-intersection/);
    expect(rejected[2]!.reason).toMatch(/outside its parent/);
    expect(rejected[3]!.reason).toMatch(/Polygon or MultiPolygon/);
    expect(rejected[4]!.reason).toMatch(/not a grid of/);
    expect(rejected[5]!.reason).toMatch(/geometry is missing/);

    const plansAfter = Number(
      (await seeded.db.sql<{ n: number }>`SELECT count(*)::int AS n FROM plans WHERE scope_code = ${village}`)[0]!.n,
    );
    expect(plansAfter).toBe(plansBefore);

    // One good feature among bad ones: imported as a new group, the bad ones listed with reasons.
    const mixed = await send({
      type: 'FeatureCollection',
      features: [feature(square([x + 3, y], 0.001)), feature(square(centre, 0.0002), { name: '新组' })],
    });
    expect(mixed.statusCode, mixed.body).toBe(201);
    expect(mixed.json<ImportReply>()).toMatchObject({ imported: 1, rejected: [{ index: 0 }] });
  });
});
