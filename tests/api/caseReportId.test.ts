import { beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { Database } from '../../server/src/db/database.js';
import { sqlRaw } from '../../server/src/db/sqlQuery.js';
import type { CaseActor } from '../../server/src/domain/caseLifecycle.js';
import type { CaseRecord } from '../../server/src/contract/cases.js';
import { reportCase } from '../../server/src/repos/cases/caseReportRepo.js';
import { backends } from '../support/testDatabases.js';
import { seededApp } from '../support/seededApp.js';

/** An event payload as a JSON object on both backends (PostgreSQL stores it as a JSON string; see caseWrites.test.ts). */
const eventPayload = sqlRaw(`(payload #>> '{}')::jsonb`);

const actor: CaseActor = { role: 'county_admin', memberId: null };

describe.each(backends)('%s', (kind) => {
  const seeded = seededApp(kind);
  let db: Database;
  let point: { lon: number; lat: number };

  beforeAll(async () => {
    db = seeded.db;
    const [group] = await db.sql<{ lon: number; lat: number }>`
      SELECT ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat
      FROM grids WHERE level = 'group' AND valid_to IS NULL ORDER BY code DESC LIMIT 1`;
    point = group!;
  });

  /**
   * Reports go in on days of 2030 through the repository: cases of today would race with
   * caseWrites.test.ts, which counts and numbers today's cases while other files run on the same
   * PostgreSQL database; 2030 is also never overdue for the escalator tests.
   */
  let minute = 0;
  const reportAt = () => new Date(Date.UTC(2030, 2, 4, 2, minute++));

  const storeReport = (reportId: string, now: Date) =>
    reportCase(db, { ...point, category: 'environment', summary: '村道旁垃圾堆积未清运', photo: null }, actor, {
      now,
      reportId,
    });

  const post = (reportId: unknown) =>
    seeded.inject({
      method: 'POST',
      url: '/api/cases',
      payload: { ...point, category: 'environment', summary: '村道旁垃圾堆积未清运', reportId },
    });

  async function stored(reportId: string) {
    const [row] = await db.sql<{ cases: number; events: number }>`
      SELECT (SELECT count(*)::int FROM cases WHERE report_id = ${reportId}::uuid) AS cases,
        (SELECT count(*)::int FROM events WHERE kind = 'case'
          AND ${eventPayload}->>'serial' IN (SELECT serial FROM cases WHERE report_id = ${reportId}::uuid)) AS events`;
    return row!;
  }

  describe('reportCase with a reportId', () => {
    it('returns the stored case for a repeat, storing one case and one event', async () => {
      const reportId = randomUUID();
      const first = await storeReport(reportId, reportAt());
      const again = await storeReport(reportId, reportAt());
      expect(first).toMatchObject({ ok: true, repeated: false });
      expect(again).toMatchObject({ ok: true, repeated: true });
      expect(again.ok && first.ok && again.case.serial === first.case.serial).toBe(true);
      expect(await stored(reportId)).toEqual({ cases: 1, events: 1 });
    });

    it('stores one case when two attempts with one reportId arrive together', async () => {
      const reportId = randomUUID();
      const results = await Promise.all([storeReport(reportId, reportAt()), storeReport(reportId, reportAt())]);
      expect(results.map((r) => r.ok && r.repeated).sort()).toEqual([false, true]);
      expect(new Set(results.map((r) => (r.ok ? r.case.serial : null))).size).toBe(1);
      expect(await stored(reportId)).toEqual({ cases: 1, events: 1 });
    });

    it('registers different reportIds as different cases', async () => {
      const a = await storeReport(randomUUID(), reportAt());
      const b = await storeReport(randomUUID(), reportAt());
      expect(a.ok && b.ok && !a.repeated && !b.repeated && a.case.serial !== b.case.serial).toBe(true);
    });
  });

  describe('POST /api/cases with a reportId', () => {
    it('answers a repeat of a stored report with 200 and its case, storing nothing new', async () => {
      const reportId = randomUUID();
      const first = await storeReport(reportId, reportAt());
      const res = await post(reportId);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<CaseRecord>().serial).toBe(first.ok ? first.case.serial : 'not stored');
      expect(await stored(reportId)).toEqual({ cases: 1, events: 1 });
    });

    it('rejects a reportId that is not a UUID naming it', async () => {
      const res = await post('draft-1');
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toContain('"reportId"');
    });
  });
});
