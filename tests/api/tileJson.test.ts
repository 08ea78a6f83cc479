import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { validateStyleMin, type StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { buildApp } from '../../server/src/app.js';
import type { Database } from '../../server/src/db/database.js';
import { TILE_SETS, tileLayersAt, type TileCoord, type TileSet } from '../../server/src/tiles/tileLayers.js';
import { backends, testDatabase } from '../support/testDatabases.js';
import { seededApp } from '../support/seededApp.js';
import { decodeTile } from '../unit/tiles/decodeTile.js';

/**
 * TileJSON and the style (issue #16 part 3): each vector tile set's TileJSON 3.0.0 document with
 * absolute URLs on the host the client used (the forwarded host only from a trusted proxy), its
 * tile URL returning tiles with the advertised layers and fields, and a MapLibre style of the
 * server's own sources that maplibre-gl-style-spec accepts — all behind a session or a token.
 */

interface TileJsonDocument {
  tilejson: string;
  tiles: string[];
  minzoom: number;
  maxzoom: number;
  scheme?: string;
  vector_layers: { id: string; fields: Record<string, string>; minzoom: number; maxzoom: number }[];
}

function tileAt(lon: number, lat: number, z: number): TileCoord {
  const n = 2 ** z;
  const φ = (lat * Math.PI) / 180;
  return {
    z,
    x: Math.floor(((lon + 180) / 360) * n),
    y: Math.floor(((1 - Math.log(Math.tan(φ) + 1 / Math.cos(φ)) / Math.PI) / 2) * n),
  };
}

/** The request path of an absolute URL from a document, for `inject`. */
const pathOf = (url: string) => {
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
};

const fill = (template: string, { z, x, y }: TileCoord) =>
  template.replace('{z}', String(z)).replace('{x}', String(x)).replace('{y}', String(y));

const kindOf = (value: unknown) =>
  typeof value === 'number' ? 'Number' : typeof value === 'boolean' ? 'Boolean' : 'String';

describe.each(backends)('%s', (kind) => {
  const seeded = seededApp(kind);
  let db: Database;
  let proxied: FastifyInstance;
  /** Points where each set has features: a street's middle and the busiest household spot. */
  let places: Record<TileSet, { lon: number; lat: number }>;

  beforeAll(async () => {
    db = await testDatabase(kind);
    const [street] = await db.sql<{ lon: number; lat: number }>`
      SELECT ST_X(ST_LineInterpolatePoint(geom, 0.5)) AS lon, ST_Y(ST_LineInterpolatePoint(geom, 0.5)) AS lat
      FROM streets ORDER BY id LIMIT 1`;
    const [household] = await db.sql<{ lon: number; lat: number }>`
      SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat FROM households ORDER BY id LIMIT 1`;
    places = { grids: household!, streets: street!, households: household! };
    proxied = await buildApp({ db, trustProxy: ['127.0.0.1'] });
  });

  afterAll(async () => {
    await proxied?.close();
  });

  const tileJsonOf = async (set: string, options: Partial<InjectOptions> = {}) => {
    const reply = await seeded.inject({ method: 'GET', url: `/tiles/${set}.json`, ...options });
    expect(reply.statusCode, reply.body).toBe(200);
    return reply.json<TileJsonDocument>();
  };

  it.each(TILE_SETS)('serves the TileJSON 3.0.0 of %s with every layer its tiles carry', async (set) => {
    const document = await tileJsonOf(set);
    expect(document.tilejson).toBe('3.0.0');
    expect(document.scheme ?? 'xyz').toBe('xyz');
    expect(document.tiles).toEqual([`http://localhost:80/tiles/${set}/{z}/{x}/{y}.mvt`]);
    expect(document.minzoom).toBeGreaterThanOrEqual(0);
    expect(document.maxzoom).toBeGreaterThanOrEqual(document.minzoom);
    expect(document.maxzoom).toBeLessThanOrEqual(30);
    const carried = new Set<string>();
    for (let z = document.minzoom; z <= document.maxzoom; z++)
      for (const layer of tileLayersAt(set, z)) carried.add(layer);
    expect(document.vector_layers.map((layer) => layer.id).sort()).toEqual([...carried].sort());
    for (const layer of document.vector_layers) {
      expect(Object.keys(layer.fields).length).toBeGreaterThan(0);
      for (const z of [layer.minzoom, layer.maxzoom]) expect(tileLayersAt(set, z)).toContain(layer.id);
      if (layer.minzoom > document.minzoom) expect(tileLayersAt(set, layer.minzoom - 1)).not.toContain(layer.id);
    }
  });

  it.each(TILE_SETS)('answers the tile URL of %s with tiles of the advertised layers and fields', async (set) => {
    const document = await tileJsonOf(set);
    const seen = new Set<string>();
    for (const advertised of document.vector_layers) {
      const z = Math.max(advertised.minzoom, Math.min(advertised.maxzoom, 13));
      const tile = tileAt(places[set].lon, places[set].lat, z);
      const reply = await seeded.get(pathOf(fill(document.tiles[0]!, tile)));
      expect(reply.statusCode, `${set} ${z}: ${reply.body.slice(0, 200)}`).toBe(200);
      for (const [name, layer] of Object.entries(decodeTile(reply.rawPayload))) {
        const declared = document.vector_layers.find((l) => l.id === name);
        expect(declared, `layer ${name} in a ${set} tile`).toBeDefined();
        for (const feature of layer.features) {
          for (const [field, value] of Object.entries(feature.properties)) {
            expect(declared!.fields[field], `${name}.${field}`).toBe(kindOf(value));
          }
        }
        if (layer.features.length > 0) seen.add(name);
      }
    }
    // Every layer has features where its set has data; the county demo has no prefecture grid.
    const expected = document.vector_layers.map((l) => l.id).filter((id) => id !== 'prefecture');
    expect([...seen].sort()).toEqual(expect.arrayContaining(expected));
  });

  it('builds URLs on the Host the client used', async () => {
    const document = await tileJsonOf('grids', { headers: { host: 'gis.county.gov.cn:8443' } });
    expect(document.tiles[0]).toBe('http://gis.county.gov.cn:8443/tiles/grids/{z}/{x}/{y}.mvt');
  });

  it('believes X-Forwarded-Host and -Proto only from a trusted proxy', async () => {
    const forwarded = { 'x-forwarded-host': 'gis.example.cn', 'x-forwarded-proto': 'https' };
    const untrusted = await tileJsonOf('grids', { headers: forwarded });
    expect(untrusted.tiles[0]).toMatch(/^http:\/\/localhost:80\//);
    const session = await seeded.sessionOf('admin');
    const reply = await proxied.inject({
      url: '/tiles/grids.json',
      headers: forwarded,
      cookies: { gridmap_session: session.cookie },
    });
    // The same database: the session is valid on this second app too.
    expect(reply.statusCode, reply.body).toBe(200);
    expect(reply.json<TileJsonDocument>().tiles[0]).toBe('https://gis.example.cn/tiles/grids/{z}/{x}/{y}.mvt');
  });

  it('serves a MapLibre style of its own sources that the style spec accepts', async () => {
    const reply = await seeded.get('/style.json', 'planner');
    expect(reply.statusCode, reply.body).toBe(200);
    const style = reply.json<StyleSpecification>();
    expect(validateStyleMin(style)).toEqual([]);
    const urls: string[] = [];
    for (const source of Object.values(style.sources)) {
      if ('url' in source && source.url) urls.push(source.url);
      if ('data' in source && typeof source.data === 'string') urls.push(source.data);
    }
    expect(urls.length).toBe(TILE_SETS.length + 1);
    for (const url of urls) {
      expect(url.startsWith('http://localhost:80/'), url).toBe(true);
      const fetched = await seeded.get(pathOf(url), 'planner');
      expect(fetched.statusCode, url).toBe(200);
    }
    const layers = style.layers.filter((layer) => 'source-layer' in layer);
    for (const layer of layers) {
      const source = style.sources[(layer as { source: string }).source] as { url: string };
      const document = (await seeded.get(pathOf(source.url), 'planner')).json<TileJsonDocument>();
      expect(document.vector_layers.map((l) => l.id)).toContain((layer as { 'source-layer': string })['source-layer']);
    }
    expect(JSON.stringify(style)).not.toMatch(/https?:\/\/(?!localhost:80\/)/);
  });

  it('is authorised like the tiles: a token works, nothing without one, and an unknown set is 404', async () => {
    expect((await seeded.inject({ method: 'GET', url: '/tiles/grids.json' }, null)).statusCode).toBe(401);
    expect((await seeded.inject({ method: 'GET', url: '/style.json' }, null)).statusCode).toBe(401);
    const made = await seeded.inject({
      method: 'POST',
      url: '/api/tokens',
      payload: { name: 'tilejson test', expiresInDays: 1 },
    });
    expect(made.statusCode, made.body).toBe(201);
    const authorization = `Bearer ${made.json<{ token: string }>().token}`;
    const document = await seeded.app.inject({ url: '/tiles/households.json', headers: { authorization } });
    expect(document.statusCode).toBe(200);
    const tile = tileAt(places.households.lon, places.households.lat, 13);
    const fetched = await seeded.app.inject({
      url: pathOf(fill(document.json<TileJsonDocument>().tiles[0]!, tile)),
      headers: { authorization },
    });
    expect(fetched.statusCode).toBe(200);
    expect(Object.keys(decodeTile(fetched.rawPayload))).toEqual(['households']);
    expect((await seeded.app.inject({ url: '/style.json', headers: { authorization } })).statusCode).toBe(200);
    const unknown = await seeded.get('/tiles/roads.json');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toMatch(/grids, streets, households/);
    expect((await seeded.get('/tiles/grids.json', null)).statusCode).toBe(401);
  });

  it('refuses a Host that is no host name rather than writing it into a URL', async () => {
    const reply = await seeded.inject({ method: 'GET', url: '/style.json', headers: { host: 'evil.example/"><x' } });
    expect(reply.statusCode).toBe(400);
  });
});
