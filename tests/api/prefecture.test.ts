import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { WebSocket } from 'ws';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/src/app.js';
import type { Database, DatabaseKind } from '../../server/src/db/database.js';
import { openEmbedded } from '../../server/src/db/embeddedDatabase.js';
import { migrate } from '../../server/src/db/migrate.js';
import { openPostgres } from '../../server/src/db/postgresDatabase.js';
import { checkWholeHierarchy } from '../../server/src/repos/grids/partitionRepo.js';
import { seedDemoPrefecture, type PrefectureSeedSummary } from '../../server/src/seed/prefecture/seedDemoPrefecture.js';
import { clearSeededTables } from '../../server/src/seed/seedDemoCounty.js';
import { backends } from '../support/testDatabases.js';
import { signedInInject } from '../support/signedInInject.js';
import { createThrowawayPostgres } from '../support/throwawayPostgres.js';
import { decodeTile } from '../unit/tiles/decodeTile.js';

/**
 * The prefecture demo (issue #12) on private databases of both backends, seeded small (3 % of each
 * county's households; Gaotai keeps its real villages): the hierarchy from 张掖市 down, a
 * prefecture administrator who drills through it, and a county administrator of 临泽县 who sees
 * nothing of 高台县 — REST, CSV, search, tiles and the live channel.
 */
const prefecture = '620700000000';
const gaotai = '620724000000';
const linze = '620723000000';
const counties: Record<string, string> = {
  '620702000000': '甘州区',
  '620721000000': '肃南裕固族自治县',
  '620722000000': '民乐县',
  '620723000000': '临泽县',
  '620724000000': '高台县',
  '620725000000': '山丹县',
};
const now = new Date('2026-12-01T04:00:00Z');

async function privateDatabase(kind: DatabaseKind): Promise<{ db: Database; drop(): Promise<void> }> {
  if (kind === 'postgres') {
    const throwaway = await createThrowawayPostgres('gridmap_prefecture_api');
    const db = openPostgres({ url: throwaway.url, max: 4 });
    await migrate(db);
    return { db, drop: async () => (await db.close(), await throwaway.drop()) };
  }
  // The embedded template holds the county demo: emptied, it is a migrated database like any.
  const db = await openEmbedded({ loadDataDir: new Blob([readFileSync(inject('embeddedTemplate'))]) });
  await clearSeededTables(db);
  await db.sql.exec('TRUNCATE accounts RESTART IDENTITY CASCADE');
  return { db, drop: () => db.close() };
}

/** Grid codes of 高台县 (620724…) anywhere in a reply. */
const gaotaiCodes = (body: string) => [...body.matchAll(/"(620724\d{6}(?:\d{3})?)"/g)].map((match) => match[1]);

describe.each(backends)('%s', (kind) => {
  let database: Awaited<ReturnType<typeof privateDatabase>>;
  let app: FastifyInstance;
  let summary: PrefectureSeedSummary;
  const as = signedInInject('prefecture', () => app);
  const get = (url: string, who: string) => as.get(url, who);

  beforeAll(async () => {
    database = await privateDatabase(kind);
    summary = await seedDemoPrefecture(database.db, { householdScale: 0.03, now });
    app = await buildApp({ db: database.db, caseEscalationIntervalMs: 0 });
    await app.listen({ host: '127.0.0.1', port: 0 });
  }, 600_000);
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('stores 张掖市 above its six counties, with their real names and codes', async () => {
    const rows = await database.db.sql<{ code: string; name: string; level: string; parent: string | null }>`
      SELECT code, name, level, parent_code AS parent FROM grids
      WHERE valid_to IS NULL AND level IN ('prefecture', 'county') ORDER BY code`;
    expect(rows).toEqual([
      { code: prefecture, name: '张掖市', level: 'prefecture', parent: null },
      ...Object.entries(counties)
        .sort()
        .map(([code, name]) => ({ code, name, level: 'county', parent: prefecture })),
    ]);
    expect(summary.counties).toBe(6);
    const perCounty = await database.db.sql<{ county: string; households: number; towns: number }>`
      SELECT c.code AS county,
        (SELECT count(*) FROM grids t WHERE t.parent_code = c.code AND t.valid_to IS NULL)::int AS towns,
        (SELECT count(*) FROM households h WHERE left(h.town_code, 6) = left(c.code, 6))::int AS households
      FROM grids c WHERE c.level = 'county' AND c.valid_to IS NULL ORDER BY 1`;
    for (const row of perCounty) {
      expect(row.towns, `${row.county} towns`).toBeGreaterThan(0);
      expect(row.households, `${row.county} households`).toBeGreaterThanOrEqual(250);
    }
    // 甘州区 is the biggest county by far (519,000 people), 肃南 the smallest (37,000).
    const households = Object.fromEntries(perCounty.map((row) => [row.county, row.households]));
    expect(households['620702000000']).toBeGreaterThan(households['620724000000']!);
    expect(households['620721000000']).toBeLessThan(households['620723000000']!);
  });

  it('partitions every level, the prefecture by its counties included', async () => {
    const hierarchy = await checkWholeHierarchy(database.db.sql);
    expect(hierarchy.parents.find((parent) => parent.parentCode === prefecture)).toMatchObject({
      parentLevel: 'prefecture',
      childCount: 6,
      ok: true,
    });
    expect(hierarchy.parents.filter((parent) => !parent.ok)).toEqual([]);
  });

  it('puts every household, camera and case inside its own group', async () => {
    const [outside] = await database.db.sql<{ households: number; cameras: number; cases: number }>`
      SELECT
        (SELECT count(*) FROM households h JOIN grids g ON g.code = h.group_code AND g.valid_to IS NULL
          WHERE NOT ST_Covers(g.geom, h.geom))::int AS households,
        (SELECT count(*) FROM cameras c JOIN grids g ON g.code = c.group_code AND g.valid_to IS NULL
          WHERE NOT ST_Covers(g.geom, c.geom))::int AS cameras,
        (SELECT count(*) FROM cases k JOIN grids g ON g.code = k.group_code AND g.valid_to IS NULL
          WHERE NOT ST_Covers(g.geom, k.geom))::int AS cases`;
    expect(outside).toEqual({ households: 0, cameras: 0, cases: 0 });
  });

  it('lets city-admin drill prefecture → county → town → village → group', async () => {
    const session = (await get('/api/session', 'city-admin')).json<{ scope: { code: string; level: string } }>();
    expect(session.scope).toMatchObject({ code: prefecture, level: 'prefecture' });
    const list = await get(`/api/grids?parent=${prefecture}&level=county`, 'city-admin');
    expect(list.statusCode).toBe(200);
    const listed = list.json<{ features: { properties: { code: string; name: string } }[] }>().features;
    expect(Object.fromEntries(listed.map((f) => [f.properties.code, f.properties.name]))).toEqual(counties);
    let code = prefecture;
    for (const level of ['county', 'town', 'village', 'group']) {
      const reply = await get(`/api/grids/${code}/dossier`, 'city-admin');
      expect(reply.statusCode, `${code} dossier`).toBe(200);
      const children = reply.json<{ children: { code: string; level: string }[] }>().children;
      expect(children.length, `${code} children`).toBeGreaterThan(0);
      expect(children.every((child) => child.level === level)).toBe(true);
      code = children.find((child) => child.code.startsWith('620723'))?.code ?? children[0]!.code;
    }
    expect((await get(`/api/grids/${code}/dossier`, 'city-admin')).statusCode).toBe(200);
  });

  it('shows a county administrator of 临泽县 nothing of 高台县', async () => {
    const who = 'admin-620723';
    for (const url of [
      `/api/grids/${gaotai}`,
      `/api/grids/${gaotai}/dossier`,
      `/api/grids?parent=${gaotai}&level=town`,
      `/api/cases?grid=${gaotai}`,
      `/api/cases.csv?grid=${gaotai}`,
      `/api/households?grid=620724100000`,
      `/api/streets?grid=620724100000`,
      `/api/cameras?grid=620724100000`,
    ]) {
      const reply = await get(url, who);
      expect(reply.statusCode, url).toBe(404);
    }
    // The prefecture asked by a county administrator is narrowed to their county.
    const own = await get(`/api/grids?parent=${prefecture}&level=county`, who);
    expect(own.statusCode).toBe(200);
    expect(gaotaiCodes(own.body)).toEqual([]);
    const search = await get(`/api/search?q=${encodeURIComponent('城关')}`, who);
    expect(search.statusCode).toBe(200);
    expect(gaotaiCodes(search.body)).toEqual([]);
    const numbers = await get('/api/search?q=620724', who);
    expect(gaotaiCodes(numbers.body)).toEqual([]);
    const cases = await get(`/api/cases?grid=${linze}`, who);
    expect(cases.statusCode).toBe(200);
    expect(gaotaiCodes(cases.body)).toEqual([]);
    // The tile over the two counties' border carries Linze's outlines and none of Gaotai's.
    const [border] = await database.db.sql<{ lon: number; lat: number }>`
      SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_PointOnSurface(ST_Intersection(a.geom, ST_Buffer(b.geom, 0.01))) AS p
      FROM grids a, grids b WHERE a.code = ${linze} AND b.code = ${gaotai}) AS s`;
    const z = 9;
    const n = 2 ** z;
    const φ = (border!.lat * Math.PI) / 180;
    const x = Math.floor(((border!.lon + 180) / 360) * n);
    const y = Math.floor(((1 - Math.log(Math.tan(φ) + 1 / Math.cos(φ)) / Math.PI) / 2) * n);
    const tile = await get(`/tiles/grids/${z}/${x}/${y}.mvt`, who);
    const codes = Object.values(decodeTile(tile.rawPayload)).flatMap((layer) =>
      layer.features.map((feature) => String(feature.properties.code)),
    );
    expect(codes.some((code) => code.startsWith('620723'))).toBe(true);
    expect(codes.filter((code) => code.startsWith('620724'))).toEqual([]);
    const asCity = decodeTile((await get(`/tiles/grids/${z}/${x}/${y}.mvt`, 'city-admin')).rawPayload);
    expect(
      Object.values(asCity).some((layer) => layer.features.some((f) => String(f.properties.code).startsWith('620724'))),
    ).toBe(true);
  });

  it('refuses 临泽’s administrator a live subscription to 高台 and narrows the prefecture to 临泽', async () => {
    const { cookie } = await as.sessionOf('admin-620723');
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const socket = new WebSocket(`ws://127.0.0.1:${port}/live`, { headers: { cookie: `gridmap_session=${cookie}` } });
    const next = () =>
      new Promise<{ type: string; scope?: string; message?: string }>((resolve) =>
        socket.once('message', (data) => resolve(JSON.parse(String(data)) as { type: string; scope?: string })),
      );
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    try {
      let reply = next();
      socket.send(JSON.stringify({ type: 'subscribe', scope: gaotai, after: null }));
      expect(await reply).toMatchObject({ type: 'error' });
      reply = next();
      socket.send(JSON.stringify({ type: 'subscribe', scope: '620700', after: null }));
      expect(await reply).toMatchObject({ type: 'subscribed', scope: linze });
    } finally {
      socket.close();
    }
  });

  it('answers 404 for codes that name no grid at any level', async () => {
    for (const code of ['620800000000', '620726000000', '620723199000', '620723100299', '620723100201099']) {
      expect((await get(`/api/grids/${code}/dossier`, 'city-admin')).statusCode, code).toBe(404);
    }
  });
});
