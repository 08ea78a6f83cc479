import { afterAll, describe, expect, it } from 'vitest';
import { CaseDetailWithActivity } from '../../server/src/contract/cases.js';
import { backends } from '../support/testDatabases.js';
import { seededApp } from '../support/seededApp.js';
import { replySchemaErrors } from '../support/replySchema.js';

interface CaseReply {
  truncated: boolean;
  features: { id: string; properties: { serial: string; category: string; level: string; reportedAt: string } }[];
}

interface Reply {
  statusCode: number;
  body: string;
  headers: Record<string, unknown>;
  json<T>(): T;
}

/** The China date (YYYY-MM-DD) of an instant. */
function chinaDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

describe.each(backends)('%s', (kind) => {
  const seeded = seededApp(kind);

  /** The village, category and level with the most cases reported before today, and the period they span. */
  async function busiestSlice() {
    const [row] = await seeded.db.sql<{ village: string; category: string; level: string; first: Date; last: Date }>`
      SELECT village_code AS village, category, level, min(reported_at) AS first, max(reported_at) AS last
      FROM cases WHERE reported_at < now() - interval '2 days'
      GROUP BY 1, 2, 3 ORDER BY count(*) DESC, 1, 2, 3 LIMIT 1`;
    return row!;
  }

  /** The serials SQL finds for the filters, newest first: China dates shifted by hand, both ends inclusive. */
  async function expectedSerials(village: string, category: string, level: string, from: string, to: string) {
    const rows = await seeded.db.sql<{ serial: string }>`
      SELECT serial FROM cases
      WHERE village_code = ${village} AND category = ${category} AND level = ${level}
        AND to_char(reported_at AT TIME ZONE 'UTC' + interval '8 hours', 'YYYY-MM-DD') BETWEEN ${from} AND ${to}
      ORDER BY reported_at DESC, serial DESC`;
    return rows.map((r) => r.serial);
  }

  describe('GET /api/cases with category, level, from, to', () => {
    it('lists exactly the cases of the category and level reported in the period, newest first', async () => {
      const slice = await busiestSlice();
      // A period that cuts the slice: from its first report's date to the day before its last.
      const from = chinaDate(slice.first);
      const to = chinaDate(new Date(slice.last.getTime() - 86_400_000));
      const query = `grid=${slice.village}&status=all&category=${slice.category}&level=${slice.level}&from=${from}&to=${to}`;
      for (let attempt = 0; attempt < 5; attempt++) {
        const before = await expectedSerials(slice.village, slice.category, slice.level, from, to);
        const res = (await seeded.get(`/api/cases?${query}`)) as Reply;
        expect(res.statusCode, res.body).toBe(200);
        const after = await expectedSerials(slice.village, slice.category, slice.level, from, to);
        if (JSON.stringify(before) !== JSON.stringify(after)) continue;
        const body = res.json<CaseReply>();
        expect(body.features.map((f) => f.properties.serial)).toEqual(after);
        expect(after.length).toBeGreaterThan(0);
        for (const feature of body.features) {
          expect(feature.properties.category).toBe(slice.category);
          expect(feature.properties.level).toBe(slice.level);
        }
        return;
      }
      throw new Error('the cases kept changing under the test');
    });

    it('takes from and to as China dates, both inclusive: one day gives that day’s cases', async () => {
      const slice = await busiestSlice();
      const day = chinaDate(slice.last);
      const res = (await seeded.get(`/api/cases?grid=${slice.village}&status=all&from=${day}&to=${day}`)) as Reply;
      const serials = res.json<CaseReply>().features.map((f) => f.properties.serial);
      const [row] = await seeded.db.sql<{ serial: string }>`
        SELECT serial FROM cases WHERE village_code = ${slice.village} AND reported_at = ${slice.last}`;
      expect(serials).toContain(row!.serial);
      for (const feature of res.json<CaseReply>().features) {
        expect(chinaDate(new Date(feature.properties.reportedAt))).toBe(day);
      }
    });

    it.each([
      ['category=no_such_thing', 'category'],
      ['category=BAD-CODE', 'category'],
      ['level=county', 'level'],
      ['from=2026-13-01', 'from'],
      ['to=yesterday', 'to'],
      ['from=2026-05-02&to=2026-05-01', 'from'],
    ])('rejects %s with a 400 naming %s', async (params, name) => {
      const res = (await seeded.get(`/api/cases?grid=620724&${params}`)) as Reply;
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json<{ message: string }>().message).toContain(name);
    });
  });

  describe('GET /api/cases.csv', () => {
    it('exports the same cases as the list, with a BOM, Chinese headers and no personal data', async () => {
      const slice = await busiestSlice();
      const query = `grid=${slice.village}&status=all&category=${slice.category}&to=${chinaDate(slice.last)}`;
      for (let attempt = 0; attempt < 5; attempt++) {
        const list = (await seeded.get(`/api/cases?${query}`)) as Reply;
        const csv = (await seeded.get(`/api/cases.csv?${query}`)) as Reply;
        const again = (await seeded.get(`/api/cases?${query}`)) as Reply;
        if (list.body !== again.body) continue;
        expect(csv.statusCode, csv.body).toBe(200);
        expect(String(csv.headers['content-type'])).toContain('text/csv');
        expect(csv.headers['x-truncated']).toBe('false');
        expect(
          csv.body.startsWith('\uFEFF编号,类别,村,组,办理层级,状态,期限状态,登记时间(北京时间),本级期限(北京时间)\r\n'),
        ).toBe(true);
        const lines = csv.body.trimEnd().split('\r\n').slice(1);
        const features = list.json<CaseReply>().features;
        expect(lines.map((line) => line.split(',')[0])).toEqual(features.map((f) => f.properties.serial));
        const summaries = await seeded.db.sql<{ summary: string }>`
          SELECT DISTINCT summary FROM cases WHERE village_code = ${slice.village}`;
        for (const { summary } of summaries) expect(csv.body).not.toContain(summary);
        for (const line of lines) {
          const cells = line.split(',');
          expect(cells).toHaveLength(9);
          expect(['正常', '临期', '超期']).toContain(cells[6]);
          expect(cells[7]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
        }
        return;
      }
      throw new Error('the cases kept changing under the test');
    });

    it('rejects the same bad parameters as the list', async () => {
      const res = (await seeded.get('/api/cases.csv?grid=620724&level=nowhere')) as Reply;
      expect(res.statusCode).toBe(400);
      expect(res.json<{ message: string }>().message).toContain('level');
    });
  });

  describe('GET /api/cases/:serial activity since the report', () => {
    let restore: { id: string; status: string; last_seen: Date } | undefined;
    afterAll(async () => {
      if (restore) {
        await seeded.db
          .sql`UPDATE cameras SET status = ${restore.status}, last_seen = ${restore.last_seen} WHERE id = ${restore.id}`;
      }
    });

    it('lists the status changes of the village’s cameras and the village’s patrols since the report', async () => {
      const [open] = await seeded.db.sql<{ serial: string; village_code: string; reported_at: Date }>`
        SELECT k.serial, k.village_code, k.reported_at FROM cases k
        WHERE k.status IN ('registered', 'accepted', 'mediating')
          AND EXISTS (SELECT 1 FROM cameras c WHERE c.village_code = k.village_code AND c.status = 'online')
        ORDER BY k.reported_at, k.serial LIMIT 1`;
      const [camera] = await seeded.db.sql<{ id: string; status: string; last_seen: Date }>`
        SELECT id, status, last_seen FROM cameras WHERE village_code = ${open!.village_code} AND status = 'online'
        ORDER BY id DESC LIMIT 1`;
      restore = camera!;
      for (const status of ['offline', 'online']) {
        const res = (await seeded.inject({
          method: 'POST',
          url: `/api/cameras/${camera!.id}/status`,
          payload: { status },
        })) as Reply;
        expect(res.statusCode, res.body).toBe(200);
      }
      const res = (await seeded.get(`/api/cases/${open!.serial}`)) as Reply;
      expect(res.statusCode, res.body).toBe(200);
      const detail = res.json<CaseDetailWithActivity>();
      expect(replySchemaErrors(CaseDetailWithActivity, detail)).toEqual([]);
      const mine = detail.cameraChanges.filter((change) => change.cameraId === camera!.id);
      expect(mine.slice(-2).map((change) => change.status)).toEqual(['offline', 'online']);
      for (const change of detail.cameraChanges) {
        expect(new Date(change.at).getTime()).toBeGreaterThanOrEqual(open!.reported_at.getTime());
      }
      const [patrols] = await seeded.db.sql<{ n: number }>`
        SELECT count(*)::int AS n FROM patrols
        WHERE village_code = ${open!.village_code} AND done_at <= now()
          AND day >= (${open!.reported_at}::timestamptz AT TIME ZONE 'UTC' + interval '8 hours')::date`;
      expect(detail.villagePatrols).toHaveLength(Math.min(200, patrols!.n));
      expect(detail.villagePatrols.length).toBeGreaterThan(0);
    });
  });
});
