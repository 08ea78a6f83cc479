import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/src/db/database.js';
import { sqlRaw } from '../../server/src/db/sqlQuery.js';
import { CaseDetailWithActivity, CaseRecord } from '../../server/src/contract/cases.js';
import { backends } from '../support/testDatabases.js';
import { seededApp } from '../support/seededApp.js';
import { replySchemaErrors } from '../support/replySchema.js';
import { privateAccount } from '../support/privateAccount.js';
import { demoPassword } from '../../server/src/seed/demoAccounts.js';

/** An event's payload as a JSON object on both backends (see caseWrites.test.ts). */
const eventPayload = sqlRaw(`(payload #>> '{}')::jsonb`);

/**
 * 回访 (issue #14 part 6): `follow_up` on a resolved case records the resident's satisfaction with
 * the step; satisfied or basically satisfied closes the case, dissatisfied reopens it. Cases go into
 * a group of this file's own (the fourth-highest code; see idempotencyKey.test.ts).
 */
describe.each(backends)('%s', (kind) => {
  const seeded = seededApp(kind);
  let db: Database;
  let place: { lon: number; lat: number };
  /** A grid staff account of the group: handles its cases but may not close them. */
  let staff: string;

  beforeAll(async () => {
    db = seeded.db;
    const [group] = await db.sql<{ code: string; lon: number; lat: number }>`
      SELECT g.code, ST_X(ST_PointOnSurface(g.geom)) AS lon, ST_Y(ST_PointOnSurface(g.geom)) AS lat
      FROM grids g WHERE g.level = 'group' AND g.valid_to IS NULL ORDER BY g.code DESC OFFSET 3 LIMIT 1`;
    place = { lon: group!.lon, lat: group!.lat };
    staff = (await privateAccount(db, 'grid_staff', group!.code, demoPassword)).username;
  });

  const act = (serial: string, body: Record<string, unknown>, as = 'admin') =>
    seeded.inject({ method: 'POST', url: `/api/cases/${serial}/actions`, payload: body }, as);

  async function caseAt(status: 'registered' | 'resolved'): Promise<string> {
    const res = await seeded.inject({
      method: 'POST',
      url: '/api/cases',
      payload: { ...place, category: 'land_boundary', summary: '地界争议：围墙越界半米' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const serial = res.json<CaseRecord>().serial;
    if (status === 'resolved') {
      for (const action of ['accept', 'mediate', 'resolve']) {
        const step = await act(serial, { action });
        expect(step.statusCode, step.body).toBe(200);
      }
    }
    return serial;
  }

  /** What is stored about a case: state, steps, events, audit entries. */
  async function rows(serial: string) {
    const [row] = await db.sql<{ status: string; steps: number; events: number; audits: number }>`
      SELECT k.status,
        (SELECT count(*)::int FROM case_steps s WHERE s.serial = k.serial) AS steps,
        (SELECT count(*)::int FROM events WHERE kind = 'case' AND ${eventPayload}->>'serial' = k.serial) AS events,
        (SELECT count(*)::int FROM audit_log a WHERE a.entity = 'case' AND a.entity_key = k.serial) AS audits
      FROM cases k WHERE k.serial = ${serial}`;
    return row!;
  }

  describe('POST /api/cases/:serial/actions follow_up', () => {
    it.each(['satisfied', 'basically_satisfied'] as const)(
      'closes a resolved case when the resident is %s; the record, the step log and the audit show the visit',
      async (satisfaction) => {
        const serial = await caseAt('resolved');
        const res = await act(serial, { action: 'follow_up', satisfaction, note: '入户回访，双方认可' });
        expect(res.statusCode, res.body).toBe(200);
        const record = res.json<CaseRecord>();
        expect(replySchemaErrors(CaseRecord, record)).toEqual([]);
        expect(record).toMatchObject({
          status: 'closed',
          reopens: 0,
          followUp: { satisfaction, note: '入户回访，双方认可' },
        });
        expect(record.closedAt).toBe(record.followUp!.at);
        const detail = (await seeded.get(`/api/cases/${serial}`)).json<CaseDetailWithActivity>();
        expect(replySchemaErrors(CaseDetailWithActivity, detail)).toEqual([]);
        expect(detail.followUp).toEqual(record.followUp);
        expect(detail.steps.at(-1)).toMatchObject({
          action: 'follow_up',
          fromStatus: 'resolved',
          toStatus: 'closed',
          satisfaction,
        });
        expect(detail.steps.slice(0, -1).every((step) => step.satisfaction === null)).toBe(true);
        const [audit] = await db.sql<{ after: { satisfaction?: string; status?: string } }>`
          SELECT after FROM audit_log WHERE entity = 'case' AND entity_key = ${serial} AND action = 'case.follow_up'`;
        expect(audit!.after).toMatchObject({ satisfaction, status: 'closed' });
      },
    );

    it('reopens a resolved case when the resident is dissatisfied, at the same level with a new deadline, and publishes it', async () => {
      const serial = await caseAt('resolved');
      const resolved = (await seeded.get(`/api/cases/${serial}`)).json<CaseRecord>();
      const before = await rows(serial);
      const res = await act(serial, { action: 'follow_up', satisfaction: 'dissatisfied', note: '积水仍未排净' });
      expect(res.statusCode, res.body).toBe(200);
      const record = res.json<CaseRecord>();
      expect(record).toMatchObject({
        status: 'mediating',
        level: resolved.level,
        reopens: resolved.reopens + 1,
        resolvedAt: null,
        closedAt: null,
        deadlineState: 'green',
        followUp: { satisfaction: 'dissatisfied', note: '积水仍未排净' },
      });
      expect(record.stageDueAt).not.toBeNull();
      expect(new Date(record.stageStartedAt).getTime()).toBeGreaterThan(new Date(resolved.stageStartedAt).getTime());
      expect(await rows(serial)).toEqual({
        ...before,
        status: 'mediating',
        steps: before.steps + 1,
        events: before.events + 1,
        audits: before.audits + 1,
      });
      const [event] = await db.sql<{ action: string; status: string }>`
        SELECT ${eventPayload}->>'action' AS action, ${eventPayload}->>'status' AS status FROM events
        WHERE kind = 'case' AND ${eventPayload}->>'serial' = ${serial} ORDER BY id DESC LIMIT 1`;
      expect(event).toEqual({ action: 'follow_up', status: 'mediating' });
      // Mediation goes on: the case may be resolved and visited again.
      expect((await act(serial, { action: 'resolve' })).statusCode).toBe(200);
      const second = await act(serial, { action: 'follow_up', satisfaction: 'satisfied' });
      expect(second.json<CaseRecord>()).toMatchObject({
        status: 'closed',
        followUp: { satisfaction: 'satisfied', note: null },
      });
    });

    it.each([
      ['no satisfaction', { action: 'follow_up' }, 400, 'follow_up needs "satisfaction"'],
      [
        'an unknown satisfaction',
        { action: 'follow_up', satisfaction: 'happy' },
        400,
        'must be one of satisfied, basically_satisfied, dissatisfied',
      ],
      [
        'a note over 500 characters',
        { action: 'follow_up', satisfaction: 'satisfied', note: '很'.repeat(501) },
        400,
        '"note"',
      ],
    ])('refuses %s with %i and stores nothing', async (_name, body, status, message) => {
      const serial = await caseAt('resolved');
      const before = await rows(serial);
      const res = await act(serial, body);
      expect(res.statusCode).toBe(status);
      expect(res.json().message).toContain(message);
      expect(await rows(serial)).toEqual(before);
    });

    it('refuses a follow-up of a case not yet resolved with 409 wrong_status, storing nothing', async () => {
      const serial = await caseAt('registered');
      const before = await rows(serial);
      const res = await act(serial, { action: 'follow_up', satisfaction: 'satisfied' });
      expect(res.statusCode).toBe(409);
      expect(res.json().reason).toBe('wrong_status');
      expect(await rows(serial)).toEqual(before);
    });

    it('refuses roles that may not close: the grid staff 409 role_not_allowed (inside their group), a planner 403', async () => {
      const serial = await caseAt('resolved');
      const before = await rows(serial);
      const res = await act(serial, { action: 'follow_up', satisfaction: 'satisfied' }, staff);
      expect(res.statusCode).toBe(409);
      expect(res.json().reason).toBe('role_not_allowed');
      expect((await act(serial, { action: 'follow_up', satisfaction: 'satisfied' }, 'planner')).statusCode).toBe(403);
      expect(await rows(serial)).toEqual(before);
    });
  });
});
