import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CameraOutageTimeline } from '../../server/src/contract/cameraOutageTimeline.js';
import { PatrolTimeline } from '../../server/src/contract/patrolTimeline.js';
import { setCameraStatus } from '../../server/src/repos/cameras/cameraWriteRepo.js';
import { backends } from '../support/testDatabases.js';
import { privateCountyApp } from '../support/privateCountyApp.js';
import { replySchemaErrors } from '../support/replySchema.js';

/**
 * The playback's columns besides cases (issue #15 part 3): camera outages and patrol records on the
 * cases' clock, on both backends, compared with the database they are read from.
 */

const COUNTY = '620724000000';
const hourMs = 3_600_000;

interface CameraRow {
  id: string;
  status: string;
  last_seen: Date;
  town_code: string;
  village_code: string;
}

interface PatrolRow {
  village_code: string;
  town_code: string;
  day: string;
  slot: 'am' | 'pm';
  done_at: Date;
}

describe.each(backends)('%s', (kind) => {
  const { db, get } = privateCountyApp(kind, 'playback_timelines');
  let cameras: CameraRow[];
  let patrols: PatrolRow[];
  /** The audited camera status changes (other files may have made some on this database before). */
  let changes: { id: string; at: Date; status: string }[];
  /** A camera flipped offline and back online through the audited write (the audit row keeps the real time of each). */
  let flipped: CameraRow;
  let beforeOffline: number;
  let betweenFlips: number;
  let afterOnline: number;

  beforeAll(async () => {
    cameras = await db().sql<CameraRow>`
      SELECT id, status, last_seen, town_code, village_code FROM cameras
      WHERE town_code BETWEEN '620724000000' AND '620724999999' ORDER BY id`;
    flipped = cameras.find((camera) => camera.status === 'online')!;
    beforeOffline = Date.now();
    expect((await setCameraStatus(db(), flipped.id, 'offline')).found).toBe(true);
    betweenFlips = Date.now();
    expect((await setCameraStatus(db(), flipped.id, 'online')).found).toBe(true);
    afterOnline = Date.now();
    changes = await db().sql<{ id: string; at: Date; status: string }>`
      SELECT entity_key AS id, at, after ->> 'status' AS status FROM audit_log
      WHERE action = 'camera.status' AND entity = 'camera' ORDER BY at, id`;
    patrols = await db().sql<PatrolRow>`
      SELECT village_code, town_code, to_char(day, 'YYYY-MM-DD') AS day, slot, done_at FROM patrols
      WHERE town_code BETWEEN '620724000000' AND '620724999999'`;
  });

  afterAll(async () => {
    await db().sql`UPDATE cameras SET last_seen = ${flipped.last_seen} WHERE id = ${flipped.id}`;
  });

  /** Outages worked out here from the audit rows and camera states, independently of the route's SQL. */
  function expectedOutages(): { id: string; start: number; end: number | null }[] {
    const now = new Map(cameras.map((camera) => [camera.id, camera]));
    const out: { id: string; start: number; end: number | null }[] = [];
    for (const camera of cameras) {
      const own = changes.filter((change) => change.id === camera.id);
      if (own.length === 0 && camera.status === 'offline') {
        out.push({ id: camera.id, start: new Date(camera.last_seen).getTime(), end: null });
      }
      own.forEach((change, k) => {
        if (change.status !== 'offline') return;
        const next = own[k + 1];
        out.push({
          id: camera.id,
          start: new Date(change.at).getTime(),
          end: next ? new Date(next.at).getTime() : null,
        });
      });
    }
    expect(now.size).toBe(cameras.length);
    return out.sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : 1));
  }

  describe('GET /api/cameras/outages/timeline', () => {
    it('gives each offline camera’s outage since it was last seen and an audited outage from offline to online', async () => {
      const res = await get('/api/cameras/outages/timeline?grid=620724');
      expect(res.statusCode, res.body).toBe(200);
      const outages = res.json<CameraOutageTimeline>();
      expect(replySchemaErrors(CameraOutageTimeline, outages)).toEqual([]);
      expect(outages.grid).toBe(COUNTY);
      const offline = cameras.filter((camera) => camera.status === 'offline');
      expect(offline.length).toBeGreaterThan(0);
      const expected = expectedOutages();
      expect(outages.cameraId).toEqual(expected.map((outage) => outage.id));
      expect(outages.startAt).toEqual(expected.map((outage) => outage.start));
      expect(outages.endAt).toEqual(expected.map((outage) => outage.end));
      for (const column of ['cameraId', 'startAt', 'endAt', 'lon', 'lat'] as const) {
        expect(outages[column], column).toHaveLength(outages.count);
      }
      for (const camera of offline) expect(outages.cameraId, camera.id).toContain(camera.id);
      const i = outages.cameraId.lastIndexOf(flipped.id);
      const [start, end] = [outages.startAt[i]!, outages.endAt[i]!];
      expect(start).toBeGreaterThanOrEqual(beforeOffline);
      expect(start).toBeLessThanOrEqual(betweenFlips);
      expect(end).toBeGreaterThanOrEqual(betweenFlips);
      expect(end).toBeLessThanOrEqual(afterOnline);
    });

    it('keeps the outages that meet [from, to)', async () => {
      const all = (await get('/api/cameras/outages/timeline?grid=620724')).json<CameraOutageTimeline>();
      const onlineAt = all.endAt[all.cameraId.lastIndexOf(flipped.id)]!;
      // endAt is floored to the millisecond; the stored instant may hold microseconds past it.
      const from = new Date(onlineAt + 1).toISOString();
      const after = (await get(`/api/cameras/outages/timeline?grid=620724&from=${from}`)).json<CameraOutageTimeline>();
      expect(after.cameraId).not.toContain(flipped.id);
      expect(after.from).toBe(from);
      const during = (
        await get(`/api/cameras/outages/timeline?grid=620724&from=${new Date(onlineAt - 1).toISOString()}`)
      ).json<CameraOutageTimeline>();
      expect(during.cameraId).toContain(flipped.id);
    });

    it('reads the viewer’s part: the wall the same, a town leader their town, another county 404', async () => {
      const admin = (await get('/api/cameras/outages/timeline?grid=620724')).json<CameraOutageTimeline>();
      expect((await get('/api/cameras/outages/timeline?grid=620724', 'wall')).json()).toEqual(admin);
      const town = flipped.town_code;
      const own = (await get('/api/cameras/outages/timeline?grid=620724', `town-${town}`)).json<CameraOutageTimeline>();
      expect(own.grid).toBe(town);
      const inTown = new Set(cameras.filter((camera) => camera.town_code === town).map((camera) => camera.id));
      expect(own.cameraId.length).toBeGreaterThan(0);
      expect(own.cameraId.every((id) => inTown.has(id))).toBe(true);
      expect((await get('/api/cameras/outages/timeline?grid=620723')).statusCode).toBe(404);
      expect((await get('/api/cameras/outages/timeline?grid=620724', null)).statusCode).toBe(401);
    });
  });

  describe('GET /api/patrols/timeline', () => {
    const slotEnd = (row: PatrolRow) => Date.parse(`${row.day}T${row.slot === 'am' ? '03:30' : '09:30'}:00Z`);

    it('gives every patrol of the county from when done to its slot’s end, at least an hour, and no member', async () => {
      const res = await get('/api/patrols/timeline?grid=620724');
      expect(res.statusCode, res.body).toBe(200);
      const timeline = res.json<PatrolTimeline>();
      expect(replySchemaErrors(PatrolTimeline, timeline)).toEqual([]);
      expect(timeline.count).toBe(patrols.length);
      expect(patrols.length).toBeGreaterThan(0);
      expect(res.body).not.toMatch(/member|actor/);
      const expected = patrols
        .map((row) => {
          const done = new Date(row.done_at).getTime();
          return { village: row.village_code, slot: row.slot, start: done, end: Math.max(slotEnd(row), done + hourMs) };
        })
        .sort((a, b) => a.start - b.start || (a.village < b.village ? -1 : 1));
      expect(timeline.villageCode).toEqual(expected.map((row) => row.village));
      expect(timeline.slot).toEqual(expected.map((row) => row.slot));
      expect(timeline.startAt).toEqual(expected.map((row) => row.start));
      expect(timeline.endAt).toEqual(expected.map((row) => row.end));
      expect(timeline.lon.every((lon) => lon > 98 && lon < 101)).toBe(true);
    });

    it('reads a group’s village, and keeps the patrols that meet [from, to)', async () => {
      const village = patrols[0]!.village_code;
      const group = (
        await db().sql<{ code: string }>`
        SELECT code FROM grids WHERE parent_code = ${village} AND level = 'group' AND valid_to IS NULL LIMIT 1`
      )[0]!.code;
      const own = (await get(`/api/patrols/timeline?grid=${group}`)).json<PatrolTimeline>();
      expect(own.count).toBe(patrols.filter((row) => row.village_code === village).length);
      expect(new Set(own.villageCode)).toEqual(new Set([village]));
      const all = (await get('/api/patrols/timeline?grid=620724')).json<PatrolTimeline>();
      const from = all.startAt[Math.floor(all.count / 2)]!;
      const to = from + 24 * hourMs;
      const window = (
        await get(
          `/api/patrols/timeline?grid=620724&from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}`,
        )
      ).json<PatrolTimeline>();
      const kept = all.startAt.filter((start, i) => start < to && all.endAt[i]! > from);
      expect(window.startAt).toEqual(kept);
      expect(kept.length).toBeGreaterThan(0);
    });
  });

  describe('bad input', () => {
    const routes = ['/api/cameras/outages/timeline', '/api/patrols/timeline'];
    const cases: [string, string, RegExp][] = [
      ['from after to', 'from=2026-06-02T00:00:00Z&to=2026-06-01T00:00:00Z', /"from" must be before "to"/],
      ['from equal to to', 'from=2026-06-01T00:00:00Z&to=2026-06-01T00:00:00Z', /"from" must be before "to"/],
      ['from before the history', 'from=2001-01-01T00:00:00Z', /"from" is before the case history starts/],
      ['to in the future', `to=${new Date(Date.now() + 86_400_000).toISOString()}`, /"to" is in the future/],
      ['to without an offset', 'to=2026-06-01T00:00:00', /"to" must be an ISO 8601 instant/],
      ['from that is no instant', 'from=yesterday', /"from" must be an ISO 8601 instant/],
    ];
    for (const route of routes) {
      it.each(cases)(`${route}: %s → 400 naming the parameter`, async (_, query, message) => {
        const res = await get(`${route}?grid=620724&${query}`);
        expect(res.statusCode, res.body).toBe(400);
        expect(res.json<{ message: string }>().message).toMatch(message);
      });
      it(`${route}: a malformed grid → 400, an unknown grid → 404`, async () => {
        expect((await get(`${route}?grid=abc`)).statusCode).toBe(400);
        const unknown = await get(`${route}?grid=620724999999`);
        expect(unknown.statusCode).toBe(404);
        expect(unknown.json<{ message: string }>().message).toMatch(/620724999999/);
      });
    }
  });
});
