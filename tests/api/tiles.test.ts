import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../server/src/db/database.js';
import { backends, testDatabase } from '../support/testDatabases.js';
import { seededApp } from '../support/seededApp.js';
import { postgisTileRenderer } from '../../server/src/repos/tiles/postgisTileRenderer.js';
import { javascriptTileRenderer } from '../../server/src/repos/tiles/javascriptTileRenderer.js';
import type { TileCoord, TileSet } from '../../server/src/tiles/tileLayers.js';
import { decodeTile, tileSummary } from '../unit/tiles/decodeTile.js';

/** Gaotai's county seat area (城关镇): the label point of the county polygon. */
const seat = { lon: 99.8181, lat: 39.377645 };

function tileAt(lon: number, lat: number, z: number): TileCoord {
  const n = 2 ** z;
  const φ = (lat * Math.PI) / 180;
  return {
    z,
    x: Math.floor(((lon + 180) / 360) * n),
    y: Math.floor(((1 - Math.log(Math.tan(φ) + 1 / Math.cos(φ)) / Math.PI) / 2) * n),
  };
}

/** The tile at zoom z holding the most households (slippy-map tile index computed in SQL). */
async function busiestHouseholdTile(db: Database, z: number): Promise<TileCoord & { households: number }> {
  const rows = await db.sql<{ x: number; y: number; households: number }>`
    SELECT floor((ST_X(geom) + 180) / 360 * ${2 ** z}::float8)::int AS x,
           floor((1 - ln(tan(radians(ST_Y(geom))) + 1 / cos(radians(ST_Y(geom)))) / pi()) / 2 * ${2 ** z}::float8)::int AS y,
           count(*)::int AS households
    FROM households GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT 1`;
  const row = rows[0];
  if (!row) throw new Error('the seeded county has no households');
  return { z, ...row };
}

/** Households and their people inside a tile, by an independent query (ST_TileEnvelope in Web Mercator). */
async function householdsInTile(db: Database, { z, x, y }: TileCoord) {
  const rows = await db.sql<{ households: number; population: number }>`
    SELECT count(*)::int AS households, COALESCE(sum(size), 0)::int AS population FROM households
    WHERE ST_Intersects(ST_Transform(geom, 3857), ST_TileEnvelope(${z}::int, ${x}::int, ${y}::int))`;
  return rows[0]!;
}

/** A tile at zoom z through the middle of the first street. */
async function streetTile(db: Database, z: number): Promise<TileCoord> {
  const rows = await db.sql<{ lon: number; lat: number }>`
    SELECT ST_X(ST_LineInterpolatePoint(geom, 0.5)) AS lon, ST_Y(ST_LineInterpolatePoint(geom, 0.5)) AS lat
    FROM streets ORDER BY id LIMIT 1`;
  if (!rows[0]) throw new Error('the seeded county has no streets');
  return tileAt(rows[0].lon, rows[0].lat, z);
}

const url = (set: string, { z, x, y }: TileCoord) => `/tiles/${set}/${z}/${x}/${y}.mvt`;

describe.each(backends)('%s', (kind) => {
  const seeded = seededApp(kind);
  let db: Database;
  let app: FastifyInstance;

  beforeAll(async () => {
    db = seeded.db;
    app = seeded.app;
  });

  async function getTile(set: string, tile: TileCoord) {
    const reply = await seeded.inject({ method: 'GET', url: url(set, tile) });
    return { reply, bytes: new Uint8Array(reply.rawPayload) };
  }

  describe('GET /tiles/grids/{z}/{x}/{y}.mvt', () => {
    it('serves an MVT with county, town and village layers at zoom 10, cacheable as a base layer', async () => {
      const { reply, bytes } = await getTile('grids', tileAt(seat.lon, seat.lat, 10));
      expect(reply.statusCode).toBe(200);
      expect(reply.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
      expect(reply.headers['cache-control']).toMatch(/private, max-age=\d+/);
      const layers = decodeTile(bytes);
      expect(Object.keys(layers)).toEqual(expect.arrayContaining(['county', 'town', 'village']));
      expect(layers.group).toBeUndefined();
      expect(layers.county?.features.map((f) => f.properties)).toEqual([
        { code: '620724000000', name: '高台县', level: 'county' },
      ]);
      for (const feature of layers.village!.features) {
        expect(feature.type).toBe(3);
        expect(Object.keys(feature.properties).sort()).toEqual(['code', 'level', 'name', 'parentCode']);
        expect(feature.properties.parentCode).toMatch(/^620724\d{3}000$/);
      }
    });

    it('adds villager groups and label points from zoom 11, each label inside the tile', async () => {
      const { bytes } = await getTile('grids', tileAt(seat.lon, seat.lat, 12));
      const layers = decodeTile(bytes);
      expect(layers.group?.features.length).toBeGreaterThan(0);
      expect(layers.group!.features.every((f) => /^\d{15}$/.test(String(f.properties.code)))).toBe(true);
      const labels = layers.grid_labels!.features;
      expect(labels.length).toBeGreaterThan(0);
      for (const label of labels) {
        expect(label.type).toBe(1);
        const [[p]] = label.geometry as [[{ x: number; y: number }]];
        expect(p.x).toBeGreaterThanOrEqual(0);
        expect(p.x).toBeLessThanOrEqual(4096);
      }
    });

    it('answers 204 with the same caching for a tile with no grids', async () => {
      const { reply, bytes } = await getTile('grids', { z: 10, x: 0, y: 0 });
      expect(reply.statusCode).toBe(204);
      expect(bytes.byteLength).toBe(0);
      expect(reply.headers['cache-control']).toMatch(/private, max-age=\d+/);
    });
  });

  describe('GET /tiles/streets/{z}/{x}/{y}.mvt', () => {
    it('carries street lines with id, name and groupCode only — never the street chief', async () => {
      const { reply, bytes } = await getTile('streets', await streetTile(db, 14));
      expect(reply.statusCode).toBe(200);
      const streets = decodeTile(bytes).streets!.features;
      expect(streets.length).toBeGreaterThan(0);
      for (const street of streets) {
        expect(street.type).toBe(2);
        expect(Object.keys(street.properties).sort()).toEqual(['groupCode', 'id', 'name']);
        expect(street.id).toBe(street.properties.id);
      }
    });

    it('is empty (204) below zoom 12', async () => {
      const { reply } = await getTile('streets', await streetTile(db, 11));
      expect(reply.statusCode).toBe(204);
    });
  });

  describe('GET /tiles/households/{z}/{x}/{y}.mvt', () => {
    it('shows every household of the busiest z14 tile as a point with id, size and groupCode — no names', async () => {
      const tile = await busiestHouseholdTile(db, 14);
      const { bytes } = await getTile('households', tile);
      const points = decodeTile(bytes).households!.features;
      expect(points.length).toBe((await householdsInTile(db, tile)).households);
      for (const point of points) {
        expect(Object.keys(point.properties).sort()).toEqual(['groupCode', 'id', 'size']);
      }
    });

    it('keeps the busiest z13 tile of individual points under 500 KB', async () => {
      const tile = await busiestHouseholdTile(db, 13);
      const { bytes } = await getTile('households', tile);
      expect(decodeTile(bytes).households!.features.length).toBe(tile.households);
      expect(bytes.byteLength).toBeLessThan(500 * 1024);
    });

    it('aggregates households into cells at zoom 12 whose counts and population add up to the tile', async () => {
      const tile = await busiestHouseholdTile(db, 12);
      const { bytes } = await getTile('households', tile);
      const layers = decodeTile(bytes);
      expect(layers.households).toBeUndefined();
      const cells = layers.household_cells!.features;
      const expected = await householdsInTile(db, tile);
      expect(cells.reduce((sum, c) => sum + Number(c.properties.count), 0)).toBe(expected.households);
      expect(cells.reduce((sum, c) => sum + Number(c.properties.population), 0)).toBe(expected.population);
      expect(cells.length).toBeLessThan(expected.households);
      expect(bytes.byteLength).toBeLessThan(500 * 1024);
    });

    it('puts the whole county into a few cells of one tile at zoom 5', async () => {
      const total = (await db.sql<{ n: number }>`SELECT count(*)::int AS n FROM households`)[0]!.n;
      const { bytes } = await getTile('households', tileAt(seat.lon, seat.lat, 5));
      const cells = decodeTile(bytes).household_cells!.features;
      expect(cells.reduce((sum, c) => sum + Number(c.properties.count), 0)).toBe(total);
      expect(bytes.byteLength).toBeLessThan(2048);
    });
  });

  describe('GET /tiles/{layer}/{z}/{x}/{y}.mvt parameters', () => {
    it('rejects a zoom above 22 naming z', async () => {
      const reply = await seeded.inject({ method: 'GET', url: '/tiles/grids/23/0/0.mvt' });
      expect(reply.statusCode).toBe(400);
      expect(reply.json().message).toMatch(/"z"/);
    });

    it('rejects an x outside the zoom level naming x and its range', async () => {
      const reply = await seeded.inject({ method: 'GET', url: '/tiles/grids/10/1024/0.mvt' });
      expect(reply.statusCode).toBe(400);
      expect(reply.json()).toEqual({
        error: 'Bad Request',
        message: 'params parameter "x" must be an integer from 0 to 1023 at zoom 10',
      });
    });

    it('rejects a y that is not a number naming y', async () => {
      const reply = await seeded.inject({ method: 'GET', url: '/tiles/grids/10/0/north.mvt' });
      expect(reply.statusCode).toBe(400);
      expect(reply.json().message).toMatch(/"y"/);
    });

    it('answers 404 naming an unknown layer', async () => {
      const reply = await seeded.inject({ method: 'GET', url: '/tiles/cameras/10/0/0.mvt' });
      expect(reply.statusCode).toBe(404);
      expect(reply.json().message).toMatch(/"cameras"/);
    });
  });

  describe('tile cache', () => {
    it('serves a repeated tile from the cache and skips the cache when the request says no-cache', async () => {
      const tile = tileAt(seat.lon, seat.lat, 9);
      const first = await seeded.inject({ method: 'GET', url: url('grids', tile) });
      const second = await seeded.inject({ method: 'GET', url: url('grids', tile) });
      const fresh = await seeded.inject({
        method: 'GET',
        url: url('grids', tile),
        headers: { 'cache-control': 'no-cache' },
      });
      expect([first.headers['x-tile-cache'], second.headers['x-tile-cache'], fresh.headers['x-tile-cache']]).toEqual([
        'miss',
        'hit',
        'bypass',
      ]);
      expect(Buffer.compare(second.rawPayload, first.rawPayload)).toBe(0);
      expect(Buffer.compare(fresh.rawPayload, first.rawPayload)).toBe(0);
    });

    it('renders again after invalidate', async () => {
      const tile = tileAt(seat.lon, seat.lat, 7);
      await seeded.inject({ method: 'GET', url: url('grids', tile) });
      app.tileCache.invalidate();
      const after = await seeded.inject({ method: 'GET', url: url('grids', tile) });
      expect(after.headers['x-tile-cache']).toBe('miss');
    });
  });

  describe('the same features from both renderers', () => {
    // On PostgreSQL both renderers run on the same data. The embedded database has no ST_AsMVT, so
    // its JavaScript tiles are compared with ST_AsMVT tiles of the same seeded county on PostgreSQL
    // (the seed is deterministic; this assumes no test moves grids, streets or households there).
    const cases: [TileSet, number][] = [
      ['grids', 8],
      ['grids', 11],
      ['grids', 14],
      ['streets', 14],
      ['households', 12],
      ['households', 14],
    ];

    it.each(cases)('encodes the same %s features (ids, properties, counts) at zoom %i', async (set, z) => {
      const tile =
        set === 'households'
          ? await busiestHouseholdTile(db, z)
          : set === 'streets'
            ? await streetTile(db, z)
            : tileAt(seat.lon, seat.lat, z);
      const reference = postgisTileRenderer(await testDatabase('postgres'));
      const javascript = javascriptTileRenderer(db);
      const [expected, actual] = await Promise.all([reference.render(set, tile), javascript.render(set, tile)]);
      const expectedSummary = tileSummary(expected);
      expect(Object.keys(expectedSummary).length).toBeGreaterThan(0);
      expect(tileSummary(actual)).toEqual(expectedSummary);
    });
  });
});
