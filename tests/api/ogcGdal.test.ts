import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/src/app.js';
import type { Database } from '../../server/src/db/database.js';
import { testDatabase } from '../support/testDatabases.js';
import { privateAccount } from '../support/privateAccount.js';

/**
 * GDAL's OAPIF driver (the OGC API – Features client QGIS is built on) reads gridmap's /ogc over
 * real HTTP with an API token: it lists the nine collections with their Chinese titles, and
 * ogr2ogr copies every village of the county in pages of 50 into EPSG:4490 (CGCS2000) with the
 * count and codes of the database. PostgreSQL only: the driver needs a listening server, and the
 * OGC reads are the same SQL on both backends (tests/api/ogcFeatures.test.ts runs both).
 */
const run = promisify(execFile);

describe('GDAL OAPIF on /ogc (postgres)', () => {
  let db: Database;
  let app: FastifyInstance;
  let root: string;
  let env: NodeJS.ProcessEnv;
  let county: string;
  let work: string;
  /** Every request path the server was asked for, in order. */
  const requested: string[] = [];

  beforeAll(async () => {
    db = await testDatabase('postgres');
    const [admin] = await db.sql<{ scope: string }>`SELECT scope_code AS scope FROM accounts WHERE username = 'admin'`;
    county = admin!.scope;
    const account = await privateAccount(db, 'county_admin', county);
    app = await buildApp({ db });
    await app.listen({ host: '127.0.0.1', port: 0 });
    app.server.on('request', (request) => requested.push(request.url ?? ''));
    root = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/ogc`;
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: account.username, password: account.password },
    });
    const made = await app.inject({
      method: 'POST',
      url: '/api/tokens',
      cookies: { gridmap_session: signIn.cookies.find((c) => c.name === 'gridmap_session')!.value },
      headers: { 'x-csrf-token': signIn.json().csrfToken },
      payload: { name: 'GDAL OAPIF test', expiresInDays: 1 },
    });
    expect(made.statusCode, made.body).toBe(201);
    env = { ...process.env, GDAL_HTTP_HEADERS: `Authorization: Bearer ${made.json().token}`, CPL_DEBUG: 'OFF' };
    work = await mkdtemp(join(tmpdir(), 'gridmap-ogc-gdal-'));
  });

  afterAll(async () => {
    await app?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('ogrinfo lists the nine collections with their titles and geometry types', async () => {
    const { stdout } = await run('ogrinfo', ['-ro', '-so', `OAPIF:${root}`], { env });
    const layers = [...stdout.matchAll(/^\d+: (\w+) \(title: ([^)]+)\)/gm)].map((m) => [m[1], m[2]]);
    expect(layers).toEqual([
      ['prefectures', '市（州）'],
      ['counties', '县（区）'],
      ['towns', '乡镇（街道）'],
      ['villages', '村（社区）'],
      ['groups', '村民小组（社）'],
      ['streets', '责任街巷（党员包街巷）'],
      ['cameras', '雪亮工程摄像头'],
      ['cases', '在办矛盾纠纷、事件'],
      ['households', '住户'],
    ]);
    expect(stdout).toMatch(/villages \(title: 村（社区）\) \(Multi Polygon\)/);
    expect(stdout).toMatch(/households \(title: 住户\) \(Point\)/);
  });

  it('ogrinfo reports the villages’ count and the county’s extent', async () => {
    const { stdout } = await run('ogrinfo', ['-ro', '-so', `OAPIF:${root}`, 'villages'], { env });
    const [villages] = await db.sql<{ n: number }>`
      SELECT count(*)::int AS n FROM grids WHERE level = 'village' AND valid_to IS NULL AND code LIKE ${county.slice(0, 6) + '%'}`;
    expect(stdout).toMatch(new RegExp(`Feature Count: ${villages!.n}\\b`));
    expect(stdout).toMatch(/TITLE=村（社区）/);
    expect(stdout).toMatch(/Extent: \(9\d\.\d+, 3\d\.\d+\) - \(1?\d\d\.\d+, 3\d\.\d+\)/);
  });

  it('ogr2ogr copies every village in pages of 50 into EPSG:4490, codes and first vertices as stored', async () => {
    const out = join(work, 'villages.geojson');
    const before = requested.length;
    await run(
      'ogr2ogr',
      ['-f', 'GeoJSON', out, `OAPIF:${root}`, 'villages', '-oo', 'PAGE_SIZE=50', '-t_srs', 'EPSG:4490'],
      { env },
    );
    const written = JSON.parse(await readFile(out, 'utf8')) as {
      crs: { properties: { name: string } };
      features: { properties: { code: string; name: string }; geometry: { coordinates: number[][][][] } }[];
    };
    const stored = await db.sql<{ code: string; name: string; lon: number; lat: number }>`
      SELECT code, name, ST_X(ST_PointN(ST_ExteriorRing(ST_GeometryN(ST_ForcePolygonCCW(geom), 1)), 1)) AS lon,
        ST_Y(ST_PointN(ST_ExteriorRing(ST_GeometryN(ST_ForcePolygonCCW(geom), 1)), 1)) AS lat
      FROM grids WHERE level = 'village' AND valid_to IS NULL AND code LIKE ${county.slice(0, 6) + '%'} ORDER BY code`;
    expect(written.crs.properties.name).toBe('urn:ogc:def:crs:EPSG::4490');
    expect(written.features.map((f) => f.properties.code)).toEqual(stored.map((s) => s.code));
    expect(written.features.map((f) => f.properties.name)).toEqual(stored.map((s) => s.name));
    // GeoJSON files keep longitude first whatever the CRS (GDAL's RFC 7946 writer order).
    written.features.forEach((feature, i) => {
      const [lon, lat] = feature.geometry.coordinates[0]![0]![0]!;
      expect(lon).toBeCloseTo(stored[i]!.lon, 6);
      expect(lat).toBeCloseTo(stored[i]!.lat, 6);
    });
    const pages = requested.slice(before).filter((url) => url.startsWith('/ogc/collections/villages/items'));
    expect(pages.every((url) => /limit=50\b/.test(url))).toBe(true);
    // The first page may be asked twice (GDAL reads one to learn the fields), then one per page.
    const distinct = new Set(pages);
    expect(distinct.size).toBe(Math.ceil(stored.length / 50));
  });
});
