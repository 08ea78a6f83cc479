import { beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { Database, DatabaseKind } from '../../server/src/db/database.js';
import { sqlRaw } from '../../server/src/db/sqlQuery.js';
import {
  CaseDetailWithActivity,
  CaseRecord,
  CaseVersionConflict,
  type CaseVersionConflict as CaseVersionConflictReply,
} from '../../server/src/contract/cases.js';
import { backends } from '../support/testDatabases.js';
import { privateCountyApp } from '../support/privateCountyApp.js';
import { replySchemaErrors } from '../support/replySchema.js';

/** An event's payload as a JSON object on both backends (see caseWrites.test.ts). */
const eventPayload = sqlRaw(`(payload #>> '{}')::jsonb`);

/**
 * Holds what a write to the case needs until the returned release is called: on PostgreSQL the
 * case's row lock (so two actions queue on it and the second reads the row the first left), on the
 * embedded database (one connection, one transaction at a time) the database itself.
 */
async function holdCase(db: Database, kind: DatabaseKind, serial: string): Promise<() => Promise<void>> {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  let held!: () => void;
  const holding = new Promise<void>((resolve) => (held = resolve));
  const done = db.transaction(async (sql) => {
    if (kind === 'postgres') await sql`SELECT 1 FROM cases WHERE serial = ${serial} FOR UPDATE`;
    held();
    await gate;
  });
  await holding;
  return async () => {
    open();
    await done;
  };
}

/** Resolves once two sessions wait for a lock: the two actions queued on the held case row. */
async function bothWaiting(db: Database): Promise<void> {
  for (;;) {
    const [row] = await db.sql<{ waiting: number }>`
      SELECT count(*)::int AS waiting FROM pg_stat_activity
      WHERE datname = current_database() AND wait_event_type = 'Lock'`;
    if (row!.waiting >= 2) return;
  }
}

/**
 * Conflicts shown, never silent (issue #14 part 4): a case has a version (the number of steps in
 * its log); an action sent with the version its client saw applies only if the case is still at
 * it, else 409 version_conflict with the case as it is now, and nothing is written. On a private
 * copy of the county, so the seeded cases' versions are as the seed left them.
 */
describe.each(backends)('%s', (kind) => {
  const county = privateCountyApp(kind, 'case_version');
  let place: { lon: number; lat: number };

  beforeAll(async () => {
    const [group] = await county.db().sql<{ lon: number; lat: number }>`
      SELECT ST_X(ST_PointOnSurface(g.geom)) AS lon, ST_Y(ST_PointOnSurface(g.geom)) AS lat
      FROM grids g WHERE g.level = 'group' AND g.valid_to IS NULL ORDER BY g.code LIMIT 1`;
    place = group!;
  });

  const act = (serial: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    county.inject({ method: 'POST', url: `/api/cases/${serial}/actions`, payload: body, headers });

  async function newCase(): Promise<CaseRecord> {
    const res = await county.inject({
      method: 'POST',
      url: '/api/cases',
      payload: { ...place, category: 'environment', summary: '渠道漏水淹了农田' },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<CaseRecord>();
  }

  /** What is stored about a case: state, version, steps, events, audit entries. */
  async function stored(serial: string) {
    const [row] = await county.db().sql<{
      status: string;
      level: string;
      version: number;
      steps: number;
      events: number;
      audits: number;
    }>`
      SELECT k.status, k.level, k.version,
        (SELECT count(*)::int FROM case_steps s WHERE s.serial = k.serial) AS steps,
        (SELECT count(*)::int FROM events WHERE kind = 'case' AND ${eventPayload}->>'serial' = k.serial) AS events,
        (SELECT count(*)::int FROM audit_log a WHERE a.entity = 'case' AND a.entity_key = k.serial) AS audits
      FROM cases k WHERE k.serial = ${serial}`;
    return row!;
  }

  it('gives every seeded case the number of steps in its log as its version', async () => {
    const [row] = await county.db().sql<{ cases: number; off: number }>`
      SELECT count(*)::int AS cases,
        count(*) FILTER (WHERE k.version <> (SELECT count(*) FROM case_steps s WHERE s.serial = k.serial))::int AS off
      FROM cases k`;
    expect(row!.cases).toBeGreaterThan(0);
    expect(row!.off).toBe(0);
  });

  it('shows the version in the report reply, the action reply and the case detail: one more per step', async () => {
    const reported = await newCase();
    expect(reported.version).toBe(1);
    const accepted = await act(reported.serial, { action: 'accept' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json<CaseRecord>().version).toBe(2);
    const detail = await county.get(`/api/cases/${reported.serial}`);
    expect(detail.statusCode).toBe(200);
    const body = detail.json<CaseDetailWithActivity>();
    expect(replySchemaErrors(CaseDetailWithActivity, body)).toEqual([]);
    expect(body.version).toBe(2);
    expect(body.steps).toHaveLength(2);
  });

  it('applies an action sent with the version the case is at', async () => {
    const { serial } = await newCase();
    const res = await act(serial, { action: 'accept', version: 1 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<CaseRecord>()).toMatchObject({ status: 'accepted', version: 2 });
    expect(await stored(serial)).toMatchObject({ status: 'accepted', version: 2, steps: 2, events: 2, audits: 2 });
  });

  it('refuses an action made on a version the case has moved on from: 409 with the case now, nothing written', async () => {
    const { serial } = await newCase();
    expect((await act(serial, { action: 'accept' })).statusCode).toBe(200);
    const before = await stored(serial);
    const stale = await act(serial, { action: 'mediate', note: '离线时写的', version: 1 });
    expect(stale.statusCode, stale.body).toBe(409);
    const reply = stale.json<CaseVersionConflictReply>();
    expect(replySchemaErrors(CaseVersionConflict, reply)).toEqual([]);
    expect(reply).toMatchObject({
      reason: 'version_conflict',
      sentVersion: 1,
      current: { serial, status: 'accepted', level: 'group', version: 2, lastStep: { action: 'accept' } },
    });
    expect(reply.message).toContain('version 2');
    expect(await stored(serial)).toEqual(before);
  });

  it('answers a stale version with the conflict even when the action is one the case no longer allows', async () => {
    const { serial } = await newCase();
    expect((await act(serial, { action: 'accept' })).statusCode).toBe(200);
    const stale = await act(serial, { action: 'accept', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<CaseVersionConflictReply>().reason).toBe('version_conflict');
  });

  it('lets one of two actions made on one version apply; the other gets the conflict', async () => {
    const { serial } = await newCase();
    const release = await holdCase(county.db(), kind, serial);
    const replies = Promise.all([
      act(serial, { action: 'accept', note: '甲', version: 1 }),
      act(serial, { action: 'escalate', note: '乙', version: 1 }),
    ]);
    // On PostgreSQL both wait on the held row before it is let go, so the second one to get it
    // reads the row the first left (the case that needs the version on the row, migration 019).
    if (kind === 'postgres') await bothWaiting(county.db());
    await release();
    const statuses = (await replies).map((r) => r.statusCode);
    expect([...statuses].sort(), (await replies).map((r) => r.body).join('\n')).toEqual([200, 409]);
    const loser = (await replies)[statuses.indexOf(409)]!.json<CaseVersionConflictReply>();
    expect(loser.reason).toBe('version_conflict');
    expect(loser.current.version).toBe(2);
    expect(await stored(serial)).toMatchObject({ version: 2, steps: 2, events: 2, audits: 2 });
  });

  it('replays an applied keyed action with its first reply though the case has moved on', async () => {
    const { serial } = await newCase();
    const key = randomUUID();
    const first = await act(serial, { action: 'accept', version: 1 }, { 'idempotency-key': key });
    expect(first.statusCode, first.body).toBe(200);
    expect((await act(serial, { action: 'mediate' })).statusCode).toBe(200);
    const before = await stored(serial);
    const replay = await act(serial, { action: 'accept', version: 1 }, { 'idempotency-key': key });
    expect(replay.statusCode).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(first.json());
    expect(await stored(serial)).toEqual(before);
  });

  it('keeps no key for a conflicted keyed action: the same key with the current version applies', async () => {
    const { serial } = await newCase();
    expect((await act(serial, { action: 'accept' })).statusCode).toBe(200);
    const key = randomUUID();
    const stale = await act(serial, { action: 'mediate', version: 1 }, { 'idempotency-key': key });
    expect(stale.statusCode).toBe(409);
    // The retry is another request (another body): the key was not stored, so it is not "reused".
    const retried = await act(serial, { action: 'mediate', version: 2 }, { 'idempotency-key': key });
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json<CaseRecord>()).toMatchObject({ status: 'mediating', version: 3 });
  });
});
