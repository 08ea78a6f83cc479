import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { WebSocket } from 'ws';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/src/app.js';
import type { Database, DatabaseKind, Sql } from '../../server/src/db/database.js';
import { checkStoredPartition } from '../../server/src/repos/grids/partitionRepo.js';
import type { PartitionCheck } from '../../server/src/domain/partition/partitionProblem.js';
import { demoPassword } from '../../server/src/seed/demoAccounts.js';
import { backends } from '../support/testDatabases.js';
import { privateAccount } from '../support/privateAccount.js';
import { signedInInject } from '../support/signedInInject.js';
import {
  addPrefectureAboveGaotai,
  GAOTAI,
  LINZE,
  LINZE_CAMERA,
  LINZE_GROUP,
  LINZE_TOWN,
  LINZE_VILLAGE,
  PREFECTURE,
  type PrefectureFixture,
} from '../support/prefectureFixture.js';
import { decodeTile } from '../unit/tiles/decodeTile.js';
import { privateSeededDatabase } from '../support/privateSeededDatabase.js';

/**
 * Levels above the county (issue #12 part 1) on a private copy of the seeded demo county per
 * backend, with 张掖市 put above 高台县 and a small 临泽县 beside it (tests/support/prefectureFixture.ts):
 * an administrator of the prefecture lists both counties and drills to a group; an administrator
 * of 临泽县 gets nothing of 高台县 from any list, export, search, tile or live channel (404 or
 * empty by the one scope rule); codes of no grid are 404 at every level; the partition check of
 * the prefecture finds a gap or an overlap between its counties.
 */

const privateDatabase = (kind: DatabaseKind) => privateSeededDatabase(kind, 'prefecture_scope');

/** Every 12- or 15-digit code of 高台县 quoted in a reply (JSON strings). */
const gaotaiCodes = (body: string) => [...body.matchAll(/"(620724\d{6}(?:\d{3})?)"/g)].map((match) => match[1]);
/** Case serials of 高台县 anywhere in a text (JSON or CSV). */
const gaotaiSerials = (text: string) => [...text.matchAll(/\b620724\d{13}\b/g)].map((match) => match[0]);

function tileAt(lon: number, lat: number, z: number): string {
  const n = 2 ** z;
  const φ = (lat * Math.PI) / 180;
  const x = Math.floor(((lon + 180) / 360) * n);
  const y = Math.floor(((1 - Math.log(Math.tan(φ) + 1 / Math.cos(φ)) / Math.PI) / 2) * n);
  return `${z}/${x}/${y}`;
}

/** The `code` property of every feature of every layer of a tile, per layer. */
function tileCodes(payload: Buffer): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(decodeTile(payload)).map(([name, layer]) => [
      name,
      layer.features.map((feature) => String(feature.properties.code ?? feature.properties.groupCode ?? '')),
    ]),
  );
}

class RollBack {
  constructor(readonly value: unknown) {}
}

/** `work` inside a transaction that is always rolled back: the shared fixture stays as it is. */
async function rolledBack<T>(db: Database, work: (sql: Sql) => Promise<T>): Promise<T> {
  try {
    await db.transaction(async (sql) => {
      throw new RollBack(await work(sql));
    });
  } catch (error) {
    if (error instanceof RollBack) return error.value as T;
    throw error;
  }
  throw new Error('the transaction was not rolled back');
}

const kinds = (check: PartitionCheck | null) => check?.problems.map((problem) => problem.kind).sort();

interface FeatureList {
  features: { id: string | number; properties: Record<string, unknown> }[];
}

describe.each(backends)('%s', (kind) => {
  let database: Awaited<ReturnType<typeof privateDatabase>>;
  let app: FastifyInstance;
  let fixture: PrefectureFixture;
  let city: string;
  let linzeAdmin: string;
  let cityPlanner: string;
  let linzeCase: string;
  let gaotaiCase: string;
  let gaotaiTown: string;
  let gaotaiHousehold: { id: number; lon: number; lat: number };
  const as = signedInInject('prefectureScope', () => app);
  const get = (url: string, who: string) => as.get(url, who);
  const report = (who: string, lon: number, lat: number) =>
    as.inject(
      {
        method: 'POST',
        url: '/api/cases',
        payload: { lon, lat, category: 'neighbour_dispute', summary: '邻里纠纷', reportId: randomUUID() },
      },
      who,
    );

  beforeAll(async () => {
    database = await privateDatabase(kind);
    const { db } = database;
    fixture = await addPrefectureAboveGaotai(db);
    app = await buildApp({ db, caseEscalationIntervalMs: 0 });
    await app.listen({ host: '127.0.0.1', port: 0 });
    city = (await privateAccount(db, 'county_admin', PREFECTURE, demoPassword)).username;
    linzeAdmin = (await privateAccount(db, 'county_admin', LINZE, demoPassword)).username;
    cityPlanner = (await privateAccount(db, 'planner', PREFECTURE, demoPassword)).username;
    const reported = await report(linzeAdmin, fixture.linzePoint.lon, fixture.linzePoint.lat);
    expect(reported.statusCode, reported.body).toBe(201);
    linzeCase = reported.json<{ serial: string }>().serial;
    gaotaiCase = (
      await db.sql<{ serial: string }>`
        SELECT serial FROM cases WHERE status IN ('registered', 'accepted', 'mediating') AND town_code LIKE '620724%'
        ORDER BY serial LIMIT 1`
    )[0]!.serial;
    gaotaiTown = (
      await db.sql<{ code: string }>`
        SELECT code FROM grids WHERE level = 'town' AND parent_code = ${GAOTAI} AND valid_to IS NULL ORDER BY code LIMIT 1`
    )[0]!.code;
    gaotaiHousehold = (
      await db.sql<{ id: number; lon: number; lat: number }>`
        SELECT id, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM households WHERE town_code = ${gaotaiTown} ORDER BY id LIMIT 1`
    )[0]!;
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('numbers a 临泽县 case with its own county code; a report outside both counties names the prefecture', async () => {
    expect(linzeCase).toMatch(/^620723\d{13}$/);
    expect(gaotaiCase).toMatch(/^620724\d{13}$/);
    const outside = await report(city, 101.5, 30.5);
    expect(outside.statusCode).toBe(422);
    expect(outside.json<{ message: string }>().message).toBe('position 101.5, 30.5 is outside 张掖市');
  });

  it('lets a prefecture administrator list both counties and drill prefecture → county → town → village → group', async () => {
    const session = (await get('/api/session', city)).json<{ scope: { code: string; level: string } }>();
    expect(session.scope).toMatchObject({ code: PREFECTURE, level: 'prefecture' });
    const codes = async (url: string) => {
      const reply = await get(url, city);
      expect(reply.statusCode, `${url}: ${reply.body.slice(0, 200)}`).toBe(200);
      return reply
        .json<FeatureList>()
        .features.map((feature) => String(feature.properties.code))
        .sort();
    };
    expect(await codes('/api/grids?level=county')).toEqual([LINZE, GAOTAI]);
    expect(await codes(`/api/grids?parent=${PREFECTURE}&level=county`)).toEqual([LINZE, GAOTAI]);
    expect(await codes('/api/grids?parent=620700')).toEqual([LINZE, GAOTAI]);
    expect(await codes(`/api/grids?parent=${LINZE}&level=town`)).toEqual([LINZE_TOWN]);
    expect(await codes(`/api/grids?parent=${LINZE_TOWN}&level=village`)).toEqual([LINZE_VILLAGE]);
    expect(await codes(`/api/grids?parent=${LINZE_VILLAGE}&level=group`)).toEqual([LINZE_GROUP]);
    expect(await codes(`/api/grids?parent=${PREFECTURE}&level=town`)).toContain(LINZE_TOWN);
    const gaotaiTowns = await codes(`/api/grids?parent=${GAOTAI}&level=town`);
    expect(gaotaiTowns.length).toBeGreaterThan(1);
    expect(gaotaiTowns.every((code) => code.startsWith('620724'))).toBe(true);

    const prefecture = await get(`/api/grids/${PREFECTURE}`, city);
    expect(prefecture.statusCode).toBe(200);
    expect(prefecture.json<{ properties: { level: string; name: string } }>().properties).toMatchObject({
      level: 'prefecture',
      name: '张掖市',
    });
    const group = (await get(`/api/grids/${LINZE_GROUP}`, city)).json<{
      properties: { parents: { code: string }[] };
    }>();
    expect(group.properties.parents.map((parent) => parent.code)).toEqual([
      PREFECTURE,
      LINZE,
      LINZE_TOWN,
      LINZE_VILLAGE,
    ]);
  });

  it('gives the prefecture administrator the cases, export, households, streets, cameras and patrols of both counties', async () => {
    const cases = await get('/api/cases?grid=620700&status=all&limit=50000', city);
    expect(cases.statusCode).toBe(200);
    expect(cases.body).toContain(linzeCase);
    expect(cases.body).toContain(gaotaiCase);
    const csv = await get(`/api/cases.csv?grid=${PREFECTURE}&status=all`, city);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain(linzeCase);
    expect(gaotaiSerials(csv.body).length).toBeGreaterThan(0);
    const households = (await get(`/api/households?grid=${LINZE_GROUP}`, city)).json<FeatureList>();
    expect(households.features.map((feature) => Number(feature.id))).toEqual([fixture.linzeHousehold]);
    const streets = await get('/api/streets?grid=620700', city);
    expect(streets.json<FeatureList>().features.some((f) => Number(f.id) === fixture.linzeStreet)).toBe(true);
    expect(streets.json<FeatureList>().features.some((f) => String(f.properties.groupCode).startsWith('620724'))).toBe(
      true,
    );
    const cameras = (await get(`/api/cameras?grid=${PREFECTURE}`, city)).json<FeatureList>();
    expect(cameras.features.some((f) => String(f.id) === LINZE_CAMERA)).toBe(true);
    expect(cameras.features.some((f) => String(f.properties.groupCode).startsWith('620724'))).toBe(true);
    const patrols = (await get(`/api/patrols?grid=${LINZE}`, city)).json<{ villages: { villageCode: string }[] }>();
    expect(patrols.villages.map((village) => village.villageCode)).toEqual([LINZE_VILLAGE]);
  });

  it('finds grids of both counties in the search, named under the prefecture', async () => {
    const found = (await get(`/api/search?q=${encodeURIComponent('沙河')}`, city)).json<{
      results: { kind: string; key: string; context: string }[];
    }>();
    expect(found.results.find((result) => result.key === LINZE_TOWN)).toMatchObject({
      kind: 'grid',
      context: '张掖市 › 临泽县',
    });
    const county = (await get(`/api/search?q=${encodeURIComponent('高台')}`, city)).json<{
      results: { key: string; context: string }[];
    }>();
    expect(county.results.find((result) => result.key === GAOTAI)).toMatchObject({ context: '张掖市' });
    const prefecture = (await get('/api/search?q=620700000000', city)).json<{ results: { key: string }[] }>();
    expect(prefecture.results[0]?.key).toBe(PREFECTURE);
  });

  it('lists the plans of every county to a prefecture planner, of their own county to a county administrator', async () => {
    const made = await as.inject(
      { method: 'POST', url: '/api/plans', payload: { scope: LINZE_TOWN, name: '沙河镇调整' } },
      cityPlanner,
    );
    expect(made.statusCode, made.body).toBe(201);
    const linzePlan = made.json<{ id: number }>().id;
    const gaotaiPlan = await as.inject(
      { method: 'POST', url: '/api/plans', payload: { scope: gaotaiTown, name: '高台调整' } },
      'planner',
    );
    expect(gaotaiPlan.statusCode, gaotaiPlan.body).toBe(201);
    const ids = async (url: string, who: string) =>
      (await get(url, who)).json<{ id: number; scope: string }[]>().map((plan) => plan.id);
    const everyPlan = await ids('/api/plans', cityPlanner);
    expect(everyPlan).toContain(linzePlan);
    expect(everyPlan).toContain(gaotaiPlan.json<{ id: number }>().id);
    expect(await ids(`/api/plans?scope=${LINZE}`, cityPlanner)).toEqual([linzePlan]);
    expect(await ids('/api/plans', linzeAdmin)).toEqual([linzePlan]);
    expect(await ids('/api/plans', 'planner')).not.toContain(linzePlan);
    expect((await get(`/api/plans/${gaotaiPlan.json<{ id: number }>().id}`, linzeAdmin)).statusCode).toBe(404);
  });

  it('shows an administrator of 临泽县 nothing of 高台县: every door is 404', async () => {
    for (const url of [
      `/api/grids/${GAOTAI}`,
      `/api/grids/${gaotaiTown}`,
      `/api/grids?parent=${GAOTAI}&level=town`,
      `/api/grids/${GAOTAI}/dossier`,
      `/api/cases?grid=${GAOTAI}`,
      `/api/cases.csv?grid=${GAOTAI}`,
      `/api/cases/${gaotaiCase}`,
      `/api/households?grid=${gaotaiTown}`,
      `/api/households/${gaotaiHousehold.id}/contact`,
      `/api/streets?grid=${gaotaiTown}`,
      `/api/cameras?grid=${gaotaiTown}`,
      `/api/patrols?grid=${GAOTAI}`,
      `/api/kpis?scope=${GAOTAI}`,
      `/api/grid-versions?scope=${GAOTAI}`,
      // The prefecture above their county reads as their county in lists, but is no grid of theirs.
      `/api/grids/${PREFECTURE}`,
    ]) {
      const reply = await get(url, linzeAdmin);
      expect(reply.statusCode, `${url}: ${reply.body.slice(0, 200)}`).toBe(404);
    }
  });

  it('narrows the prefecture asked by an administrator of 临泽县 to 临泽县 in every list, export and search', async () => {
    for (const url of [
      '/api/grids?level=county',
      `/api/grids?parent=${PREFECTURE}&level=county`,
      '/api/grids?level=town',
      `/api/cases?grid=${PREFECTURE}&status=all&limit=50000`,
      `/api/cases.csv?grid=620700&status=all`,
      `/api/households?grid=${PREFECTURE}`,
      `/api/streets?grid=${PREFECTURE}`,
      `/api/cameras?grid=${PREFECTURE}`,
      `/api/patrols?grid=${PREFECTURE}`,
      '/api/grid-versions/1/grids',
      `/api/search?q=${encodeURIComponent('高台')}`,
      `/api/search?q=${encodeURIComponent('镇')}`,
      '/api/search?q=620724',
      `/api/search?q=${gaotaiCase.slice(0, 12)}`,
    ]) {
      const reply = await get(url, linzeAdmin);
      expect(reply.statusCode, `${url}: ${reply.body.slice(0, 200)}`).toBe(200);
      // A search reply echoes its query: only its results count.
      const body = url.startsWith('/api/search')
        ? JSON.stringify(reply.json<{ results: unknown[] }>().results)
        : reply.body;
      expect(gaotaiCodes(body), url).toEqual([]);
      expect(gaotaiSerials(body), url).toEqual([]);
    }
    const counties = (await get('/api/grids?level=county', linzeAdmin)).json<FeatureList>();
    expect(counties.features.map((f) => f.properties.code)).toEqual([LINZE]);
    expect((await get(`/api/cases?grid=${PREFECTURE}&status=all`, linzeAdmin)).body).toContain(linzeCase);
    const csv = await get(`/api/cases.csv?grid=${LINZE}&status=all`, linzeAdmin);
    expect(csv.body).toContain(linzeCase);
    const own = (await get(`/api/households?grid=${PREFECTURE}`, linzeAdmin)).json<FeatureList>();
    expect(own.features.map((f) => Number(f.id))).toEqual([fixture.linzeHousehold]);
    const search = (await get(`/api/search?q=${encodeURIComponent('沙河')}`, linzeAdmin)).json<{
      results: { key: string }[];
    }>();
    expect(search.results.map((result) => result.key)).toContain(LINZE_TOWN);
  });

  it('draws 临泽县 and no outline or point of 高台县 in the tiles of 临泽县’s administrator', async () => {
    // A tile over both counties at a low zoom (the county and town outlines), and one at street
    // level over a household of 高台县 (households, streets, groups).
    const low = tileAt(fixture.linzePoint.lon, fixture.linzePoint.lat, 7);
    expect(low).toBe(tileAt(gaotaiHousehold.lon, gaotaiHousehold.lat, 7));
    const asLinze = tileCodes((await get(`/tiles/grids/${low}.mvt`, linzeAdmin)).rawPayload);
    expect(asLinze.county).toEqual([LINZE]);
    expect(
      Object.values(asLinze)
        .flat()
        .filter((code) => code.startsWith('620724')),
    ).toEqual([]);
    const asCity = tileCodes((await get(`/tiles/grids/${low}.mvt`, city)).rawPayload);
    expect(asCity.prefecture).toEqual([PREFECTURE]);
    expect([...asCity.county!].sort()).toEqual([LINZE, GAOTAI]);

    // Over 高台县 at street level 临泽县's administrator gets at most the prefecture's outline.
    const street = tileAt(gaotaiHousehold.lon, gaotaiHousehold.lat, 14);
    for (const set of ['grids', 'households', 'streets']) {
      const mine = await get(`/tiles/${set}/${street}.mvt`, linzeAdmin);
      expect([200, 204], `${set} ${mine.statusCode}`).toContain(mine.statusCode);
      const layers = mine.statusCode === 204 ? {} : tileCodes(mine.rawPayload);
      const expected = set === 'grids' ? [PREFECTURE] : [];
      expect(Object.values(layers).flat(), set).toEqual(expected);
      const theirs = await get(`/tiles/${set}/${street}.mvt`, city);
      expect(theirs.statusCode, `${set} as the prefecture`).toBe(200);
      expect(Object.values(tileCodes(theirs.rawPayload)).flat().length, set).toBeGreaterThan(expected.length);
    }
  });

  it('refuses 临泽县’s administrator a live subscription to 高台县 and sends them no event of it', async () => {
    const { cookie } = await as.sessionOf(linzeAdmin);
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const socket = new WebSocket(`ws://127.0.0.1:${port}/live`, { headers: { cookie: `gridmap_session=${cookie}` } });
    const messages: { type: string; scope?: string; serial?: string }[] = [];
    const waiters = new Set<() => void>();
    socket.on('message', (data) => {
      messages.push(JSON.parse(String(data)) as { type: string });
      for (const waiter of [...waiters]) waiter();
    });
    const until = (test: (message: { type: string; scope?: string; serial?: string }) => boolean) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (!messages.some(test)) return;
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
        check();
      });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    try {
      socket.send(JSON.stringify({ type: 'subscribe', scope: GAOTAI, after: null }));
      await until((message) => message.type === 'error');
      socket.send(JSON.stringify({ type: 'subscribe', scope: '620700', after: null }));
      await until((message) => message.type === 'subscribed');
      expect(messages.find((message) => message.type === 'subscribed')).toMatchObject({ scope: LINZE });
      // A case in 高台县 first, then one in 临泽县: events go out in id order, so by the time the
      // second arrives the first would have.
      const inGaotai = await report('admin', gaotaiHousehold.lon, gaotaiHousehold.lat);
      expect(inGaotai.statusCode, inGaotai.body).toBe(201);
      const inLinze = await report(linzeAdmin, fixture.linzePoint.lon, fixture.linzePoint.lat);
      const serial = inLinze.json<{ serial: string }>().serial;
      await until((message) => message.serial === serial);
      expect(messages.filter((message) => message.serial?.startsWith('620724'))).toEqual([]);
    } finally {
      socket.close();
    }
  });

  it('gives 临泽县’s administrator the audit trail of 临泽县 only, the prefecture administrator both counties’', async () => {
    const gaotaiReport = await report(city, gaotaiHousehold.lon, gaotaiHousehold.lat);
    expect(gaotaiReport.statusCode, gaotaiReport.body).toBe(201);
    const gaotaiSerial = gaotaiReport.json<{ serial: string }>().serial;
    const keys = async (url: string, who: string) => {
      const reply = await get(url, who);
      expect(reply.statusCode, reply.body.slice(0, 200)).toBe(200);
      return reply.json<{ entries: { entityKey: string }[] }>().entries.map((entry) => entry.entityKey);
    };
    const linzeSees = await keys('/api/audit?entity=case&limit=500', linzeAdmin);
    expect(linzeSees).toContain(linzeCase);
    expect(linzeSees).not.toContain(gaotaiSerial);
    expect(gaotaiSerials(linzeSees.join(' '))).toEqual([]);
    expect(await keys(`/api/audit?entity=case&entityKey=${gaotaiSerial}`, linzeAdmin)).toEqual([]);
    const csv = await get('/api/audit.csv?entity=case', linzeAdmin);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain(linzeCase);
    expect(gaotaiSerials(csv.body)).toEqual([]);
    const citySees = await keys('/api/audit?entity=case&limit=500', city);
    expect(citySees).toEqual(expect.arrayContaining([linzeCase, gaotaiSerial]));
  });

  it('answers 404 for codes that name no grid, at every level and for every viewer', async () => {
    for (const code of ['620800000000', '620726000000', '620723199000', '620723100299', '620723100201099']) {
      for (const url of [`/api/grids/${code}`, `/api/cases?grid=${code}`, `/api/households?grid=${code}`]) {
        for (const who of [city, linzeAdmin]) {
          expect((await get(url, who)).statusCode, `${url} as ${who}`).toBe(404);
        }
      }
    }
  });

  it('partitions the prefecture by its two counties, and finds a gap or an overlap between them', async () => {
    const sound = await checkStoredPartition(database.db.sql, PREFECTURE);
    expect(sound).toEqual({ ok: true, problems: [] });
    expect(await checkStoredPartition(database.db.sql, LINZE)).toEqual({ ok: true, problems: [] });

    const gap = await rolledBack(database.db, async (sql) => {
      await sql`UPDATE grids SET geom = ST_Multi(ST_Buffer(geom, -0.01)) WHERE code = ${LINZE} AND valid_to IS NULL`;
      return checkStoredPartition(sql, PREFECTURE);
    });
    expect(gap?.ok).toBe(false);
    expect(kinds(gap)).toEqual(['gap']);

    const overlap = await rolledBack(database.db, async (sql) => {
      // 临泽县 reaching into 高台县 (and the prefecture outline unchanged): the two counties overlap.
      await sql`
        UPDATE grids l SET geom = ST_Multi(ST_Union(l.geom, ST_Intersection(g.geom, ST_Buffer(ST_PointOnSurface(g.geom), 0.02))))
        FROM grids g WHERE l.code = ${LINZE} AND l.valid_to IS NULL AND g.code = ${GAOTAI} AND g.valid_to IS NULL`;
      return checkStoredPartition(sql, PREFECTURE);
    });
    expect(overlap?.ok).toBe(false);
    expect(kinds(overlap)).toContain('overlap');
    expect(overlap?.problems.find((problem) => problem.kind === 'overlap')?.codes?.sort()).toEqual([LINZE, GAOTAI]);
  });
});
