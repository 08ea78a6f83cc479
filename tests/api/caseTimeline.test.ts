import { beforeAll, describe, expect, it } from 'vitest';
import { CaseOpenAt, CaseTimeline } from '../../server/src/contract/caseTimeline.js';
import { backends } from '../support/testDatabases.js';
import { privateCountyApp } from '../support/privateCountyApp.js';
import { replySchemaErrors } from '../support/replySchema.js';

/**
 * The columnar case history (issue #15 part 2) on both backends. Counts are compared with the
 * database, so PostgreSQL gets a private seeded copy (other files write cases on the shared one at
 * the same moment); the embedded database is this worker's own, its files running one by one.
 */

const COUNTY = '620724000000';

interface CaseRow {
  serial: string;
  reported_at: Date;
  status: string;
  level: string;
  category: string;
  town_code: string;
  stage_warn_at: Date | null;
  stage_due_at: Date | null;
}

type Timeline = CaseTimeline;
const alive = (timeline: Timeline, at: number) =>
  timeline.reportedAt.filter((reported, i) => {
    const ended = timeline.endedAt[i];
    return reported <= at && (ended === null || ended === undefined || at < ended);
  }).length;

describe.each(backends)('%s', (kind) => {
  const { db, get } = privateCountyApp(kind, 'case_timeline');
  let rows: CaseRow[];
  let endedBySerial: Map<string, number>;
  let county: Timeline;

  beforeAll(async () => {
    rows = await db().sql<CaseRow>`
      SELECT serial, reported_at, status, level, category, town_code, stage_warn_at, stage_due_at FROM cases
      WHERE town_code BETWEEN '620724000000' AND '620724999999'`;
    // Independently of the route's SQL: the step that put the case in a status no action leaves.
    const steps = await db().sql<{ serial: string; at: Date }>`
      SELECT serial, at FROM case_steps WHERE to_status IN ('closed', 'voided', 'transferred')`;
    endedBySerial = new Map(steps.map((step) => [step.serial, new Date(step.at).getTime()]));
    const res = await get(`/api/cases/timeline?grid=620724`);
    expect(res.statusCode).toBe(200);
    county = res.json<Timeline>();
  });

  describe('GET /api/cases/timeline', () => {
    it('gives every case of the county as columns of equal length, sorted by reportedAt', () => {
      expect(replySchemaErrors(CaseTimeline, county)).toEqual([]);
      expect(county.grid).toBe(COUNTY);
      expect(county.truncated).toBe(false);
      expect(county.count).toBe(rows.length);
      for (const column of [
        'serial',
        'reportedAt',
        'endedAt',
        'warnAt',
        'deadlineAt',
        'level',
        'category',
        'status',
        'lon',
        'lat',
      ] as const) {
        expect(county[column], column).toHaveLength(rows.length);
      }
      const order = rows
        .map((row) => ({ serial: row.serial, at: new Date(row.reported_at).getTime() }))
        .sort((a, b) => a.at - b.at || (a.serial < b.serial ? -1 : 1));
      expect(county.serial).toEqual(order.map((row) => row.serial));
      expect(county.reportedAt).toEqual(order.map((row) => row.at));
    });

    it('ends a case when it was closed, voided or transferred, from its step log; open and resolved ones have none', () => {
      const byStatus = new Map(rows.map((row) => [row.serial, row]));
      county.serial.forEach((serial, i) => {
        const row = byStatus.get(serial)!;
        expect(county.status[i]).toBe(row.status);
        expect(county.level[i]).toBe(row.level);
        expect(county.category[i]).toBe(row.category);
        const ended = ['closed', 'voided', 'transferred'].includes(row.status) ? endedBySerial.get(serial) : null;
        expect(county.endedAt[i], serial).toBe(ended);
        expect(county.warnAt[i], serial).toBe(
          row.stage_warn_at === null ? null : new Date(row.stage_warn_at).getTime(),
        );
        expect(county.deadlineAt[i], serial).toBe(
          row.stage_due_at === null ? null : new Date(row.stage_due_at).getTime(),
        );
      });
      expect(county.deadlineAt.some((deadline) => deadline !== null)).toBe(true);
      expect(county.warnAt.some((warn) => warn !== null)).toBe(true);
      const statuses = new Set(county.status);
      for (const status of ['closed', 'voided', 'transferred', 'resolved', 'mediating'])
        expect(statuses).toContain(status);
    });

    it('places each case where GET /api/cases puts it', async () => {
      const list = await get(`/api/cases?grid=620724&status=all&limit=50000`);
      const features = list.json<{ features: { id: string; geometry: { coordinates: [number, number] } }[] }>()
        .features;
      const at = new Map(features.map((feature) => [feature.id, feature.geometry.coordinates]));
      county.serial.forEach((serial, i) => {
        expect([county.lon[i], county.lat[i]], serial).toEqual(at.get(serial));
      });
    });

    it('gives the wall the same columns as the administrator (positions and counts, no personal data)', async () => {
      const wall = await get(`/api/cases/timeline?grid=620724`, 'wall');
      expect(wall.statusCode).toBe(200);
      expect(wall.json()).toEqual(county);
      expect(wall.body).not.toMatch(/summary|reporter|phone/);
    });

    it('keeps the cases alive in [from, to): reported before to, not ended by from', async () => {
      const from = county.reportedAt[Math.floor(county.count / 3)]!;
      const to = county.reportedAt[Math.floor((2 * county.count) / 3)]!;
      const res = await get(
        `/api/cases/timeline?grid=620724&from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}`,
      );
      expect(res.statusCode).toBe(200);
      const window = res.json<Timeline>();
      expect(window.from).toBe(new Date(from).toISOString());
      const expected = county.serial.filter((_, i) => {
        const ended = county.endedAt[i];
        return county.reportedAt[i]! < to && (ended === null || ended! > from);
      });
      expect(window.serial).toEqual(expected);
      expect(expected.length).toBeGreaterThan(0);
    });

    it('narrows by category, level and status now, as the case list does', async () => {
      const res = await get(`/api/cases/timeline?grid=620724&category=land_boundary&status=closed`);
      const narrowed = res.json<Timeline>();
      const expected = county.serial.filter(
        (_, i) => county.category[i] === 'land_boundary' && county.status[i] === 'closed',
      );
      expect(narrowed.serial).toEqual(expected);
      expect(expected.length).toBeGreaterThan(0);
      const level = (await get(`/api/cases/timeline?grid=620724&level=village`)).json<Timeline>();
      expect(level.serial).toEqual(county.serial.filter((_, i) => county.level[i] === 'village'));
    });

    it('keeps the most recent cases when `limit` cuts, and says so', async () => {
      const res = await get(`/api/cases/timeline?grid=620724&limit=10`);
      const cut = res.json<Timeline>();
      expect(cut.truncated).toBe(true);
      expect(cut.serial).toEqual(county.serial.slice(-10));
      expect(cut.reportedAt).toEqual(county.reportedAt.slice(-10));
    });

    it('reads a town leader’s own town when the county is asked, and 404 for another county', async () => {
      const town = rows[0]!.town_code;
      const res = await get(`/api/cases/timeline?grid=620724`, `town-${town}`);
      expect(res.statusCode).toBe(200);
      const own = res.json<Timeline>();
      expect(own.grid).toBe(town);
      expect(new Set(own.serial)).toEqual(
        new Set(rows.filter((row) => row.town_code === town).map((row) => row.serial)),
      );
      const other = rows.find((row) => row.town_code !== town)!.town_code;
      expect((await get(`/api/cases/timeline?grid=${other}`, `town-${town}`)).statusCode).toBe(404);
      expect((await get(`/api/cases/timeline?grid=620723`)).statusCode).toBe(404);
      expect((await get(`/api/cases/timeline?grid=620724`, null)).statusCode).toBe(401);
    });
  });

  describe('GET /api/cases/open-at', () => {
    it('equals the number of timeline entries with reportedAt ≤ at < endedAt, at instants on and between the edges', async () => {
      const ends = county.endedAt.filter((ended): ended is number => ended !== null);
      const picks = [0.1, 0.35, 0.5, 0.8, 0.97].map((share) => Math.floor(share * county.count));
      const instants = new Set<number>([
        ...picks.map((i) => county.reportedAt[i]!),
        ...picks.map((i) => county.reportedAt[i]! - 1),
        ...picks.map((i) => ends[Math.floor((i / county.count) * ends.length)]!),
        ...picks.map((i) => ends[Math.floor((i / county.count) * ends.length)]! - 1),
        Math.floor((county.reportedAt[0]! + county.reportedAt.at(-1)!) / 2),
        county.reportedAt[0]!,
        Date.now() - 1000,
      ]);
      for (const at of instants) {
        const res = await get(`/api/cases/open-at?grid=620724&at=${new Date(at).toISOString()}`);
        expect(res.statusCode, res.body).toBe(200);
        expect(replySchemaErrors(CaseOpenAt, res.json())).toEqual([]);
        expect(res.json<CaseOpenAt>().count, new Date(at).toISOString()).toBe(alive(county, at));
      }
    });

    it('follows the same filters as the timeline', async () => {
      const at = county.reportedAt[Math.floor(county.count * 0.9)]!;
      const narrowed = (await get(`/api/cases/timeline?grid=620724&category=neighbour_dispute`)).json<Timeline>();
      // The same instant written in China time: 8 h later on the clock, with its +08:00 offset.
      const chinaText = new Date(at + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
      const res = await get(
        `/api/cases/open-at?grid=620724&category=neighbour_dispute&at=${encodeURIComponent(chinaText)}`,
      );
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<CaseOpenAt>().at).toBe(new Date(at).toISOString());
      expect(res.json<CaseOpenAt>().count).toBe(alive(narrowed, at));
    });
  });

  describe('bad input', () => {
    const now = () => new Date().toISOString();
    const cases: [string, () => string, RegExp][] = [
      ['open-at without at', () => '/api/cases/open-at?grid=620724', /"at"/],
      [
        'at that is no instant',
        () => '/api/cases/open-at?grid=620724&at=yesterday',
        /"at" must be an ISO 8601 instant/,
      ],
      [
        'at without an offset',
        () => '/api/cases/open-at?grid=620724&at=2026-11-30T12:00:00',
        /"at" must be an ISO 8601/,
      ],
      ['a day that does not exist', () => '/api/cases/open-at?grid=620724&at=2026-02-30T12:00:00Z', /"at" must be/],
      ['an hour that does not exist', () => '/api/cases/open-at?grid=620724&at=2026-11-30T24:00:00Z', /"at" must be/],
      [
        'at in the future',
        () => `/api/cases/open-at?grid=620724&at=${new Date(Date.now() + 86_400_000).toISOString()}`,
        /"at" is in the future/,
      ],
      [
        'at before the history',
        () => '/api/cases/open-at?grid=620724&at=2001-01-01T00:00:00Z',
        /"at" is before the case history starts/,
      ],
      [
        'from after to',
        () => `/api/cases/timeline?grid=620724&from=${now()}&to=2026-01-01T00:00:00Z`,
        /"from" must be before "to"/,
      ],
      [
        'from equal to to',
        () => '/api/cases/timeline?grid=620724&from=2026-06-01T00:00:00Z&to=2026-06-01T00:00:00Z',
        /"from" must be before "to"/,
      ],
      [
        'to in the future',
        () => `/api/cases/timeline?grid=620724&to=${new Date(Date.now() + 3_600_000).toISOString()}`,
        /"to" is in the future/,
      ],
      [
        'from before the history',
        () => '/api/cases/timeline?grid=620724&from=1999-12-31T16:00:00Z',
        /"from" is before the case history/,
      ],
      [
        'an unknown category',
        () => '/api/cases/timeline?grid=620724&category=alien_visit',
        /"category" is not a case category/,
      ],
      [
        'a malformed category',
        () => '/api/cases/open-at?grid=620724&at=2026-06-01T00:00:00Z&category=Bad!',
        /"category"/,
      ],
      ['an unknown level', () => '/api/cases/timeline?grid=620724&level=province', /"level" must be one of/],
      ['an unknown status', () => '/api/cases/timeline?grid=620724&status=pending', /"status" must be one of/],
      ['limit 0', () => '/api/cases/timeline?grid=620724&limit=0', /"limit"/],
      ['a grid code of letters', () => '/api/cases/timeline?grid=abc', /"grid"/],
    ];
    it.each(cases)('%s → 400 naming the parameter', async (_, url, message) => {
      const res = await get(url());
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json<{ message: string }>().message).toMatch(message);
    });

    it('a grid that does not exist → 404', async () => {
      expect((await get('/api/cases/open-at?grid=620724999999&at=2026-06-01T00:00:00Z')).statusCode).toBe(404);
    });
  });
});
