import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Database, DatabaseKind } from '../../server/src/db/database.js';
import type { CaseRecord } from '../../server/src/contract/cases.js';
import { buildApp } from '../../server/src/app.js';
import { backends } from '../support/testDatabases.js';
import { seededApp, type SeededApp } from '../support/seededApp.js';
import { signedInInject } from '../support/signedInInject.js';

/**
 * Holds what a write to the case needs until the returned release is called: on PostgreSQL the
 * case's row lock, on the embedded database (one connection, one transaction at a time) the
 * database itself.
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

/** The reply that comes first, and which of the requests it answers. */
const firstOf = (replies: Promise<LightMyRequestResponse>[]) =>
  Promise.race(replies.map((reply, index) => reply.then((res) => ({ index, res }))));

/** A case registered in the group of the highest code but two, without a key. */
async function caseIn(seeded: SeededApp, place: { lon: number; lat: number }): Promise<string> {
  const res = await seeded.inject({
    method: 'POST',
    url: '/api/cases',
    payload: { lon: place.lon, lat: place.lat, category: 'environment', summary: '渠道漏水淹了农田' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<CaseRecord>().serial;
}

const groupPlaceSql = (db: Database) => db.sql<{ code: string; town_code: string; lon: number; lat: number }>`
  SELECT g.code, v.parent_code AS town_code,
    ST_X(ST_PointOnSurface(g.geom)) AS lon, ST_Y(ST_PointOnSurface(g.geom)) AS lat
  FROM grids g JOIN grids v ON v.code = g.parent_code AND v.valid_to IS NULL
  WHERE g.level = 'group' AND g.valid_to IS NULL ORDER BY g.code DESC OFFSET 2 LIMIT 1`;

/**
 * Issue #14 part 3: `Idempotency-Key` on POST /api/cases and POST /api/cases/:serial/actions
 * (draft-ietf-httpapi-idempotency-key-header). Reports go into one group of this file's own (the
 * third-highest group code: caseWrites.test.ts counts today's cases in the lowest, caseReportId in
 * the highest), so counting this group's rows tells what this file stored.
 */
describe.each(backends)('%s', (kind) => {
  const seeded = seededApp(kind);
  let db: Database;
  let place: { groupCode: string; townCode: string; lon: number; lat: number };

  beforeAll(async () => {
    db = seeded.db;
    const [group] = await groupPlaceSql(db);
    place = { groupCode: group!.code, townCode: group!.town_code, lon: group!.lon, lat: group!.lat };
  });

  const reportBody = (summary = '渠道漏水淹了农田') => ({
    lon: place.lon,
    lat: place.lat,
    category: 'environment',
    summary,
  });

  const report = (key: string | undefined, body: Record<string, unknown> = reportBody(), as = 'admin') =>
    seeded.inject(
      {
        method: 'POST',
        url: '/api/cases',
        payload: body,
        headers: key === undefined ? {} : { 'idempotency-key': key },
      },
      as,
    );

  const act = (serial: string, key: string | undefined, body: Record<string, unknown>) =>
    seeded.inject({
      method: 'POST',
      url: `/api/cases/${serial}/actions`,
      payload: body,
      headers: key === undefined ? {} : { 'idempotency-key': key },
    });

  /** What this file's group holds: cases, their steps and their events, and the keys stored. */
  async function stored() {
    const [row] = await db.sql<{ cases: number; steps: number; events: number; keys: number }>`
      WITH mine AS (SELECT serial FROM cases WHERE group_code = ${place.groupCode})
      SELECT (SELECT count(*)::int FROM mine) AS cases,
        (SELECT count(*)::int FROM case_steps WHERE serial IN (SELECT serial FROM mine)) AS steps,
        (SELECT count(*)::int FROM events WHERE kind = 'case' AND group_code = ${place.groupCode}) AS events,
        (SELECT count(*)::int FROM idempotency_keys WHERE reply_body->>'groupCode' = ${place.groupCode}) AS keys`;
    return row!;
  }

  const newCase = () => caseIn(seeded, place);

  describe('POST /api/cases with an Idempotency-Key', () => {
    it('answers a replay with the first reply (201, same serial) and stores nothing new', async () => {
      const key = randomUUID();
      const first = await report(key);
      expect(first.statusCode, first.body).toBe(201);
      const before = await stored();
      const again = await report(key);
      expect(again.statusCode).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.json()).toEqual(first.json());
      expect(await stored()).toEqual(before);
    });

    it('takes a key in double quotes (a structured-field string) as the same key', async () => {
      const key = `k-${randomUUID()}`;
      const first = await report(key);
      const quoted = await report(`"${key}"`);
      expect(quoted.statusCode).toBe(201);
      expect(quoted.json<CaseRecord>().serial).toBe(first.json<CaseRecord>().serial);
    });

    it('refuses the key with a different body with 422 and stores nothing', async () => {
      const key = randomUUID();
      expect((await report(key)).statusCode).toBe(201);
      const before = await stored();
      const other = await report(key, reportBody('另一件事：路灯坏了'));
      expect(other.statusCode).toBe(422);
      expect(other.json().message).toContain('different request body');
      expect(await stored()).toEqual(before);
    });

    it('keeps keys per account: the same key from two accounts registers two cases', async () => {
      const key = randomUUID();
      const byAdmin = await report(key);
      const byTown = await report(key, reportBody(), `town-${place.townCode}`);
      expect([byAdmin.statusCode, byTown.statusCode]).toEqual([201, 201]);
      expect(byTown.json<CaseRecord>().serial).not.toBe(byAdmin.json<CaseRecord>().serial);
    });

    it('keeps no key for a refused request: a corrected retry with the same key registers the case', async () => {
      const key = randomUUID();
      const before = await stored();
      const bad = await report(key, { ...reportBody(), category: 'no_such_category' });
      expect(bad.statusCode).toBe(400);
      expect(await stored()).toEqual(before);
      const corrected = await report(key);
      expect(corrected.statusCode, corrected.body).toBe(201);
      expect((await stored()).cases).toBe(before.cases + 1);
    });

    it('forgets a key after 24 hours: the same key registers a new case then', async () => {
      const key = randomUUID();
      const first = await report(key);
      const [account] = await db.sql<{ id: number }>`SELECT id FROM accounts WHERE username = 'admin'`;
      await db.sql`UPDATE idempotency_keys SET created_at = now() - interval '25 hours'
        WHERE account_id = ${account!.id} AND key = ${key}`;
      const later = await report(key);
      expect(later.statusCode).toBe(201);
      expect(later.headers['idempotent-replayed']).toBeUndefined();
      expect(later.json<CaseRecord>().serial).not.toBe(first.json<CaseRecord>().serial);
      const rows = await db.sql<{ n: number }>`SELECT count(*)::int AS n FROM idempotency_keys
        WHERE account_id = ${account!.id} AND key = ${key}`;
      expect(rows[0]!.n).toBe(1);
    });

    it('stores one case when two requests with one key arrive together', async () => {
      const key = randomUUID();
      const before = await stored();
      const replies = await Promise.all([report(key), report(key)]);
      const statuses = replies.map((r) => r.statusCode).sort();
      // One wins. The other arrived while the first held the key (409), or — if the first had
      // already answered before it got in — is that answer replayed.
      expect(statuses[0]).toBe(201);
      expect([201, 409]).toContain(statuses[1]);
      expect((await stored()).cases).toBe(before.cases + 1);
    });

    it.each([
      ['empty', '', 'must NOT have fewer than 1 characters'],
      ['longer than 255 characters', 'k'.repeat(256), 'must NOT have more than 255 characters'],
      ['holding a tab', 'a\tb', 'must match pattern'],
      ['holding a character outside printable ASCII', 'clé', 'must match pattern'],
      ['blank inside its quotes', '"  "', 'names no key'],
    ])('refuses a key %s with 400 naming the header, storing nothing', async (_name, key, message) => {
      const before = await stored();
      const res = await report(key);
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toContain('idempotency-key');
      expect(res.json().message).toContain(message);
      expect(await stored()).toEqual(before);
    });

    it('still answers a repeated reportId without a key (migration 003)', async () => {
      const reportId = randomUUID();
      const first = await report(undefined, { ...reportBody(), reportId });
      const again = await report(undefined, { ...reportBody(), reportId });
      expect([first.statusCode, again.statusCode]).toEqual([201, 200]);
      expect(again.json<CaseRecord>().serial).toBe(first.json<CaseRecord>().serial);
    });
  });

  describe('POST /api/cases/:serial/actions with an Idempotency-Key', () => {
    it('replays the stored reply even after the case has changed, taking no second step', async () => {
      const serial = await newCase();
      const key = randomUUID();
      const accepted = await act(serial, key, { action: 'accept' });
      expect(accepted.statusCode, accepted.body).toBe(200);
      expect((await act(serial, undefined, { action: 'mediate' })).statusCode).toBe(200);
      const before = await stored();
      const replay = await act(serial, key, { action: 'accept' });
      expect(replay.statusCode).toBe(200);
      expect(replay.json<CaseRecord>().status).toBe('accepted');
      expect(replay.json()).toEqual(accepted.json());
      expect(await stored()).toEqual(before);
    });

    it('refuses a key used on another path (another case or the report route) with 422', async () => {
      const [one, two] = [await newCase(), await newCase()];
      const key = randomUUID();
      expect((await act(one, key, { action: 'accept' })).statusCode).toBe(200);
      const elsewhere = await act(two, key, { action: 'accept' });
      expect(elsewhere.statusCode).toBe(422);
      expect(elsewhere.json().message).toContain(`/api/cases/${one}/actions`);
      expect((await report(key)).statusCode).toBe(422);
    });

    it('keeps no key for a refused action: the 409 is given again, then a valid action may use the key', async () => {
      const serial = await newCase();
      const key = randomUUID();
      const refused = await act(serial, key, { action: 'close' });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().reason).toBe('wrong_status');
      const again = await act(serial, key, { action: 'close' });
      expect(again.statusCode).toBe(409);
      expect(again.headers['idempotent-replayed']).toBeUndefined();
      const accepted = await act(serial, key, { action: 'accept' });
      expect(accepted.statusCode, accepted.body).toBe(200);
    });
  });

  /**
   * "Two at once", made to happen rather than hoped for: the test holds what the first request's
   * transaction needs — on PostgreSQL the case's row lock, on the embedded database (one
   * connection, one transaction at a time) the database itself — so whichever of the two requests
   * claims the key first stays inside its write. The other must then be answered at once with 409,
   * not queued behind it; once the hold is released, the first finishes with 200.
   */
  describe('two actions with one key at once', () => {
    it('answers the second 409 idempotency_key_in_use while the first runs, then the first 200', async () => {
      const serial = await newCase();
      const key = randomUUID();
      // The session is read from memory from now on, so neither request needs the held database before its handler.
      await seeded.get('/api/session');
      const release = await holdCase(db, kind, serial);
      const replies = [act(serial, key, { action: 'accept' }), act(serial, key, { action: 'accept' })];
      const first = await firstOf(replies);
      expect(first.res.statusCode, first.res.body).toBe(409);
      expect(first.res.json()).toMatchObject({ error: 'idempotency_key_in_use' });
      await release();
      const other = await replies[1 - first.index]!;
      expect(other.statusCode, other.body).toBe(200);
      const steps = await db.sql<{ n: number }>`SELECT count(*)::int AS n FROM case_steps
        WHERE serial = ${serial} AND action = 'accept'`;
      expect(steps[0]!.n).toBe(1);
    });
  });

  describe('the OpenAPI description', () => {
    it.each(['/api/cases', '/api/cases/{serial}/actions'])(
      'lists the Idempotency-Key header of POST %s',
      async (path) => {
        const doc = (await seeded.inject({ method: 'GET', url: '/docs/json' })).json<{
          paths: Record<string, { post: { parameters?: { in: string; name: string }[] } }>;
        }>();
        const headers = (doc.paths[path]?.post.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name);
        expect(headers).toContain('idempotency-key');
      },
    );
  });
});

/**
 * Across server instances the in-process set of running keys cannot help: the claim's non-waiting
 * advisory lock must. Only PostgreSQL has more than one instance (the embedded database belongs to
 * one process).
 */
describe('two server instances sharing one PostgreSQL', () => {
  const seeded = seededApp('postgres');
  let second: FastifyInstance;
  const secondInject = signedInInject('second instance', () => second);
  let place: { lon: number; lat: number };
  beforeAll(async () => {
    second = await buildApp({ db: seeded.db });
    place = (await groupPlaceSql(seeded.db))[0]!;
  });
  afterAll(async () => {
    await second.close();
  });

  it('answers 409 idempotency_key_in_use from the instance that did not get the key', async () => {
    const serial = await caseIn(seeded, place);
    const key = randomUUID();
    await secondInject.sessionOf('admin');
    const release = await holdCase(seeded.db, 'postgres', serial);
    const request = { method: 'POST' as const, url: `/api/cases/${serial}/actions`, payload: { action: 'accept' } };
    const headers = { 'idempotency-key': key };
    const replies = [seeded.inject({ ...request, headers }), secondInject.inject({ ...request, headers })];
    const first = await firstOf(replies);
    expect(first.res.statusCode, first.res.body).toBe(409);
    expect(first.res.json()).toMatchObject({ error: 'idempotency_key_in_use' });
    await release();
    expect((await replies[1 - first.index]!).statusCode).toBe(200);
  });
});
