import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../server/src/app.js';
import { backends } from '../support/testDatabases.js';
import { seededApp } from '../support/seededApp.js';
import { privateAccount } from '../support/privateAccount.js';
import { demoPassword } from '../../server/src/seed/demoAccounts.js';
import { sqlPart, sqlRaw } from '../../server/src/db/sqlQuery.js';
import { OGC_COLLECTION_IDS } from '../../server/src/domain/ogc/ogcCollections.js';
import { CRS84, EPSG_3857, EPSG_4326, EPSG_4490 } from '../../server/src/domain/ogc/ogcCrs.js';

/**
 * OGC API – Features at /ogc (issue #16 part 2) on both backends: the landing page, conformance,
 * every collection counted against the database, keyset paging, bbox and crs in each CRS,
 * Content-Crs, the same properties and masking as the REST lists, the viewer's scope, and what
 * each bad input gets.
 */

interface Link {
  href: string;
  rel: string;
  type: string;
}
interface Feature {
  id: string | number;
  geometry: { type: string; coordinates: unknown };
  properties: Record<string, unknown>;
}
interface Page {
  type: string;
  numberMatched: number;
  numberReturned: number;
  timeStamp: string;
  links: Link[];
  features: Feature[];
}

const enc = encodeURIComponent;
const pathOf = (href: string) => {
  const url = new URL(href);
  return url.pathname + url.search;
};
const firstPoint = (geometry: Feature['geometry']): number[] => {
  let c = geometry.coordinates as unknown;
  while (Array.isArray(c) && Array.isArray(c[0])) c = c[0];
  return c as number[];
};

describe.each(backends)('%s', (kind) => {
  const seeded = seededApp(kind);
  let county: string;
  let village: string;
  let otherVillage: string;

  /** A GET as `as` (a demo account, default the county administrator), JSON parsed when 200. */
  async function page(url: string, as: string | null = 'admin'): Promise<Page> {
    const reply = await seeded.get(url, as);
    expect(reply.statusCode, `${url}: ${reply.body.slice(0, 300)}`).toBe(200);
    return reply.json<Page>();
  }

  /** Every feature of a query, following `next` links; the counts of each page checked. */
  async function allPages(url: string, as = 'admin'): Promise<{ features: Feature[]; pages: number; matched: number }> {
    const features: Feature[] = [];
    let next: string | undefined = url;
    let pages = 0;
    let matched = -1;
    while (next) {
      const current = await page(next, as);
      if (matched === -1) matched = current.numberMatched;
      expect(current.numberMatched).toBe(matched);
      expect(current.numberReturned).toBe(current.features.length);
      features.push(...current.features);
      pages += 1;
      const link = current.links.find((l) => l.rel === 'next');
      next = link ? pathOf(link.href) : undefined;
    }
    return { features, pages, matched };
  }

  const count = async (query: Promise<{ n: number }[]>) => (await query)[0]!.n;

  beforeAll(async () => {
    const [admin] = await seeded.db.sql<{
      scope: string;
    }>`SELECT scope_code AS scope FROM accounts WHERE username = 'admin'`;
    county = admin!.scope;
    const villages = await seeded.db.sql<{ code: string }>`
      SELECT code FROM grids WHERE level = 'village' AND valid_to IS NULL AND code LIKE ${county.slice(0, 6) + '%'}
        AND EXISTS (SELECT 1 FROM households h WHERE h.village_code = grids.code)
        AND EXISTS (SELECT 1 FROM streets s WHERE s.village_code = grids.code AND s.chief_id IS NOT NULL)
      ORDER BY code LIMIT 2`;
    [village, otherVillage] = [villages[0]!.code, villages[1]!.code];
  });

  describe('landing page, conformance, API definition', () => {
    it('links the API, conformance and collections with absolute hrefs on the Host used', async () => {
      const reply = await seeded.inject({ method: 'GET', url: '/ogc', headers: { host: 'gis.example:8080' } });
      expect(reply.statusCode).toBe(200);
      expect(reply.headers['content-type']).toMatch(/^application\/json/);
      const landing = reply.json<{ title: string; links: Link[] }>();
      expect(landing.title).toMatch(/OGC API/);
      const rels = Object.fromEntries(landing.links.map((l) => [l.rel, l]));
      for (const rel of ['self', 'alternate', 'service-desc', 'conformance', 'data']) expect(rels[rel]).toBeDefined();
      for (const link of landing.links) expect(link.href).toMatch(/^http:\/\/gis\.example:8080\/ogc/);
      expect(rels['service-desc']!.type).toBe('application/vnd.oai.openapi+json;version=3.0');
      expect((await seeded.get('/ogc/')).statusCode).toBe(200);
    });

    it('declares core, oas30, html, geojson and crs', async () => {
      const { conformsTo } = (await seeded.get('/ogc/conformance')).json<{ conformsTo: string[] }>();
      expect(conformsTo.sort()).toEqual(
        [
          'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
          'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
          'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html',
          'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
          'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
        ].sort(),
      );
    });

    it('serves an OpenAPI 3.0 document of every OGC path with the limit fragment of the standard', async () => {
      const reply = await seeded.get('/ogc/api');
      expect(reply.headers['content-type']).toMatch(/^application\/vnd\.oai\.openapi\+json; ?version="?3\.0/);
      const doc = reply.json<{
        openapi: string;
        paths: Record<string, { get: { parameters?: { name: string; schema: object }[] } }>;
      }>();
      expect(doc.openapi).toMatch(/^3\.0\./);
      expect(Object.keys(doc.paths).sort()).toEqual(
        [
          '/',
          '/api',
          '/collections',
          '/collections/{collectionId}',
          '/collections/{collectionId}/items',
          '/collections/{collectionId}/items/{featureId}',
          '/conformance',
        ].sort(),
      );
      const limit = doc.paths['/collections/{collectionId}/items']!.get.parameters!.find((p) => p.name === 'limit');
      expect(limit!.schema).toEqual({ type: 'integer', minimum: 1, maximum: 10000, default: 10 });
    });

    it.each([
      '/ogc',
      '/ogc/conformance',
      '/ogc/api',
      '/ogc/collections',
      '/ogc/collections/villages',
      '/ogc/collections/villages/items',
    ])('answers %s with a plain HTML page for f=html and for a browser’s Accept, loading nothing', async (url) => {
      const byF = await seeded.get(`${url}?f=html`);
      const browser = await seeded.inject({
        method: 'GET',
        url,
        headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' },
      });
      for (const reply of [byF, browser]) {
        expect(reply.statusCode).toBe(200);
        expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
        expect(reply.body).toMatch(/^<!DOCTYPE html>/);
        expect(reply.body).not.toMatch(/<script|<link|<img|style=/i);
      }
      expect(byF.body).toMatch(/<a href="http:\/\/localhost\/ogc/);
    });
  });

  describe('collections', () => {
    it('lists the nine collections with Chinese titles, the CRS list, CRS84 storage and the scope’s extent', async () => {
      const doc = (await seeded.get('/ogc/collections')).json<{
        crs: string[];
        collections: {
          id: string;
          title: string;
          crs: string[];
          storageCrs: string;
          links: Link[];
          extent: { spatial: { bbox: number[][]; crs: string }; temporal?: { interval: unknown[][] } };
        }[];
      }>();
      expect(doc.collections.map((c) => c.id)).toEqual([...OGC_COLLECTION_IDS]);
      const [extent] = await seeded.db.sql<{ w: number; s: number; e: number; n: number }>`
        SELECT ST_XMin(geom) AS w, ST_YMin(geom) AS s, ST_XMax(geom) AS e, ST_YMax(geom) AS n
        FROM grids WHERE code = ${county} AND valid_to IS NULL`;
      for (const collection of doc.collections) {
        expect(collection.title).toMatch(/[\u4e00-\u9fff]/);
        expect(collection.crs).toEqual([CRS84, EPSG_4490, EPSG_4326, EPSG_3857]);
        expect(collection.storageCrs).toBe(CRS84);
        const [w, s, e, n] = collection.extent.spatial.bbox[0]!;
        expect([w, s, e, n].map((v) => v!.toFixed(5))).toEqual(
          [extent!.w, extent!.s, extent!.e, extent!.n].map((v) => v.toFixed(5)),
        );
        expect(
          collection.links
            .filter((l) => l.rel === 'items')
            .map((l) => l.type)
            .sort(),
        ).toEqual(['application/geo+json', 'text/html']);
      }
      const cases = doc.collections.find((c) => c.id === 'cases')!;
      const [first] = await seeded.db.sql<{ t: string }>`
        SELECT to_char(min(reported_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS t FROM cases
        WHERE status IN ('registered', 'accepted', 'mediating') AND town_code LIKE ${county.slice(0, 6) + '%'}`;
      expect(cases.extent.temporal!.interval[0]![0]).toBe(first!.t);
      expect(doc.collections.find((c) => c.id === 'households')!.extent.temporal).toBeUndefined();
    });

    it('describes one collection, and 404 for a collection that does not exist', async () => {
      const villages = (await seeded.get('/ogc/collections/villages')).json<{ id: string; title: string }>();
      expect(villages).toMatchObject({ id: 'villages', title: '村（社区）' });
      const missing = await seeded.get('/ogc/collections/roads');
      expect(missing.statusCode).toBe(404);
      expect(missing.json().message).toMatch(/roads/);
      expect((await seeded.get('/ogc/collections/roads/items')).statusCode).toBe(404);
      expect((await seeded.get('/ogc/collections/roads/items/1')).statusCode).toBe(404);
    });
  });

  describe('items', () => {
    it.each(OGC_COLLECTION_IDS)('counts %s exactly as the database holds them in the county', async (id) => {
      const prefix = county.slice(0, 6) + '%';
      const db = seeded.db.sql;
      const levels: Record<string, string> = {
        counties: 'county',
        towns: 'town',
        villages: 'village',
        groups: 'group',
      };
      const expected =
        id === 'prefectures'
          ? 0 // above the county administrator's scope
          : id in levels
            ? await count(
                db<{
                  n: number;
                }>`SELECT count(*)::int AS n FROM grids WHERE valid_to IS NULL AND level = ${levels[id]} AND code LIKE ${prefix}`,
              )
            : id === 'cases'
              ? await count(
                  db<{
                    n: number;
                  }>`SELECT count(*)::int AS n FROM cases WHERE town_code LIKE ${prefix} AND status IN ('registered', 'accepted', 'mediating')`,
                )
              : await count(
                  db.query<{ n: number }>(
                    sqlPart`SELECT count(*)::int AS n FROM ${sqlRaw(id)} WHERE town_code LIKE ${prefix}`,
                  ),
                );
      const first = await seeded.get(`/ogc/collections/${id}/items?limit=5`);
      expect(first.statusCode).toBe(200);
      expect(first.headers['content-type']).toMatch(/^application\/geo\+json/);
      expect(first.headers['content-crs']).toBe(`<${CRS84}>`);
      const body = first.json<Page>();
      expect(body.type).toBe('FeatureCollection');
      expect(body.numberMatched).toBe(expected);
      expect(body.numberReturned).toBe(Math.min(5, expected));
      expect(Number.isNaN(Date.parse(body.timeStamp))).toBe(false);
      expect(body.links.map((l) => l.rel)).toEqual(expect.arrayContaining(['self', 'alternate', 'collection']));
      expect(body.links.some((l) => l.rel === 'next')).toBe(expected > 5);
      if (expected > 0) {
        const one = body.features[0]!;
        const item = await seeded.get(`/ogc/collections/${id}/items/${one.id}`);
        expect(item.statusCode).toBe(200);
        expect(item.headers['content-crs']).toBe(`<${CRS84}>`);
        const feature = item.json<Feature & { links: Link[] }>();
        expect(feature.properties).toEqual(one.properties);
        expect(feature.links.map((l) => l.rel)).toEqual(expect.arrayContaining(['self', 'alternate', 'collection']));
      }
    });

    it('reads every village in pages of 50 by next links: each once, in code order, the count unchanged', async () => {
      const { features, pages, matched } = await allPages('/ogc/collections/villages/items?limit=50');
      const codes = await seeded.db.sql<{ code: string }>`
        SELECT code FROM grids WHERE level = 'village' AND valid_to IS NULL AND code LIKE ${county.slice(0, 6) + '%'} ORDER BY code`;
      expect(features.map((f) => f.id)).toEqual(codes.map((c) => c.code));
      expect(matched).toBe(codes.length);
      expect(pages).toBe(Math.ceil(codes.length / 50));
    });

    it('writes grid areas with a decimal, so GIS clients type them as real numbers (a county passes 2^31 m²)', async () => {
      const reply = await seeded.get('/ogc/collections/towns/items?limit=3');
      const areas = [...reply.body.matchAll(/"areaM2" ?: ?([0-9.]+)/g)].map((m) => m[1]!);
      expect(areas.length).toBe(3);
      for (const area of areas) expect(area).toMatch(/^\d+\.\d$/);
    });

    it('caps limit=20000 at 10,000 and keeps the cap in the next link', async () => {
      const body = await page('/ogc/collections/households/items?limit=20000');
      expect(body.numberMatched).toBeGreaterThan(10_000);
      expect(body.numberReturned).toBe(10_000);
      const next = new URL(body.links.find((l) => l.rel === 'next')!.href);
      expect(next.searchParams.get('limit')).toBe('10000');
      expect(next.searchParams.get('after')).toBe(String(body.features.at(-1)!.id));
    });

    it('selects the same households by a bbox in CRS84, EPSG:4490 (lat,lon), EPSG:4326 and EPSG:3857', async () => {
      const [box] = await seeded.db.sql<{
        w: number;
        s: number;
        e: number;
        n: number;
        x1: number;
        y1: number;
        x2: number;
        y2: number;
      }>`
        SELECT ST_XMin(b) AS w, ST_YMin(b) AS s, ST_XMax(b) AS e, ST_YMax(b) AS n,
          ST_XMin(m) AS x1, ST_YMin(m) AS y1, ST_XMax(m) AS x2, ST_YMax(m) AS y2
        FROM (SELECT ST_Envelope(geom) AS b, ST_Transform(ST_Envelope(geom), 3857) AS m
              FROM grids WHERE code = ${village} AND valid_to IS NULL) x`;
      const { w, s, e, n, x1, y1, x2, y2 } = box!;
      const expected = await seeded.db.sql<{ id: number }>`
        SELECT id FROM households WHERE ST_Intersects(geom, ST_MakeEnvelope(${w}::float8, ${s}::float8, ${e}::float8, ${n}::float8, 4326))
        ORDER BY id`;
      expect(expected.length).toBeGreaterThan(0);
      const ids = async (bbox: string, crs?: string) => {
        const url = `/ogc/collections/households/items?limit=10000&bbox=${bbox}${crs ? `&bbox-crs=${enc(crs)}` : ''}`;
        const body = await page(url);
        expect(body.numberMatched).toBe(body.numberReturned);
        return body.features.map((f) => f.id);
      };
      const want = expected.map((h) => h.id);
      expect(await ids(`${w},${s},${e},${n}`)).toEqual(want);
      expect(await ids(`${w},${s},${e},${n}`, CRS84)).toEqual(want);
      expect(await ids(`${s},${w},${n},${e}`, EPSG_4490)).toEqual(want);
      expect(await ids(`${s},${w},${n},${e}`, EPSG_4326)).toEqual(want);
      expect(await ids(`${x1},${y1},${x2},${y2}`, EPSG_3857)).toEqual(want);
    });

    it('writes coordinates lat,lon for EPSG:4490 and 4326, Web Mercator metres for 3857 as PostGIS does, with Content-Crs', async () => {
      const [camera] = await seeded.db.sql<{ id: string; lon: number; lat: number; x: number; y: number }>`
        SELECT id, ST_X(geom) AS lon, ST_Y(geom) AS lat, ST_X(ST_Transform(geom, 3857)) AS x, ST_Y(ST_Transform(geom, 3857)) AS y
        FROM cameras WHERE town_code LIKE ${county.slice(0, 6) + '%'} ORDER BY id LIMIT 1`;
      const read = async (crs: string) => {
        const reply = await seeded.get(`/ogc/collections/cameras/items/${camera!.id}?crs=${enc(crs)}`);
        expect(reply.statusCode).toBe(200);
        expect(reply.headers['content-crs']).toBe(`<${crs}>`);
        return reply.json<Feature>().geometry.coordinates as number[];
      };
      const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;
      expect(await read(CRS84)).toEqual([round(camera!.lon, 6), round(camera!.lat, 6)]);
      expect(await read(EPSG_4490)).toEqual([round(camera!.lat, 6), round(camera!.lon, 6)]);
      expect(await read(EPSG_4326)).toEqual([round(camera!.lat, 6), round(camera!.lon, 6)]);
      const [x, y] = await read(EPSG_3857);
      expect([x, y]).toEqual([round(camera!.x, 2), round(camera!.y, 2)]);
      // The spherical Mercator formula itself, as a check on the projection named.
      expect(x! / 6378137).toBeCloseTo((camera!.lon * Math.PI) / 180, 6);
      expect(y! / 6378137).toBeCloseTo(Math.log(Math.tan(Math.PI / 4 + (camera!.lat * Math.PI) / 360)), 6);

      const pageIn = await seeded.get(`/ogc/collections/villages/items?limit=1&crs=${enc(EPSG_4490)}`);
      expect(pageIn.headers['content-crs']).toBe(`<${EPSG_4490}>`);
      const crs84 = await page('/ogc/collections/villages/items?limit=1');
      const [lat, lon] = firstPoint(pageIn.json<Page>().features[0]!.geometry);
      expect([lon, lat]).toEqual(firstPoint(crs84.features[0]!.geometry));
    });

    it('filters cases by datetime on their report time, and grids by their valid period', async () => {
      const prefix = county.slice(0, 6) + '%';
      const [middle] = await seeded.db.sql<{ t: string }>`
        SELECT to_char(percentile_disc(0.5) WITHIN GROUP (ORDER BY reported_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS t
        FROM cases WHERE town_code LIKE ${prefix} AND status IN ('registered', 'accepted', 'mediating')`;
      const since = await count(seeded.db.sql<{ n: number }>`
        SELECT count(*)::int AS n FROM cases WHERE town_code LIKE ${prefix}
          AND status IN ('registered', 'accepted', 'mediating') AND reported_at >= ${new Date(middle!.t)}`);
      expect((await page(`/ogc/collections/cases/items?datetime=${middle!.t}/..`)).numberMatched).toBe(since);
      const before = await count(seeded.db.sql<{ n: number }>`
        SELECT count(*)::int AS n FROM cases WHERE town_code LIKE ${prefix}
          AND status IN ('registered', 'accepted', 'mediating') AND reported_at <= ${new Date(middle!.t)}`);
      expect((await page(`/ogc/collections/cases/items?datetime=../${middle!.t}`)).numberMatched).toBe(before);
      expect((await page('/ogc/collections/towns/items?datetime=1999-01-01T00:00:00Z')).numberMatched).toBe(0);
      const towns = (await page('/ogc/collections/towns/items')).numberMatched;
      expect((await page(`/ogc/collections/towns/items?datetime=${new Date().toISOString()}`)).numberMatched).toBe(
        towns,
      );
      // Households have no time: datetime is ignored.
      const households = (await page('/ogc/collections/households/items?limit=1')).numberMatched;
      expect((await page('/ogc/collections/households/items?limit=1&datetime=1999-01-01')).numberMatched).toBe(
        households,
      );
    });
  });

  describe('the same properties and masking as the REST API', () => {
    const byId = (features: Feature[]) => new Map(features.map((f) => [String(f.id), f]));

    it.each([
      ['households', 'village-', (v: string) => `/api/households?grid=${v}&limit=50000`],
      ['streets', 'village-', (v: string) => `/api/streets?grid=${v}&limit=50000`],
      ['cameras', 'village-', (v: string) => `/api/cameras?grid=${v}&limit=50000`],
      ['cases', 'village-', (v: string) => `/api/cases?grid=${v}&status=open&limit=50000`],
      ['households', 'wall', (v: string) => `/api/households?grid=${v}&limit=50000`],
      ['streets', 'wall', (v: string) => `/api/streets?grid=${v}&limit=50000`],
    ])('gives %s as GET /api for a %s account', async (id, who, rest) => {
      const as = who === 'village-' ? `village-${village}` : who;
      const restReply = await seeded.get(rest(village), as);
      expect(restReply.statusCode).toBe(200);
      const expected = byId(restReply.json<{ features: Feature[] }>().features);
      const scope = who === 'wall' ? `&bbox=${await villageBbox(village)}` : '';
      const ogc = await allPages(`/ogc/collections/${id}/items?limit=1000${scope}`, as);
      const inVillage = ogc.features.filter((f) => expected.has(String(f.id)) || who !== 'wall');
      expect(inVillage.length).toBe(expected.size);
      for (const feature of inVillage) {
        const want = expected.get(String(feature.id))!;
        expect(feature.properties, `${id} ${feature.id}`).toEqual(want.properties);
        expect(feature.geometry).toEqual(want.geometry);
      }
      if (id === 'households') {
        const names = inVillage.map((f) => f.properties.headName);
        if (who === 'wall') expect(names.every((name) => name === null)).toBe(true);
        else expect(names.every((name) => typeof name === 'string' && /^.\**$/u.test(name))).toBe(true);
      }
    });

    async function villageBbox(code: string): Promise<string> {
      const [b] = await seeded.db.sql<{ w: number; s: number; e: number; n: number }>`
        SELECT ST_XMin(geom) AS w, ST_YMin(geom) AS s, ST_XMax(geom) AS e, ST_YMax(geom) AS n FROM grids WHERE code = ${code} AND valid_to IS NULL`;
      return `${b!.w},${b!.s},${b!.e},${b!.n}`;
    }
  });

  describe('scope', () => {
    it('gives a village account only its village, its groups and what lies in them', async () => {
      const as = `village-${village}`;
      const villages = await page('/ogc/collections/villages/items', as);
      expect(villages.features.map((f) => f.id)).toEqual([village]);
      expect((await page('/ogc/collections/towns/items', as)).numberMatched).toBe(0);
      expect((await page('/ogc/collections/counties/items', as)).numberMatched).toBe(0);
      const groups = await page('/ogc/collections/groups/items?limit=1000', as);
      expect(groups.numberMatched).toBeGreaterThan(0);
      expect(groups.features.every((f) => String(f.id).startsWith(village))).toBe(true);
      const households = await allPages('/ogc/collections/households/items?limit=1000', as);
      const expected = await count(
        seeded.db.sql<{ n: number }>`SELECT count(*)::int AS n FROM households WHERE village_code = ${village}`,
      );
      expect(households.features.length).toBe(expected);
      expect(households.features.every((f) => String(f.properties.groupCode).startsWith(village))).toBe(true);
    });

    it('answers a bbox outside the scope with an empty collection, and a feature outside it with 404', async () => {
      const as = `village-${village}`;
      const [other] = await seeded.db.sql<{ w: number; s: number; e: number; n: number }>`
        SELECT ST_XMin(g) AS w, ST_YMin(g) AS s, ST_XMax(g) AS e, ST_YMax(g) AS n
        FROM (SELECT ST_Envelope(ST_Buffer(ST_PointOnSurface(geom), 0.0005)) AS g FROM grids
              WHERE code = ${otherVillage} AND valid_to IS NULL) x`;
      const bbox = `${other!.w},${other!.s},${other!.e},${other!.n}`;
      const inOther = await page(`/ogc/collections/households/items?bbox=${bbox}`, 'admin');
      const empty = await page(`/ogc/collections/households/items?bbox=${bbox}`, as);
      expect(empty.numberMatched).toBe(0);
      expect(empty.features).toEqual([]);
      expect((await page(`/ogc/collections/villages/items?bbox=${bbox}`, as)).features.map((f) => f.id)).not.toContain(
        otherVillage,
      );
      expect((await seeded.get(`/ogc/collections/villages/items/${otherVillage}`, as)).statusCode).toBe(404);
      if (inOther.features.length > 0) {
        expect((await seeded.get(`/ogc/collections/households/items/${inOther.features[0]!.id}`, as)).statusCode).toBe(
          404,
        );
      }
      expect((await page('/ogc/collections/households/items?bbox=10,10,11,11')).numberMatched).toBe(0);
    });
  });

  describe('bad input', () => {
    it.each([
      [
        'an unknown crs',
        400,
        `/ogc/collections/villages/items?crs=${enc('http://www.opengis.net/def/crs/EPSG/0/4549')}`,
        /crs/,
      ],
      ['a crs written EPSG:4490', 400, '/ogc/collections/villages/items?crs=EPSG:4490', /crs/],
      ['an unknown crs on one feature', 400, `/ogc/collections/villages/items/620724100001?crs=foo`, /crs/],
      ['an unknown bbox-crs', 400, `/ogc/collections/villages/items?bbox=1,2,3,4&bbox-crs=foo`, /bbox-crs/],
      ['a bbox of three numbers', 400, '/ogc/collections/villages/items?bbox=1,2,3', /bbox/],
      ['a bbox with a word', 400, '/ogc/collections/villages/items?bbox=99,39,x,40', /bbox/],
      ['a bbox upside down', 400, '/ogc/collections/villages/items?bbox=99,40,100,39', /bbox/],
      [
        'a 4490 bbox written lon,lat',
        400,
        `/ogc/collections/villages/items?bbox=99,39,100,40&bbox-crs=${enc(EPSG_4490)}`,
        /bbox/,
      ],
      ['a bad datetime', 400, '/ogc/collections/cases/items?datetime=yesterday', /datetime/],
      ['limit 0', 400, '/ogc/collections/villages/items?limit=0', /limit/],
      ['limit not a number', 400, '/ogc/collections/villages/items?limit=ten', /limit/],
      ['an unknown parameter', 400, '/ogc/collections/villages/items?filter=x', /"filter" is not defined/],
      ['an unknown parameter on the landing page', 400, '/ogc?foo=1', /"foo"/],
      ['an unknown f', 400, '/ogc/collections?f=xml', /"f"/],
      ['an after of letters', 400, '/ogc/collections/villages/items?after=abc', /after/],
      ['an after that is no household id', 400, `/ogc/collections/households/items?after=${'9'.repeat(20)}`, /after/],
      ['a feature id of no shape', 404, '/ogc/collections/households/items/abc', /abc/],
      ['a feature that does not exist', 404, '/ogc/collections/villages/items/620724999999', /620724999999/],
    ])('answers %s with %i and changes nothing', async (_name, status, url, message) => {
      const reply = await seeded.get(url);
      expect(reply.statusCode, reply.body).toBe(status);
      expect(reply.json().message).toMatch(message);
    });

    it('answers an unknown path under /ogc with a JSON 404, not the web app, when the app is served', async () => {
      const webDist = await mkdtemp(join(tmpdir(), 'gridmap-ogc-web-'));
      await writeFile(join(webDist, 'index.html'), '<!DOCTYPE html><title>gridmap</title>');
      const app = await buildApp({ db: seeded.db, webDist });
      try {
        const { cookie } = await seeded.sessionOf('admin');
        for (const url of ['/ogc/collections/villages/items/x/y', '/ogc/nothing', '/ogc/collections/villages/tiles']) {
          const reply = await app.inject({ url, cookies: { gridmap_session: cookie } });
          expect(reply.statusCode, url).toBe(404);
          expect(reply.headers['content-type'], url).toMatch(/^application\/json/);
        }
        expect((await app.inject({ url: '/map/somewhere' })).body).toMatch(/<title>gridmap/);
      } finally {
        await app.close();
        await rm(webDist, { recursive: true, force: true });
      }
    });

    it('refuses a request without a session or token (401)', async () => {
      for (const url of [
        '/ogc',
        '/ogc/collections',
        '/ogc/collections/villages/items',
        '/ogc/api',
        '/ogc/conformance',
      ]) {
        expect((await seeded.get(url, null)).statusCode, url).toBe(401);
      }
    });
  });

  describe('API tokens', () => {
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    let owner: string;

    async function makeToken(app: FastifyInstance) {
      const signIn = await app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: owner, password: demoPassword },
      });
      const cookie = signIn.cookies.find((c) => c.name === 'gridmap_session')!.value;
      const made = await app.inject({
        method: 'POST',
        url: '/api/tokens',
        cookies: { gridmap_session: cookie },
        headers: { 'x-csrf-token': signIn.json().csrfToken },
        payload: { name: 'QGIS OGC', expiresInDays: 7 },
      });
      expect(made.statusCode, made.body).toBe(201);
      return { ...made.json<{ id: number; token: string }>(), cookie, csrf: signIn.json().csrfToken as string };
    }

    beforeAll(async () => {
      owner = (await privateAccount(seeded.db, 'village_cadre', village, demoPassword)).username;
    });

    const itemsWith = (token: string): Promise<LightMyRequestResponse> =>
      seeded.app.inject({ url: '/ogc/collections/villages/items', headers: bearer(token) });

    it('reads with a token in its account’s scope, and 401 once the token is revoked', async () => {
      const made = await makeToken(seeded.app);
      const reply = await itemsWith(made.token);
      expect(reply.statusCode).toBe(200);
      expect(reply.json<Page>().features.map((f) => f.id)).toEqual([village]);
      const revoked = await seeded.app.inject({
        method: 'DELETE',
        url: `/api/tokens/${made.id}`,
        cookies: { gridmap_session: made.cookie },
        headers: { 'x-csrf-token': made.csrf },
      });
      expect(revoked.statusCode).toBe(204);
      const refused = await itemsWith(made.token);
      expect(refused.statusCode).toBe(401);
      expect(refused.headers['www-authenticate']).toMatch(/invalid_token/);
    });

    it('refuses an expired token (401)', async () => {
      const made = await makeToken(seeded.app);
      expect((await itemsWith(made.token)).statusCode).toBe(200);
      const evicted = new Promise<void>((resolve) => {
        const stop = seeded.app.tokenCache.onEviction((key) => {
          if (!key.startsWith('t:')) return;
          stop();
          resolve();
        });
      });
      await seeded.db
        .sql`UPDATE api_tokens SET created_at = now() - interval '2 days', expires_at = now() - interval '1 second'
        WHERE id = ${made.id}`;
      await evicted;
      expect((await itemsWith(made.token)).statusCode).toBe(401);
      expect((await seeded.app.inject({ url: '/ogc', headers: bearer(made.token) })).statusCode).toBe(401);
    });
  });
});
