import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/src/app.js';
import type { Database, DatabaseKind } from '../../server/src/db/database.js';
import { openEmbedded } from '../../server/src/db/embeddedDatabase.js';
import { openPostgres } from '../../server/src/db/postgresDatabase.js';
import type { CaseActor } from '../../server/src/domain/caseLifecycle.js';
import { calendarCoverage } from '../../server/src/domain/calendarCoverage.js';
import { calendarWithYears } from '../../server/src/domain/holidayCalendar.js';
import { chinaTime, endOfWorkingDaysAfter } from '../../server/src/domain/workingDays.js';
import { reportCase } from '../../server/src/repos/cases/caseReportRepo.js';
import { readCase } from '../../server/src/repos/cases/caseDetailRepo.js';
import { backends } from '../support/testDatabases.js';
import { seededPrivatePostgres } from '../support/seededPostgres.js';
import type { ThrowawayPostgres } from '../support/throwawayPostgres.js';
import { signedInInject } from '../support/signedInInject.js';
import { databaseFingerprint } from '../support/databaseFingerprint.js';

/**
 * The working-day calendar beyond the bundled data (issue #17), on private databases of both
 * backends: loading a year moves open deadlines, so it must not touch other files' cases. The
 * arrangement is a test one, not the State Council's: its New Year holiday runs to Tuesday 5
 * January, which no real notice will say, so the test holds whatever year chinese-days lists.
 */
const test2027 = {
  holidays: ['2027-01-01', '2027-01-02', '2027-01-03', '2027-01-04', '2027-01-05'],
  workdays: ['2027-01-09'],
};
const admin: CaseActor = { role: 'county_admin', memberId: null };

async function privateDatabase(kind: DatabaseKind): Promise<{ db: Database; second: Database; drop(): Promise<void> }> {
  if (kind === 'postgres') {
    const throwaway: ThrowawayPostgres = await seededPrivatePostgres('gridmap_calendar');
    const db = openPostgres({ url: throwaway.url, max: 4 });
    // A second pool is a second server instance: it hears the first one's changes through NOTIFY.
    const second = openPostgres({ url: throwaway.url, max: 2 });
    return {
      db,
      second,
      drop: async () => {
        await second.close();
        await db.close();
        await throwaway.drop();
      },
    };
  }
  const db = await openEmbedded({ loadDataDir: new Blob([readFileSync(inject('embeddedTemplate'))]) });
  return { db, second: db, drop: () => db.close() };
}

describe.each(backends)('%s', (kind) => {
  let database: Awaited<ReturnType<typeof privateDatabase>>;
  let app: FastifyInstance;
  let other: FastifyInstance;
  const first = signedInInject('calendar', () => app);
  const second = signedInInject('calendar (second instance)', () => other);
  let serial: string;
  let dueBefore: Date;
  const reportedAt = chinaTime('2026-12-31', 10 * 60);

  beforeAll(async () => {
    database = await privateDatabase(kind);
    app = await buildApp({ db: database.db });
    other = await buildApp({ db: database.second });
    const [point] = await database.db.sql<{ lon: number; lat: number }>`
      SELECT ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat
      FROM grids WHERE level = 'group' AND valid_to IS NULL ORDER BY code LIMIT 1`;
    // Reported on Thursday 31 December 2026 with one working day at the group level.
    const result = await reportCase(
      database.db,
      { ...point!, category: 'neighbour_dispute', summary: '跨年期限测试', photo: null },
      admin,
      { now: reportedAt, calendar: app.calendar },
    );
    if (!result.ok) throw new Error(result.message);
    serial = result.case.serial;
    dueBefore = new Date(result.case.stageDueAt!);
    // Signed in before the fingerprints: a sign-in writes the audit trail.
    for (const account of ['admin', 'planner', 'auditor']) await first.sessionOf(account);
    await second.sessionOf('admin');
  }, 120_000);

  afterAll(async () => {
    await other?.close();
    await app?.close();
    await database?.drop();
  });

  const put = (body: unknown, as: string | null = 'admin', year: string | number = 2027) =>
    first.inject({ method: 'PUT', url: `/api/calendar/years/${year}`, payload: body as object }, as);

  it('reports its coverage; 2027 is not known yet and its days count Monday–Friday or the bundled data', async () => {
    const coverage = await first.get('/api/calendar/coverage');
    expect(coverage.statusCode).toBe(200);
    expect(coverage.json()).toEqual(calendarCoverage(calendarWithYears(new Map()), new Date()));
    const days = await first.get('/api/calendar?from=2027-01-04&to=2027-01-05');
    expect(days.json().map((day: { working: boolean }) => day.working)).toEqual([true, true]);
    expect(dueBefore.getTime()).toBeLessThan(chinaTime('2027-01-06', 0).getTime());
  });

  it.each([
    ['a malformed date', { holidays: ['2027-1-1'], workdays: [] }, 'holidays: "2027-1-1" is not a date'],
    ['an impossible date', { holidays: ['2027-02-30'], workdays: [] }, '"2027-02-30" is not a date'],
    ['a date outside the year', { holidays: ['2027-01-01', '2028-01-01'], workdays: [] }, '2028-01-01 is not in 2027'],
    [
      'a day both holiday and workday',
      { holidays: ['2027-01-01', '2027-01-09'], workdays: ['2027-01-09'] },
      '2027-01-09 is listed both as a holiday and as a workday',
    ],
    ['a missing list', { holidays: ['2027-01-01'] }, 'body parameter "workdays"'],
    ['an unknown field', { ...test2027, note: 'x' }, 'body'],
    ['a list of objects', { holidays: [{ date: '2027-01-01' }], workdays: [] }, 'holidays'],
  ])('refuses %s with 400 and stores nothing', async (_name, body, message) => {
    const before = await databaseFingerprint(database.db.sql);
    const reply = await put(body);
    expect(reply.statusCode).toBe(400);
    expect(reply.json().message).toContain(message);
    expect(await databaseFingerprint(database.db.sql)).toEqual(before);
  });

  it('refuses a year that is not a year, and anyone but the county administrator', async () => {
    const before = await databaseFingerprint(database.db.sql);
    expect((await put(test2027, 'admin', 'twenty')).statusCode).toBe(400);
    expect((await put(test2027, null)).statusCode).toBe(401);
    expect((await put(test2027, 'planner')).statusCode).toBe(403);
    expect((await put(test2027, 'auditor')).statusCode).toBe(403);
    expect(
      (
        await first.inject({
          method: 'PUT',
          url: '/api/calendar/years/2027',
          payload: test2027,
          headers: { 'x-csrf-token': 'wrong' },
        })
      ).statusCode,
    ).toBe(403);
    expect(await databaseFingerprint(database.db.sql)).toEqual(before);
  });

  it('loads 2027: the open case’s deadline moves over the loaded holidays, audited, on every instance', async () => {
    const heard = new Promise<void>((resolve) => {
      const stop = other.calendar.onChange(() => {
        stop();
        resolve();
      });
    });
    const reply = await put(test2027);
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toEqual({ year: 2027, source: 'loaded', movedCases: [serial] });

    const moved = await readCase(database.db.sql, serial, new Date());
    expect(moved?.stageDueAt).toBe(chinaTime('2027-01-06', 17 * 60 + 30).toISOString());
    expect(new Date(moved!.stageWarnAt!).getTime()).toBeLessThan(new Date(moved!.stageDueAt!).getTime());

    // The same day list on both instances, once the second heard the event.
    await heard;
    for (const instance of [first, second]) {
      const days = await instance.get('/api/calendar?from=2027-01-04&to=2027-01-09');
      expect(days.json()).toEqual([
        { date: '2027-01-04', working: false, source: 'loaded' },
        { date: '2027-01-05', working: false, source: 'loaded' },
        { date: '2027-01-06', working: true, source: 'loaded' },
        { date: '2027-01-07', working: true, source: 'loaded' },
        { date: '2027-01-08', working: true, source: 'loaded' },
        { date: '2027-01-09', working: true, source: 'loaded' },
      ]);
    }
    // A case reported on the second instance now counts over the loaded holidays too.
    expect(endOfWorkingDaysAfter(reportedAt, 1, other.calendar)).toEqual(chinaTime('2027-01-06', 17 * 60 + 30));

    const coverage = (await second.get('/api/calendar/coverage')).json();
    expect(coverage.years).toContainEqual({ year: 2027, source: 'loaded' });
    const years = (await first.get('/api/calendar/years')).json();
    expect(years).toEqual([expect.objectContaining({ year: 2027, ...test2027, loadedBy: 'admin' })]);

    const audit = (await first.get('/api/audit?action=calendar.load')).json();
    expect(audit.entries[0]).toMatchObject({
      action: 'calendar.load',
      entityKey: '2027',
      actor: { username: 'admin' },
    });
    const events = await database.db.sql<{ kind: string }>`SELECT kind FROM events ORDER BY id DESC LIMIT 2`;
    expect(events.map((event) => event.kind)).toEqual(['calendar', 'case']);
  });

  it('withdraws 2027: the deadline moves back, and a second withdrawal is 404', async () => {
    const reply = await first.inject({ method: 'DELETE', url: '/api/calendar/years/2027' });
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toMatchObject({ year: 2027, movedCases: [serial] });
    const back = await readCase(database.db.sql, serial, new Date());
    expect(back?.stageDueAt).toBe(dueBefore.toISOString());
    expect((await first.get('/api/calendar/years')).json()).toEqual([]);
    expect((await first.inject({ method: 'DELETE', url: '/api/calendar/years/2027' })).statusCode).toBe(404);
  });

  it('answers ranges with clear errors', async () => {
    expect((await first.get('/api/calendar?from=2027-02-30&to=2027-03-01')).statusCode).toBe(400);
    expect((await first.get('/api/calendar?from=2027-03-01&to=2027-02-01')).json().message).toContain('before');
    expect((await first.get('/api/calendar?from=2020-01-01&to=2027-01-01')).json().message).toContain('longer than');
    expect((await first.get('/api/calendar?from=2027-01-01')).statusCode).toBe(400);
    expect((await first.get('/api/calendar?from=2027-01-01&to=2027-01-01', null)).statusCode).toBe(401);
  });

  it('says on /health how far the calendar is known', async () => {
    const health = (await app.inject({ method: 'GET', url: '/health' })).json();
    expect(health.calendar.coveredUntil).toBe(calendarWithYears(new Map()).coveredUntil());
  });
});
