import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { randomUUID } from 'node:crypto';
import { backends } from '../support/testDatabases.js';
import { seededApp } from '../support/seededApp.js';
import { decodeTile } from '../unit/tiles/decodeTile.js';

/** Town A's leader against town B: every door they try is refused with no data; their own doors open. */
const townA = '620724100000';
const townB = '620724101000';
const leaderA = `town-${townA}`;
const prefixA = townA.slice(0, 9);
const prefixB = townB.slice(0, 9);

interface Place {
  groupCode: string;
  villageCode: string;
  lon: number;
  lat: number;
}

/** Grid codes in a reply that lie outside town A (the county's own code aside). */
function foreignCodes(body: string): string[] {
  return [...body.matchAll(/"(620724\d{6}(?:\d{3})?)"/g)]
    .map((match) => match[1]!)
    .filter((code) => code !== '620724000000' && !code.startsWith(prefixA));
}

function tileAt(lon: number, lat: number, z: number) {
  const n = 2 ** z;
  const φ = (lat * Math.PI) / 180;
  return {
    z,
    x: Math.floor(((lon + 180) / 360) * n),
    y: Math.floor(((1 - Math.log(Math.tan(φ) + 1 / Math.cos(φ)) / Math.PI) / 2) * n),
  };
}

describe.each(backends)('%s', (kind) => {
  const seeded = seededApp(kind);
  const { get } = seeded;
  let placeA: Place;
  let placeB: Place;
  let householdA: number;
  let householdB: { id: number; lon: number; lat: number };
  let cameraB: string;
  let caseB: string;
  let villageB: string;

  beforeAll(async () => {
    const place = async (town: string) =>
      (
        await seeded.db.sql<Place>`
          SELECT g.code AS "groupCode", g.parent_code AS "villageCode",
            ST_X(g.label_point) AS lon, ST_Y(g.label_point) AS lat
          FROM grids g WHERE g.level = 'group' AND g.valid_to IS NULL AND g.code LIKE ${town.slice(0, 9) + '%'}
            AND ST_Contains(g.geom, g.label_point)
          ORDER BY g.code DESC LIMIT 1`
      )[0]!;
    placeA = await place(townA);
    placeB = await place(townB);
    villageB = placeB.villageCode;
    householdA = (
      await seeded.db.sql<{ id: number }>`
      SELECT id FROM households WHERE town_code = ${townA} ORDER BY id LIMIT 1`
    )[0]!.id;
    householdB = (
      await seeded.db.sql<{ id: number; lon: number; lat: number }>`
      SELECT id, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM households WHERE town_code = ${townB} ORDER BY id LIMIT 1`
    )[0]!;
    cameraB = (
      await seeded.db.sql<{ id: string }>`
      SELECT id FROM cameras WHERE town_code = ${townB} ORDER BY id LIMIT 1`
    )[0]!.id;
    caseB = (
      await seeded.db.sql<{ serial: string }>`
      SELECT serial FROM cases WHERE town_code = ${townB} AND status IN ('registered', 'accepted', 'mediating')
      ORDER BY serial LIMIT 1`
    )[0]!.serial;
    await seeded.app.listen({ port: 0, host: '127.0.0.1' });
  });

  /** Every refusal below counts here; the total is printed after the block. */
  let refused = 0;
  const expectRefused = (status: number, expected: number[], body: string, what: string) => {
    expect(expected, `${what}: ${status} ${body.slice(0, 200)}`).toContain(status);
    refused += 1;
  };
  afterAll(() => {
    console.log(`[scopes ${kind}] cross-scope attempts made and refused: ${refused}`);
  });

  describe('a town leader reads only their town', () => {
    it('another town’s grid is 404 with the message of a grid that does not exist; the county above too', async () => {
      const other = await get(`/api/grids/${townB}`, leaderA);
      expectRefused(other.statusCode, [404], other.body, 'grid B');
      expect(other.json()).toEqual({ error: 'Not Found', message: `no grid with code ${townB}` });
      const missing = await get('/api/grids/620724199000', leaderA);
      expect(missing.json()).toEqual({ error: 'Not Found', message: 'no grid with code 620724199000' });
      const county = await get('/api/grids/620724000000', leaderA);
      expectRefused(county.statusCode, [404], county.body, 'county grid');
      const own = await get(`/api/grids/${townA}`, leaderA);
      expect(own.statusCode).toBe(200);
      expect(own.json().properties.code).toBe(townA);
    });

    it.each([
      ['cases', (g: string) => `/api/cases?grid=${g}&status=all`],
      ['households', (g: string) => `/api/households?grid=${g}`],
      ['streets', (g: string) => `/api/streets?grid=${g}`],
      ['cameras', (g: string) => `/api/cameras?grid=${g}`],
      ['patrols', (g: string) => `/api/patrols?grid=${g}`],
      ['kpis', (g: string) => `/api/kpis?scope=${g}`],
      ['grid children', (g: string) => `/api/grids?parent=${g}`],
    ])('%s: another town is 404; the county lists only their own town', async (_name, url) => {
      const other = await get(url(townB), leaderA);
      expectRefused(other.statusCode, [404], other.body, url(townB));
      // The reply of a grid that does not exist: it names only the code that was asked.
      expect(other.json()).toEqual({ error: 'Not Found', message: `no grid with code ${townB}` });
      const inVillage = await get(url(villageB), leaderA);
      expectRefused(inVillage.statusCode, [404], inVillage.body, url(villageB));

      const county = await get(url('620724'), leaderA);
      expect(county.statusCode).toBe(200);
      expect(county.body).toContain(prefixA);
      expect(foreignCodes(county.body)).toEqual([]);
    });

    it('grid lists by level hold only grids of their town', async () => {
      const towns = (await get('/api/grids?level=town', leaderA)).json<{ features: { id: string }[] }>();
      expect(towns.features.map((f) => f.id)).toEqual([townA]);
      const villages = (await get('/api/grids?level=village', leaderA)).json<{ features: { id: string }[] }>();
      expect(villages.features.length).toBeGreaterThan(0);
      expect(villages.features.every((f) => f.id.startsWith(prefixA))).toBe(true);
    });

    it('another town’s case is 404 to read and to act on, and stays unchanged', async () => {
      const before = await seeded.db.sql`SELECT status, level FROM cases WHERE serial = ${caseB}`;
      const detail = await get(`/api/cases/${caseB}`, leaderA);
      expectRefused(detail.statusCode, [404], detail.body, 'case B detail');
      const act = await seeded.inject(
        { method: 'POST', url: `/api/cases/${caseB}/actions`, payload: { action: 'escalate' } },
        leaderA,
      );
      expectRefused(act.statusCode, [404], act.body, 'case B action');
      expect(act.json().message).toBe(`no case with serial ${caseB}`);
      expect(await seeded.db.sql`SELECT status, level FROM cases WHERE serial = ${caseB}`).toEqual(before);
    });

    it('reports only inside their town, and acts on their own cases', async () => {
      const outside = await seeded.inject(
        {
          method: 'POST',
          url: '/api/cases',
          payload: {
            lon: placeB.lon,
            lat: placeB.lat,
            category: 'neighbour_dispute',
            summary: '越权上报测试',
            reportId: randomUUID(),
          },
        },
        leaderA,
      );
      expectRefused(outside.statusCode, [403], outside.body, 'report in B');
      expect(outside.json().message).toContain('outside your scope');
      const inside = await seeded.inject(
        {
          method: 'POST',
          url: '/api/cases',
          payload: { lon: placeA.lon, lat: placeA.lat, category: 'neighbour_dispute', summary: '本镇上报测试' },
        },
        leaderA,
      );
      expect(inside.statusCode).toBe(201);
      const serial = inside.json<{ serial: string }>().serial;
      const act = await seeded.inject(
        { method: 'POST', url: `/api/cases/${serial}/actions`, payload: { action: 'escalate' } },
        leaderA,
      );
      expect(act.statusCode).toBe(200);
      expect((await get(`/api/cases/${serial}`, leaderA)).statusCode).toBe(200);
      const otherLeader = await get(`/api/cases/${serial}`, `town-${townB}`);
      expectRefused(otherLeader.statusCode, [404], otherLeader.body, 'case A read by leader B');
    });

    it('another town’s camera status and village patrol are refused', async () => {
      const camera = await seeded.inject(
        { method: 'POST', url: `/api/cameras/${cameraB}/status`, payload: { status: 'offline' } },
        leaderA,
      );
      expectRefused(camera.statusCode, [404], camera.body, 'camera B status');
      const patrol = await seeded.inject(
        { method: 'POST', url: '/api/patrols', payload: { villageCode: villageB, slot: 'am', day: '2031-01-06' } },
        leaderA,
      );
      expectRefused(patrol.statusCode, [404], patrol.body, 'patrol B');
      const rows = await seeded.db.sql`SELECT 1 FROM patrols WHERE village_code = ${villageB} AND day = '2031-01-06'`;
      expect(rows).toEqual([]);
    });

    it('tiles: no households, streets or village and group outlines of another town; town outlines stay', async () => {
      const z = 14;
      const tile = tileAt(householdB.lon, householdB.lat, z);
      const asAdmin = await get(`/tiles/households/${z}/${tile.x}/${tile.y}.mvt`, 'admin');
      expect(asAdmin.statusCode).toBe(200);
      const adminIds = decodeTile(asAdmin.rawPayload).households!.features.map((f) => f.properties.id);
      expect(adminIds).toContain(householdB.id);
      const asLeader = await get(`/tiles/households/${z}/${tile.x}/${tile.y}.mvt`, leaderA);
      expectRefused(asLeader.statusCode, [200, 204], '', 'household tile B');
      const leaderGroups =
        asLeader.statusCode === 204
          ? []
          : decodeTile(asLeader.rawPayload).households!.features.map((f) => String(f.properties.groupCode));
      expect(leaderGroups.filter((code) => code.startsWith(prefixB))).toEqual([]);

      const gridTile = tileAt(placeB.lon, placeB.lat, 12);
      const grids = await get(`/tiles/grids/12/${gridTile.x}/${gridTile.y}.mvt`, leaderA);
      const layers = decodeTile(grids.rawPayload);
      const codes = (layer: string) => (layers[layer]?.features ?? []).map((f) => String(f.properties.code));
      expect([...codes('village'), ...codes('group')].filter((code) => code.startsWith(prefixB))).toEqual([]);
      expect(codes('town')).toContain(townB);
      const adminGrids = decodeTile((await get(`/tiles/grids/12/${gridTile.x}/${gridTile.y}.mvt`, 'admin')).rawPayload);
      expect(adminGrids.village!.features.map((f) => String(f.properties.code))).toContain(villageB);
    });

    it('personal data of another town is 404; their own is shown unmasked and audited', async () => {
      const other = await get(`/api/households/${householdB.id}/contact`, leaderA);
      expectRefused(other.statusCode, [404], other.body, 'contact B');
      const own = await get(`/api/households/${householdA}/contact`, leaderA);
      expect(own.statusCode).toBe(200);
      const [stored] = await seeded.db.sql<{ head_name: string; phone: string | null }>`
        SELECT head_name, phone FROM household_private WHERE household_id = ${householdA}`;
      expect(own.json()).toMatchObject({ id: householdA, headName: stored!.head_name, phone: stored!.phone });
      const audit = await seeded.db.sql<{ after: string }>`
        SELECT after::text AS after FROM audit_log
        WHERE action = 'personal_data.unmask' AND entity = 'household' AND entity_key = ${String(householdA)}
          AND actor_username = ${leaderA}`;
      expect(audit.length).toBeGreaterThanOrEqual(1);
      expect(audit.map((row) => row.after).join()).not.toContain(stored!.head_name);
      for (const role of ['planner', 'auditor', 'wall']) {
        const refusedRole = await get(`/api/households/${householdA}/contact`, role);
        expectRefused(refusedRole.statusCode, [403], refusedRole.body, `contact as ${role}`);
      }
    });

    it('a member’s name and phone: their own town’s unmasked and audited, another town’s 404', async () => {
      const member = async (town: string) =>
        (
          await seeded.db.sql<{ id: number; name: string }>`
          SELECT m.id, p.name FROM members m JOIN member_private p ON p.member_id = m.id
          WHERE m.town_code = ${town} ORDER BY m.id LIMIT 1`
        )[0]!;
      const [own, other] = [await member(townA), await member(townB)];
      const refusedReply = await get(`/api/members/${other.id}/contact`, leaderA);
      expectRefused(refusedReply.statusCode, [404], refusedReply.body, 'member contact B');
      expect(refusedReply.body).not.toContain(other.name);
      const reply = await get(`/api/members/${own.id}/contact`, leaderA);
      expect(reply.statusCode).toBe(200);
      expect(reply.json()).toMatchObject({ id: own.id, name: own.name });
      expect(reply.headers['cache-control']).toBe('no-store');
      const audit = await seeded.db.sql`
        SELECT 1 FROM audit_log WHERE action = 'personal_data.unmask' AND entity = 'member'
          AND entity_key = ${String(own.id)} AND actor_username = ${leaderA}`;
      expect(audit.length).toBeGreaterThanOrEqual(1);
      const wall = await get(`/api/members/${own.id}/contact`, 'wall');
      expectRefused(wall.statusCode, [403], wall.body, 'member contact as wall');
    });

    it('the audit trail is closed to a town leader', async () => {
      const reply = await get('/api/audit', leaderA);
      expectRefused(reply.statusCode, [403], reply.body, 'audit');
    });

    it('live: another town’s scope is refused; the county is narrowed to their town', async () => {
      const { cookie } = await seeded.sessionOf(leaderA);
      const address = seeded.app.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const socket = new WebSocket(`ws://127.0.0.1:${port}/live`, { headers: { cookie: `gridmap_session=${cookie}` } });
      const messages: { type: string; scope?: string; message?: string }[] = [];
      const next = () =>
        new Promise<{ type: string; scope?: string; message?: string }>((resolve) =>
          socket.once('message', (data) => {
            const message = JSON.parse(String(data)) as { type: string; scope?: string; message?: string };
            messages.push(message);
            resolve(message);
          }),
        );
      await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
      try {
        let reply = next();
        socket.send(JSON.stringify({ type: 'subscribe', scope: townB, after: null }));
        const refusal = await reply;
        expectRefused(refusal.type === 'error' ? 403 : 200, [403], JSON.stringify(refusal), 'live B');
        expect(refusal.message).toContain(`unknown scope "${townB}"`);
        reply = next();
        socket.send(JSON.stringify({ type: 'subscribe', scope: '620724', after: null }));
        expect(await reply).toMatchObject({ type: 'subscribed', scope: townA });
      } finally {
        socket.close();
      }
      // Without a session the upgrade itself is refused.
      const anonymous = new WebSocket(`ws://127.0.0.1:${port}/live`);
      anonymous.on('error', () => {}); // the refused upgrade is the expected outcome
      const status = await new Promise<number>((resolve) =>
        anonymous.once('unexpected-response', (request, response) => {
          resolve(response.statusCode ?? 0);
          // With this listener ws leaves the refused request to the caller: end it.
          response.resume();
          request.destroy();
        }),
      );
      expectRefused(status, [401], '', 'live without a session');
    });
  });

  describe('the wall display', () => {
    it('reads counts and positions but no name, not even a masked one', async () => {
      const households = (await get(`/api/households?grid=${placeA.groupCode}`, 'wall')).json<{
        features: { properties: { headName: string | null } }[];
      }>();
      expect(households.features.length).toBeGreaterThan(0);
      expect(households.features.every((f) => f.properties.headName === null)).toBe(true);
      const streets = (await get(`/api/streets?grid=${placeA.villageCode}`, 'wall')).json<{
        features: { properties: { chiefName: string | null } }[];
      }>();
      expect(streets.features.every((f) => f.properties.chiefName === null)).toBe(true);
      const masked = (await get(`/api/households?grid=${placeA.groupCode}`, 'admin')).json<{
        features: { properties: { headName: string | null } }[];
      }>();
      expect(masked.features.some((f) => /^\p{L}\*+$/u.test(f.properties.headName ?? ''))).toBe(true);
    });
  });

  describe('read-only roles may not write', () => {
    it.each(['planner', 'auditor', 'wall'])('%s cannot report, act, set a camera or record a patrol', async (role) => {
      const attempts = [
        {
          method: 'POST' as const,
          url: '/api/cases',
          payload: { lon: placeA.lon, lat: placeA.lat, category: 'neighbour_dispute', summary: 'x' },
        },
        { method: 'POST' as const, url: `/api/cases/${caseB}/actions`, payload: { action: 'accept' } },
        { method: 'POST' as const, url: `/api/cameras/${cameraB}/status`, payload: { status: 'offline' } },
        {
          method: 'POST' as const,
          url: '/api/patrols',
          payload: { villageCode: villageB, slot: 'pm', day: '2031-01-07' },
        },
      ];
      for (const attempt of attempts) {
        const reply = await seeded.inject(attempt, role);
        expectRefused(reply.statusCode, [403], reply.body, `${role} ${attempt.url}`);
      }
    });
  });
});
