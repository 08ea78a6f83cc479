import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { once } from 'node:events';
import Fastify from 'fastify';
import type { Database } from '../../server/src/db/database.js';
import { openPostgres } from '../../server/src/db/postgresDatabase.js';
import { sqlRaw } from '../../server/src/db/sqlQuery.js';
import type { CaseActor } from '../../server/src/domain/caseLifecycle.js';
import { chinaTime, weekdayCalendar } from '../../server/src/domain/workingDays.js';
import { caseEscalation, escalateOverdueCases, type EscalationRun } from '../../server/src/jobs/caseEscalator.js';
import { readCase } from '../../server/src/repos/cases/caseDetailRepo.js';
import { actOnCase } from '../../server/src/repos/cases/caseActionRepo.js';
import { reportCase } from '../../server/src/repos/cases/caseReportRepo.js';
import { backends, testDatabase } from '../support/testDatabases.js';

// The cases here are reported years before the seed's (which are around today), so a run judged
// at a chosen past instant finds only these; assertions still look only at this file's serials.
const admin: CaseActor = { role: 'county_admin', memberId: null };
const calendar = weekdayCalendar;
/** An event payload as an object on both backends (see caseWrites.test.ts: PostgreSQL stores it as a JSON string today). */
const eventPayload = sqlRaw(`(payload #>> '{}')::jsonb`);

describe.each(backends)('%s', (kind) => {
  let db: Database;
  /** A second connection pool to the same database: another server instance. */
  let other: Database;
  let position: { lon: number; lat: number };

  beforeAll(async () => {
    db = await testDatabase(kind);
    other = kind === 'postgres' ? openPostgres({ url: inject('postgresUrl'), max: 2 }) : db;
    const [point] = await db.sql<{ lon: number; lat: number }>`
      SELECT ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat
      FROM grids WHERE level = 'group' AND valid_to IS NULL ORDER BY code DESC LIMIT 1`;
    position = point!;
  });

  afterAll(async () => {
    if (other !== db) await other.close();
  });

  /** A case registered at the group level at `at` (China time `date` + minutes). */
  async function caseReportedAt(date: string, minutes: number): Promise<string> {
    const result = await reportCase(
      db,
      { ...position, category: 'neighbour_dispute', summary: '自动上报测试', photo: null },
      admin,
      { now: chinaTime(date, minutes), calendar },
    );
    if (!result.ok) throw new Error(result.message);
    return result.case.serial;
  }

  async function systemEscalations(serial: string) {
    return db.sql<{ at: Date; from_level: string; to_level: string; note: string }>`
      SELECT at, from_level, to_level, note FROM case_steps
      WHERE serial = ${serial} AND action = 'escalate' AND actor_role = 'system' ORDER BY at, id`;
  }

  async function escalationEvents(serial: string): Promise<number> {
    const [row] = await db.sql<{ n: number }>`
      SELECT count(*)::int AS n FROM events
      WHERE ${eventPayload}->>'serial' = ${serial} AND ${eventPayload}->>'action' = 'escalate'`;
    return row!.n;
  }

  describe('escalateOverdueCases', () => {
    it('escalates a stage past its deadline and grace one level up, once, with a system step and an event', async () => {
      // Monday 10:00 with 1 working day: due Tuesday 17:30; 4 working hours of grace end Wednesday 12:30.
      const serial = await caseReportedAt('2020-01-06', 10 * 60);
      const early = await escalateOverdueCases(db, { now: chinaTime('2020-01-08', 12 * 60), calendar });
      expect(early.escalated).not.toContain(serial);
      expect(await systemEscalations(serial)).toEqual([]);

      const now = chinaTime('2020-01-08', 13 * 60);
      const run = await escalateOverdueCases(db, { now, calendar });
      expect(run.escalated).toContain(serial);
      expect(await systemEscalations(serial)).toEqual([
        { at: now, from_level: 'group', to_level: 'village', note: '超期自动上报' },
      ]);
      expect(await escalationEvents(serial)).toBe(1);
      const escalated = await readCase(db.sql, serial, now);
      expect(escalated).toMatchObject({
        level: 'village',
        status: 'registered',
        escalations: 1,
        deadlineState: 'green',
      });

      const again = await escalateOverdueCases(db, { now, calendar });
      expect(again.escalated).not.toContain(serial);
      expect((await systemEscalations(serial)).length).toBe(1);
    });

    it('leaves an overdue case at the town governance centre red instead of escalating it', async () => {
      const serial = await caseReportedAt('2020-02-03', 10 * 60);
      for (let i = 0; i < 3; i++) {
        const result = await actOnCase(db, serial, { type: 'escalate' }, admin, {
          now: chinaTime('2020-02-03', 11 * 60),
          calendar,
        });
        expect(result.ok).toBe(true);
      }
      const now = chinaTime('2020-03-02', 10 * 60);
      const run = await escalateOverdueCases(db, { now, calendar });
      expect(run.escalated).not.toContain(serial);
      expect(await readCase(db.sql, serial, now)).toMatchObject({
        level: 'town_centre',
        deadlineState: 'red',
        escalations: 3,
      });
      expect(await systemEscalations(serial)).toEqual([]);
    });

    it('escalates each overdue case exactly once when two escalators run at the same time', async () => {
      const serials: string[] = [];
      for (let i = 0; i < 6; i++) serials.push(await caseReportedAt('2021-03-01', 9 * 60 + i));
      const now = chinaTime('2021-03-04', 10 * 60);
      const runs = await Promise.all([
        escalateOverdueCases(db, { now, calendar }),
        escalateOverdueCases(other, { now, calendar }),
      ]);
      const all = runs.flatMap((run) => run.escalated);
      for (const serial of serials) {
        expect(
          all.filter((escalated) => escalated === serial),
          serial,
        ).toEqual([serial]);
        expect(await systemEscalations(serial), serial).toEqual([
          expect.objectContaining({ from_level: 'group', to_level: 'village' }),
        ]);
        expect(await escalationEvents(serial), serial).toBe(1);
      }
    });
  });

  describe('the escalation timer', () => {
    it('runs the escalator on its interval, judged by the configured clock', async () => {
      const serial = await caseReportedAt('2022-03-07', 9 * 60);
      // A clock years back keeps the run off the seeded cases other test files read meanwhile.
      const app = Fastify().decorate('db', db);
      await app.register(caseEscalation, { intervalMs: 20, clock: () => chinaTime('2022-03-10', 10 * 60) });
      try {
        await app.ready();
        const [run] = (await once(app.caseEscalation, 'run')) as [EscalationRun];
        expect(run.escalated).toContain(serial);
        expect((await systemEscalations(serial)).length).toBe(1);
      } finally {
        await app.close();
      }
    });
  });
});
