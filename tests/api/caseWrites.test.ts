import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/src/db/database.js';
import { sqlRaw } from '../../server/src/db/sqlQuery.js';
import { MAX_CASE_PHOTO_BYTES } from '../../server/src/domain/casePhoto.js';
import { CaseDetail, CaseRecord } from '../../server/src/contract/cases.js';
import { chinaOfficialCalendar } from '../../server/src/domain/holidayCalendar.js';
import { chinaDate, endOfWorkingDaysAfter } from '../../server/src/domain/workingDays.js';
import { backends } from '../support/testDatabases.js';
import { seededApp } from '../support/seededApp.js';
import { replySchemaErrors } from '../support/replySchema.js';
import { leakedValues } from '../support/leakedValues.js';

interface Place {
  groupCode: string;
  villageCode: string;
  townCode: string;
  lon: number;
  lat: number;
}

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
/**
 * An event's payload as a JSON object on both backends: on PostgreSQL, eventRepo's
 * `${JSON.stringify(payload)}::jsonb` is stored as a JSON string (postgres.js serialises the
 * parameter as jsonb, encoding it twice) — reported to the lead; this reads either form.
 */
const eventPayload = sqlRaw(`(payload #>> '{}')::jsonb`);

const jpegDataUrl = (bytes: Buffer = JPEG) => `data:image/jpeg;base64,${bytes.toString('base64')}`;

describe.each(backends)('%s', (kind) => {
  const seeded = seededApp(kind);
  let db: Database;
  /** A group grid with cameras, its village and town, and a point inside it. */
  let place: Place;
  /** A point ~100 m east of the county's easternmost vertex. */
  let justOutside: { lon: number; lat: number };
  /** Today's serial prefix (China time): the cases this file reports are numbered under it. */
  const prefix = `620724${chinaDate(new Date()).replaceAll('-', '')}`;

  beforeAll(async () => {
    db = seeded.db;
    const [group] = await db.sql<{ code: string; village_code: string; town_code: string; lon: number; lat: number }>`
      SELECT g.code, v.code AS village_code, v.parent_code AS town_code,
        ST_X(ST_PointOnSurface(g.geom)) AS lon, ST_Y(ST_PointOnSurface(g.geom)) AS lat
      FROM grids g JOIN grids v ON v.code = g.parent_code AND v.valid_to IS NULL
      WHERE g.level = 'group' AND g.valid_to IS NULL
        AND EXISTS (SELECT 1 FROM cameras c WHERE c.group_code = g.code)
        AND EXISTS (SELECT 1 FROM grid_roles r WHERE r.grid_code = g.code AND r.role = 'grid_head' AND r.until IS NULL)
      ORDER BY g.code LIMIT 1`;
    place = {
      groupCode: group!.code,
      villageCode: group!.village_code,
      townCode: group!.town_code,
      lon: group!.lon,
      lat: group!.lat,
    };
    const [east] = await db.sql<{ lon: number; lat: number }>`
      SELECT ST_X(d.geom) + 0.0012 AS lon, ST_Y(d.geom) AS lat
      FROM grids g, ST_DumpPoints(g.geom) d
      WHERE g.level = 'county' AND g.valid_to IS NULL ORDER BY ST_X(d.geom) DESC LIMIT 1`;
    justOutside = east!;
  });

  function report(body: Record<string, unknown>) {
    return seeded.inject({ method: 'POST', url: '/api/cases', payload: body });
  }

  function act(serial: string, body: Record<string, unknown>) {
    return seeded.inject({ method: 'POST', url: `/api/cases/${serial}/actions`, payload: body });
  }

  const validReport = () => ({
    lon: place.lon,
    lat: place.lat,
    category: 'neighbour_dispute',
    summary: '邻里因排水沟堵塞引发纠纷',
  });

  async function reportedSerial(): Promise<string> {
    const res = await report(validReport());
    expect(res.statusCode, res.body).toBe(201);
    return res.json<CaseRecord>().serial;
  }

  /** Rows of today's cases in this file's group, their steps and events (other files report cases today too). */
  async function todaysRows(): Promise<{ cases: number; steps: number; events: number }> {
    const [row] = await db.sql<{ cases: number; steps: number; events: number }>`
      WITH mine AS (SELECT serial FROM cases
        WHERE group_code = ${place.groupCode} AND serial BETWEEN ${`${prefix}00000`} AND ${`${prefix}99999`})
      SELECT
        (SELECT count(*)::int FROM mine) AS cases,
        (SELECT count(*)::int FROM case_steps WHERE serial IN (SELECT serial FROM mine)) AS steps,
        (SELECT count(*)::int FROM events WHERE kind = 'case' AND group_code = ${place.groupCode}
           AND ${eventPayload}->>'serial' BETWEEN ${`${prefix}00000`} AND ${`${prefix}99999`}) AS events`;
    return row!;
  }

  /** Everything stored about one case: its row, steps and events. */
  async function caseRows(serial: string) {
    const [row] = await db.sql<Record<string, unknown>>`
      SELECT to_jsonb(k) - 'photo' AS state,
        (SELECT count(*)::int FROM case_steps s WHERE s.serial = k.serial) AS steps,
        (SELECT count(*)::int FROM events WHERE ${eventPayload}->>'serial' = k.serial) AS events
      FROM cases k WHERE k.serial = ${serial}`;
    return row;
  }

  describe('POST /api/cases', () => {
    it('registers a case in the group grid covering the position, with its village, town, deadline and grid head', async () => {
      const before = await todaysRows();
      const res = await report(validReport());
      expect(res.statusCode, res.body).toBe(201);
      const body = res.json<CaseRecord>();
      expect(replySchemaErrors(CaseRecord, body)).toEqual([]);
      expect(body.serial).toMatch(new RegExp(`^${prefix}\\d{5}$`));
      expect(body).toMatchObject({
        status: 'registered',
        level: 'group',
        groupCode: place.groupCode,
        villageCode: place.villageCode,
        townCode: place.townCode,
        category: 'neighbour_dispute',
        categoryName: '邻里纠纷',
        deadlineState: 'green',
        hasPhoto: false,
        escalations: 0,
      });
      expect(body.stageDueAt).toBe(
        endOfWorkingDaysAfter(new Date(body.reportedAt), 1, chinaOfficialCalendar).toISOString(),
      );
      const heads = await db.sql<{ member_id: number }>`
        SELECT member_id FROM grid_roles WHERE grid_code = ${place.groupCode} AND role = 'grid_head' AND until IS NULL ORDER BY member_id`;
      expect(body.responsibleMemberIds).toEqual(heads.map((row) => row.member_id));

      const steps = await db.sql<{ action: string; to_status: string; to_level: string; actor_role: string }>`
        SELECT action, to_status, to_level, actor_role FROM case_steps WHERE serial = ${body.serial}`;
      expect(steps).toEqual([
        { action: 'register', to_status: 'registered', to_level: 'group', actor_role: 'county_admin' },
      ]);
      const events = await db.sql<{ group_code: string; payload: Record<string, unknown> }>`
        SELECT group_code, ${eventPayload} AS payload FROM events WHERE ${eventPayload}->>'serial' = ${body.serial}`;
      expect(events).toEqual([
        {
          group_code: place.groupCode,
          payload: expect.objectContaining({ action: 'register', status: 'registered', level: 'group' }),
        },
      ]);
      expect(await todaysRows()).toEqual({
        cases: before.cases + 1,
        steps: before.steps + 1,
        events: before.events + 1,
      });
    });

    it('stores a photo under the type its bytes show', async () => {
      const res = await report({ ...validReport(), photo: jpegDataUrl() });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json<CaseRecord>().hasPhoto).toBe(true);
      const [row] = await db.sql<{ photo: Uint8Array; photo_type: string }>`
        SELECT photo, photo_type FROM cases WHERE serial = ${res.json<CaseRecord>().serial}`;
      expect(Buffer.from(row!.photo)).toEqual(JPEG);
      expect(row!.photo_type).toBe('image/jpeg');
    });

    it('numbers concurrent reports of one day with distinct, consecutive serials', async () => {
      const replies = await Promise.all(Array.from({ length: 6 }, () => report(validReport())));
      expect(replies.map((res) => res.statusCode)).toEqual(Array(6).fill(201));
      const serials = replies.map((res) => res.json<CaseRecord>().serial).sort();
      expect(new Set(serials).size).toBe(6);
      // Other files report cases today on the same PostgreSQL database: a number between ours may
      // be theirs, but none is skipped.
      const [first, last] = [Number(serials[0]!.slice(14)), Number(serials[5]!.slice(14))];
      const [range] = await db.sql<{ n: number }>`
        SELECT count(*)::int AS n FROM cases WHERE serial BETWEEN ${serials[0]} AND ${serials[5]}`;
      expect(range!.n).toBe(last - first + 1);
    });

    const bad: Array<[string, () => Record<string, unknown>, number, RegExp]> = [
      ['a point at lon 0, lat 0', () => ({ ...validReport(), lon: 0, lat: 0 }), 422, /outside 高台县/],
      ['a point just outside the county outline', () => ({ ...validReport(), ...justOutside }), 422, /outside 高台县/],
      [
        'an unknown category',
        () => ({ ...validReport(), category: 'ufo_sighting' }),
        400,
        /unknown category "ufo_sighting"/,
      ],
      ['a missing latitude', () => ({ lon: place.lon, category: 'other', summary: '测试' }), 400, /"lat"/],
      ['a longitude that is text', () => ({ ...validReport(), lon: 'east' }), 400, /"lon"/],
      ['a blank summary', () => ({ ...validReport(), summary: '   ' }), 400, /summary must not be empty/],
      [
        'a summary of two lines',
        () => ({ ...validReport(), summary: '第一行\n第二行' }),
        400,
        /summary must be one line/,
      ],
      ['a summary of 201 characters', () => ({ ...validReport(), summary: '纠'.repeat(201) }), 400, /at most 200/],
      [
        'a photo that is text declared as PNG',
        () => ({ ...validReport(), photo: `data:image/png;base64,${Buffer.from('not an image').toString('base64')}` }),
        415,
        /not a JPEG, PNG or WebP/,
      ],
      [
        'a PDF photo',
        () => ({
          ...validReport(),
          photo: `data:application/pdf;base64,${Buffer.from('%PDF-1.7').toString('base64')}`,
        }),
        415,
        /application\/pdf is not accepted/,
      ],
      [
        'a photo that is not a data URL',
        () => ({ ...validReport(), photo: 'https://example.com/a.jpg' }),
        400,
        /data URL/,
      ],
      [
        'a photo over 2 MiB',
        () => {
          const big = Buffer.alloc(MAX_CASE_PHOTO_BYTES + 1);
          JPEG.copy(big);
          return { ...validReport(), photo: jpegDataUrl(big) };
        },
        413,
        /limit is 2097152 bytes/,
      ],
    ];

    it.each(bad)('refuses %s with a clear message and stores nothing', async (_name, body, status, message) => {
      const before = await todaysRows();
      const res = await report(body());
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json<{ message: string }>().message).toMatch(message);
      expect(await todaysRows()).toEqual(before);
    });

    it('refuses a request body far over the photo limit with 413 and stores nothing', async () => {
      const before = await todaysRows();
      const res = await report({ ...validReport(), photo: jpegDataUrl(Buffer.alloc(4 * 1024 * 1024)) });
      expect(res.statusCode).toBe(413);
      expect(await todaysRows()).toEqual(before);
    });
  });

  describe('POST /api/cases/:serial/actions', () => {
    it('accepts a registered case, appending a step and publishing an event', async () => {
      const serial = await reportedSerial();
      const res = await act(serial, { action: 'accept', note: '已受理' });
      expect(res.statusCode, res.body).toBe(200);
      expect(replySchemaErrors(CaseRecord, res.json())).toEqual([]);
      expect(res.json<CaseRecord>()).toMatchObject({ serial, status: 'accepted', level: 'group' });
      const steps = await db.sql<{ action: string; from_status: string; to_status: string; note: string }>`
        SELECT action, from_status, to_status, note FROM case_steps WHERE serial = ${serial} ORDER BY at, id`;
      expect(steps.map((step) => step.action)).toEqual(['register', 'accept']);
      expect(steps[1]).toMatchObject({ from_status: 'registered', to_status: 'accepted', note: '已受理' });
      expect((await caseRows(serial))!.events).toBe(2);
    });

    it('escalates a case one level up and restarts its stage clock with that level’s time', async () => {
      const serial = await reportedSerial();
      const res = await act(serial, { action: 'escalate' });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json<CaseRecord>();
      expect(body).toMatchObject({ status: 'registered', level: 'village', escalations: 1, deadlineState: 'green' });
      expect(body.stageDueAt).toBe(
        endOfWorkingDaysAfter(new Date(body.stageStartedAt), 2, chinaOfficialCalendar).toISOString(),
      );
      expect((await act(serial, { action: 'send_back' })).json<CaseRecord>()).toMatchObject({
        level: 'group',
        status: 'registered',
      });
    });

    it('refuses an action the status does not allow with 409 naming the reason, and changes nothing', async () => {
      const serial = await reportedSerial();
      const before = await caseRows(serial);
      const res = await act(serial, { action: 'close' });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({
        error: 'Conflict',
        reason: 'wrong_status',
        message: expect.stringMatching(/wrong_status: cannot close a case that is registered/),
      });
      expect(await caseRows(serial)).toEqual(before);
    });

    it('lets only one of two concurrent conflicting actions apply', async () => {
      const serial = await reportedSerial();
      const replies = await Promise.all([act(serial, { action: 'accept' }), act(serial, { action: 'accept' })]);
      expect(replies.map((res) => res.statusCode).sort()).toEqual([200, 409]);
      const accepts = await db.sql`SELECT 1 FROM case_steps WHERE serial = ${serial} AND action = 'accept'`;
      expect(accepts.length).toBe(1);
    });

    const badActions: Array<[string, Record<string, unknown>, number, RegExp]> = [
      ['an unknown action', { action: 'fly' }, 400, /"action" must be one of/],
      ['a missing action', { note: '无' }, 400, /"action"/],
      ['a void without its reason', { action: 'void' }, 400, /reason/],
      ['a hand down to a level that does not exist', { action: 'hand_down', to: 'province' }, 400, /"province"/],
      ['a note over 500 characters', { action: 'accept', note: 'x'.repeat(501) }, 400, /"note"/],
      ['a skip of a case that is not major', { action: 'skip', to: 'town_centre' }, 409, /not_major/],
    ];

    it.each(badActions)('refuses %s and changes nothing', async (_name, body, status, message) => {
      const serial = await reportedSerial();
      const before = await caseRows(serial);
      const res = await act(serial, body);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json<{ message: string }>().message).toMatch(message);
      expect(await caseRows(serial)).toEqual(before);
    });

    it('replies 404 for a serial no case has, 400 for one that is not a serial', async () => {
      const missing = await act('6207242000010199999', { action: 'accept' });
      expect(missing.statusCode).toBe(404);
      expect(missing.json<{ message: string }>().message).toMatch(/no case with serial 6207242000010199999/);
      const malformed = await act('12345', { action: 'accept' });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json<{ message: string }>().message).toMatch(/"serial"/);
    });
  });

  describe('GET /api/cases/:serial', () => {
    it('returns the case with its step log in order, its group’s cameras and its village’s patrols of the report day', async () => {
      const serial = await reportedSerial();
      await act(serial, { action: 'accept' });
      await act(serial, { action: 'mediate', note: '组调解员上门' });
      const res = await seeded.inject({ method: 'GET', url: `/api/cases/${serial}` });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json<CaseDetail>();
      expect(replySchemaErrors(CaseDetail, body)).toEqual([]);
      expect(body).toMatchObject({ serial, status: 'mediating', groupCode: place.groupCode });
      expect(body.steps.map((step) => [step.action, step.fromStatus, step.toStatus])).toEqual([
        ['register', null, 'registered'],
        ['accept', 'registered', 'accepted'],
        ['mediate', 'accepted', 'mediating'],
      ]);
      expect(body.steps[2]!.note).toBe('组调解员上门');
      const cameras = await db.sql<{ id: string; status: string }>`
        SELECT id, status FROM cameras WHERE group_code = ${place.groupCode} ORDER BY id`;
      expect(cameras.length).toBeGreaterThan(0);
      expect(body.cameras.map((camera) => ({ id: camera.id, status: camera.status }))).toEqual(cameras);
      const patrols = await db.sql<{ slot: string }>`
        SELECT slot FROM patrols WHERE village_code = ${place.villageCode} AND day = ${chinaDate(new Date(body.reportedAt))}::date ORDER BY slot`;
      expect(body.patrols.map((patrol) => patrol.slot)).toEqual(patrols.map((patrol) => patrol.slot));
    });

    it('carries no personal data and no photo bytes', async () => {
      const res = await report({ ...validReport(), photo: jpegDataUrl() });
      const detail = await seeded.inject({ method: 'GET', url: `/api/cases/${res.json<CaseRecord>().serial}` });
      const people = await db.sql<{ name: string; phone: string | null }>`
        SELECT m.name, m.phone FROM member_private m JOIN members mm ON mm.id = m.member_id WHERE mm.village_code = ${place.villageCode}
        UNION ALL
        SELECT p.head_name, p.phone FROM household_private p JOIN households h ON h.id = p.household_id WHERE h.group_code = ${place.groupCode}`;
      expect(people.length).toBeGreaterThan(0);
      expect(
        leakedValues(
          detail.body,
          people.flatMap((row) => [row.name, row.phone]),
        ),
      ).toEqual([]);
      expect(detail.body).not.toContain(JPEG.toString('base64'));
      expect(detail.body).not.toMatch(/"photo"/);
    });

    it('replies 404 for a serial no case has and 400 for a malformed one', async () => {
      expect((await seeded.inject({ method: 'GET', url: '/api/cases/6207242000010199999' })).statusCode).toBe(404);
      const malformed = await seeded.inject({ method: 'GET', url: '/api/cases/abc' });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json<{ message: string }>().message).toMatch(/"serial"/);
    });
  });
});
