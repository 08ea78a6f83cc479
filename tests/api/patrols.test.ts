import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/src/db/database.js';
import { kpiPeriod } from '../../server/src/domain/kpiPeriod.js';
import { Patrol, PatrolDay } from '../../server/src/contract/patrols.js';
import { backends } from '../support/testDatabases.js';
import { seededApp } from '../support/seededApp.js';
import { replySchemaErrors } from '../support/replySchema.js';

/** Days long before the seed's 30 days of patrols, one per backend, so this file's patrols meet no one else's. */
const testDays = { postgres: ['2020-03-02', '2020-03-03'], embedded: ['2020-04-02', '2020-04-03'] } as const;

interface PatrolReply {
  id: number;
  townCode: string;
  villageCode: string;
  day: string;
  slot: string;
  doneAt: string;
  camerasViewed: number;
}

describe.each(backends)('%s', (kind) => {
  const seeded = seededApp(kind);
  let db: Database;
  let town: string;
  let villages: string[];
  /** A village with no patrol in some slot today: the default-day test records it, afterAll removes it. */
  let todayOpen: { village: string; slot: 'am' | 'pm' } | null;
  const created: number[] = [];
  const [dayA, dayB] = testDays[kind];

  beforeAll(async () => {
    db = seeded.db;
    const [first] = await db.sql<{
      code: string;
    }>`SELECT code FROM grids WHERE level = 'town' AND valid_to IS NULL ORDER BY code DESC LIMIT 1`;
    town = first!.code;
    villages = (
      await db.sql<{
        code: string;
      }>`SELECT code FROM grids WHERE level = 'village' AND parent_code = ${town} AND valid_to IS NULL ORDER BY code`
    ).map((row) => row.code);
    const today = kpiPeriod(new Date()).today;
    const [open] = await db.sql<{ code: string; slot: 'am' | 'pm' }>`
      SELECT g.code, s.slot FROM grids g CROSS JOIN (VALUES ('am'), ('pm')) AS s (slot)
      WHERE g.level = 'village' AND g.valid_to IS NULL
        AND NOT EXISTS (SELECT 1 FROM patrols p WHERE p.village_code = g.code AND p.day = ${today}::date AND p.slot = s.slot)
      ORDER BY g.code DESC, s.slot LIMIT 1`;
    todayOpen = open ? { village: open.code, slot: open.slot } : null;
  });

  afterAll(async () => {
    // Today's patrol would otherwise count in other files' KPI checks (events stay: they are append-only).
    for (const id of created) await db.sql`DELETE FROM patrols WHERE id = ${id}`;
  });

  function post(body: Record<string, unknown>) {
    return seeded.inject({ method: 'POST', url: '/api/patrols', payload: body });
  }

  async function counts(village: string, day: string) {
    const [row] = await db.sql<{ patrols: number; events: number }>`
      SELECT
        (SELECT count(*)::int FROM patrols WHERE village_code = ${village} AND day = ${day}::date) AS patrols,
        (SELECT count(*)::int FROM events WHERE kind = 'patrol' AND village_code = ${village}) AS events`;
    return row!;
  }

  describe('POST /api/patrols', () => {
    it('records a village’s patrol with its town and publishes one patrol event', async () => {
      const village = villages[0]!;
      const before = await counts(village, dayA);
      const res = await post({ villageCode: village, slot: 'am', day: dayA, camerasViewed: 7 });
      expect(res.statusCode, res.body).toBe(201);
      const patrol = res.json<PatrolReply>();
      expect(replySchemaErrors(Patrol, patrol)).toEqual([]);
      expect(patrol).toMatchObject({ townCode: town, villageCode: village, day: dayA, slot: 'am', camerasViewed: 7 });
      expect(await counts(village, dayA)).toEqual({ patrols: before.patrols + 1, events: before.events + 1 });
      const [event] = await db.sql<{ town_code: string; payload: unknown }>`
        SELECT town_code, payload FROM events WHERE kind = 'patrol' AND village_code = ${village} ORDER BY id DESC LIMIT 1`;
      expect(event!.town_code).toBe(town);
      const payload = typeof event!.payload === 'string' ? JSON.parse(event!.payload) : event!.payload;
      expect(payload).toMatchObject({ patrolId: patrol.id, day: dayA, slot: 'am', camerasViewed: 7 });
    });

    it('counts the village’s online cameras as viewed when the number is not given', async () => {
      const village = villages[1] ?? villages[0]!;
      const [cameras] = await db.sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM cameras WHERE village_code = ${village} AND status = 'online'`;
      const res = await post({ villageCode: village, slot: 'pm', day: dayB });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json<PatrolReply>().camerasViewed).toBe(cameras!.n);
    });

    it('records today in China time when no day is given', async () => {
      expect(todayOpen, 'the seed left a slot open today').not.toBeNull();
      const res = await post({ villageCode: todayOpen!.village, slot: todayOpen!.slot });
      expect(res.statusCode, res.body).toBe(201);
      const patrol = res.json<PatrolReply>();
      created.push(patrol.id);
      expect(patrol.day).toBe(kpiPeriod(new Date()).today);
    });

    it('answers a second record of the same village, day and slot with 409 naming it, storing nothing', async () => {
      const village = villages[0]!;
      const before = await counts(village, dayA);
      const res = await post({ villageCode: village, slot: 'am', day: dayA });
      expect(res.statusCode).toBe(409);
      expect(res.json().message).toContain(village);
      expect(res.json().message).toContain(dayA);
      expect(await counts(village, dayA)).toEqual(before);
    });

    it('answers 404 for a village code no current village has, storing nothing', async () => {
      const unknown = `${town.slice(0, 9)}999`;
      const before = await counts(unknown, dayA);
      const res = await post({ villageCode: unknown, slot: 'am', day: dayA });
      expect(res.statusCode).toBe(404);
      expect(res.json().message).toContain(unknown);
      expect(await counts(unknown, dayA)).toEqual(before);
    });

    it.each([
      ['a missing slot', { slot: undefined }, 'slot'],
      ['an unknown slot', { slot: 'noon' }, 'slot'],
      ['a group code as village', { villageCode: '620724100201001' }, 'villageCode'],
      ['a negative camera count', { camerasViewed: -1 }, 'camerasViewed'],
      ['a malformed day', { day: '2020/03/04' }, 'day'],
      ['an impossible day', { day: '2020-02-30' }, 'day'],
    ])('rejects %s naming the parameter and storing nothing', async (_name, change, parameter) => {
      const village = villages[2] ?? villages[0]!;
      const before = await counts(village, dayB);
      const body: Record<string, unknown> = { villageCode: village, slot: 'am', day: dayB, ...change };
      if (body.slot === undefined) delete body.slot;
      const res = await post(body);
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toContain(`"${parameter}"`);
      expect(await counts(village, dayB)).toEqual(before);
    });
  });

  describe('GET /api/patrols', () => {
    it('lists every village of a town with its done and open slots of the day', async () => {
      const res = await seeded.inject({ method: 'GET', url: `/api/patrols?grid=${town}&day=${dayA}` });
      expect(res.statusCode, res.body).toBe(200);
      const reply = res.json<{
        villages: { villageCode: string; am: PatrolReply | null; pm: PatrolReply | null }[];
        slotsDone: number;
        slots: number;
      }>();
      expect(replySchemaErrors(PatrolDay, reply)).toEqual([]);
      expect(reply.villages.map((v) => v.villageCode)).toEqual(villages);
      const [stored] = await db.sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM patrols WHERE town_code = ${town} AND day = ${dayA}::date`;
      expect(reply.slotsDone).toBe(stored!.n);
      expect(reply.slots).toBe(villages.length * 2);
      expect(reply.villages[0]).toMatchObject({ am: { day: dayA, slot: 'am', camerasViewed: 7 }, pm: null });
    });

    it('shows a group the patrols of its village', async () => {
      const [group] = await db.sql<{ code: string }>`
        SELECT code FROM grids WHERE level = 'group' AND parent_code = ${villages[0]!} AND valid_to IS NULL ORDER BY code LIMIT 1`;
      const reply = (await seeded.inject({ method: 'GET', url: `/api/patrols?grid=${group!.code}&day=${dayA}` })).json<{
        villages: { villageCode: string }[];
      }>();
      expect(reply.villages.map((v) => v.villageCode)).toEqual([villages[0]]);
    });

    it.each([
      ['grid=abc', 400, 'grid'],
      [`grid=620724&day=tomorrow`, 400, 'day'],
      ['grid=620724999000', 404, '620724999000'],
    ])('refuses %s', async (query, status, named) => {
      const res = await seeded.inject({ method: 'GET', url: `/api/patrols?${query}` });
      expect(res.statusCode).toBe(status);
      expect(res.json().message).toContain(named);
    });
  });
});
