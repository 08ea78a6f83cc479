import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp } from '../../server/src/app.js';
import type { Database } from '../../server/src/db/database.js';
import { openPostgres } from '../../server/src/db/postgresDatabase.js';
import { backends, testDatabase } from '../support/testDatabases.js';
import { signedInInject } from '../support/signedInInject.js';
import { hashPassword } from '../../server/src/auth/passwords.js';
import { insertAccount } from '../../server/src/repos/session/accountRepo.js';
import { decodeTile } from '../unit/tiles/decodeTile.js';

/**
 * API tokens (issue #16 part 1): made with a session, used as `Authorization: Bearer`, with the
 * account's role and scope, refused (401) at once on every instance after revocation, expiry or
 * the account's disabling. The second instance is a second connection pool on PostgreSQL and a
 * second app on the same PGlite (as in sessionCache.test.ts).
 */

const password = 'token-test-password';

function tileAt(lon: number, lat: number, z: number) {
  const n = 2 ** z;
  const φ = (lat * Math.PI) / 180;
  return {
    z,
    x: Math.floor(((lon + 180) / 360) * n),
    y: Math.floor(((1 - Math.log(Math.tan(φ) + 1 / Math.cos(φ)) / Math.PI) / 2) * n),
  };
}

/** Resolves when `app` has forgotten a token or an account's tokens (`t:<hash>`, `a:<id>`). */
function evicted(app: FastifyInstance, key: RegExp): Promise<void> {
  return new Promise((resolve) => {
    const stop = app.tokenCache.onEviction((heard) => {
      if (!key.test(heard)) return;
      stop();
      resolve();
    });
  });
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe.each(backends)('%s', (kind) => {
  let db: Database;
  let first: FastifyInstance;
  let second: FastifyInstance;
  let secondDb: Database;
  const a = signedInInject('tokens A', () => first);
  // Accounts of this file only: disabling one must not break another file's sessions.
  const suffix = `${kind}-${process.pid}`;
  const owner = `token-owner-${suffix}`;
  const leader = `token-leader-${suffix}`;
  let leaderTown: string;
  let townPoint: { lon: number; lat: number };

  async function signIn(app: FastifyInstance, username: string) {
    const reply = await app.inject({ method: 'POST', url: '/api/session', payload: { username, password } });
    expect(reply.statusCode, reply.body).toBe(200);
    return { cookie: reply.cookies.find((c) => c.name === 'gridmap_session')!.value, csrf: reply.json().csrfToken };
  }

  async function asUser(username: string, options: InjectOptions) {
    const session = await signIn(first, username);
    return first.inject({
      ...options,
      cookies: { gridmap_session: session.cookie },
      headers: { 'x-csrf-token': session.csrf, ...(options.headers ?? {}) },
    });
  }

  async function makeToken(username: string, name = 'QGIS 规划科', expiresInDays = 30) {
    const reply = await asUser(username, { method: 'POST', url: '/api/tokens', payload: { name, expiresInDays } });
    expect(reply.statusCode, reply.body).toBe(201);
    return reply.json<{ id: number; token: string; expiresAt: string }>();
  }

  const tokenRows = async () => (await db.sql<{ n: number }>`SELECT count(*)::int AS n FROM api_tokens`)[0]!.n;

  beforeAll(async () => {
    db = await testDatabase(kind);
    const [town] = await db.sql<{ code: string; lon: number; lat: number }>`
      SELECT code, ST_X(label_point) AS lon, ST_Y(label_point) AS lat FROM grids
      WHERE level = 'town' AND valid_to IS NULL AND code LIKE '620724%' ORDER BY code LIMIT 1`;
    const [county] = await db.sql<{ code: string }>`
      SELECT scope_code AS code FROM accounts WHERE username = 'admin'`;
    leaderTown = town!.code;
    townPoint = { lon: town!.lon, lat: town!.lat };
    const passwordHash = await hashPassword(password);
    await insertAccount(db.sql, { username: owner, passwordHash, role: 'planner', scopeCode: county!.code });
    await insertAccount(db.sql, { username: leader, passwordHash, role: 'town_leader', scopeCode: leaderTown });
    secondDb = kind === 'postgres' ? openPostgres({ url: inject('postgresUrl'), max: 2 }) : db;
    first = await buildApp({ db });
    second = await buildApp({ db: secondDb });
  });

  afterAll(async () => {
    await second?.close();
    await first?.close();
    if (secondDb && kind === 'postgres') await secondDb.close();
  });

  it('makes a token shown once, lists it without its secret, and records its making', async () => {
    const made = await makeToken(owner, 'QGIS 规划科', 90);
    expect(made.token).toMatch(/^gmt_[A-Za-z0-9_-]{43}$/);
    const days = (Date.parse(made.expiresAt) - Date.now()) / 86_400_000;
    expect(Math.round(days)).toBe(90);
    const list = await asUser(owner, { method: 'GET', url: '/api/tokens' });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(made.token);
    const listed = list.json<{ id: number; name: string; active: boolean }[]>().find((t) => t.id === made.id);
    expect(listed).toMatchObject({ name: 'QGIS 规划科', active: true, revokedAt: null });
    const [stored] = await db.sql<{ secret_hash: string }>`SELECT secret_hash FROM api_tokens WHERE id = ${made.id}`;
    expect(stored!.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored!.secret_hash).not.toContain(made.token);
    const audit = await db.sql<{ actor_username: string }>`
      SELECT actor_username FROM audit_log WHERE action = 'token.create' AND entity_key = ${String(made.id)}`;
    expect(audit.map((r) => r.actor_username)).toEqual([owner]);
  });

  it('authenticates a REST list and a tile with Bearer and no CSRF token, then refuses it once revoked', async () => {
    const made = await makeToken(owner);
    const list = await first.inject({ url: '/api/grids?level=town', headers: bearer(made.token) });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().features.length).toBeGreaterThan(0);
    const { z, x, y } = tileAt(townPoint.lon, townPoint.lat, 10);
    const tile = await first.inject({ url: `/tiles/grids/${z}/${x}/${y}.mvt`, headers: bearer(made.token) });
    expect(tile.statusCode).toBe(200);
    expect(Object.keys(decodeTile(tile.rawPayload))).toContain('town');
    expect(tile.headers.vary).toMatch(/Authorization/);
    const uses = await db.sql<{ route: string }>`
      SELECT after->>'route' AS route FROM audit_log WHERE action = 'token.use' AND entity_key = ${String(made.id)}`;
    expect(uses.map((u) => u.route).sort()).toEqual(['/api/grids', '/tiles/:layer/:z/:x/:y.mvt']);

    const revoked = await asUser(owner, { method: 'DELETE', url: `/api/tokens/${made.id}` });
    expect(revoked.statusCode, revoked.body).toBe(204);
    const refused = await first.inject({ url: '/api/grids?level=town', headers: bearer(made.token) });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['www-authenticate']).toMatch(/invalid_token/);
    expect(
      (await first.inject({ url: `/tiles/grids/${z}/${x}/${y}.mvt`, headers: bearer(made.token) })).statusCode,
    ).toBe(401);
    const listed = (await asUser(owner, { method: 'GET', url: '/api/tokens' })).json<
      { id: number; active: boolean }[]
    >();
    expect(listed.find((t) => t.id === made.id)?.active).toBe(false);
  });

  it('is refused by a second instance as soon as it is revoked on the first', async () => {
    const made = await makeToken(owner);
    expect((await second.inject({ url: '/api/session', headers: bearer(made.token) })).json().username).toBe(owner);
    const heard = evicted(second, /^t:/);
    expect((await asUser(owner, { method: 'DELETE', url: `/api/tokens/${made.id}` })).statusCode).toBe(204);
    await heard;
    expect((await second.inject({ url: '/api/grids?level=town', headers: bearer(made.token) })).statusCode).toBe(401);
  });

  it('is refused once expired', async () => {
    const made = await makeToken(owner);
    expect((await second.inject({ url: '/api/session', headers: bearer(made.token) })).statusCode).toBe(200);
    const heard = evicted(second, /^t:/);
    await db.sql`UPDATE api_tokens SET created_at = now() - interval '2 days', expires_at = now() - interval '1 second'
      WHERE id = ${made.id}`;
    await heard;
    expect((await second.inject({ url: '/api/session', headers: bearer(made.token) })).statusCode).toBe(401);
    expect((await first.inject({ url: '/api/session', headers: bearer(made.token) })).statusCode).toBe(401);
  });

  it('stops working on every instance when its account is disabled', async () => {
    const made = await makeToken(leader);
    expect((await second.inject({ url: '/api/session', headers: bearer(made.token) })).statusCode).toBe(200);
    const heard = evicted(second, /^a:/);
    await db.sql`UPDATE accounts SET disabled = true WHERE username = ${leader}`;
    await heard;
    expect((await second.inject({ url: '/api/session', headers: bearer(made.token) })).statusCode).toBe(401);
    await db.sql`UPDATE accounts SET disabled = false WHERE username = ${leader}`;
    expect((await second.inject({ url: '/api/session', headers: bearer(made.token) })).statusCode).toBe(200);
  });

  it('carries the scope of its account: a town leader’s token sees only its town', async () => {
    const made = await makeToken(leader);
    const villages = await first.inject({ url: '/api/grids?level=village', headers: bearer(made.token) });
    expect(villages.statusCode, villages.body).toBe(200);
    const codes = villages
      .json<{ features: { properties: { code: string } }[] }>()
      .features.map((f) => f.properties.code);
    expect(codes.length).toBeGreaterThan(0);
    for (const code of codes) expect(code.slice(0, 9)).toBe(leaderTown.slice(0, 9));
    const [otherTown] = await db.sql<{ code: string }>`
      SELECT code FROM grids WHERE level = 'town' AND valid_to IS NULL AND code LIKE '620724%' AND code <> ${leaderTown}
      ORDER BY code LIMIT 1`;
    const outside = await first.inject({ url: `/api/grids/${otherTown!.code}/dossier`, headers: bearer(made.token) });
    expect(outside.statusCode).toBe(404);
  });

  it('lets a county administrator revoke a token in the county, and nobody else’s token be revoked by a stranger', async () => {
    const made = await makeToken(leader);
    const stranger = await asUser(owner, { method: 'DELETE', url: `/api/tokens/${made.id}` });
    expect(stranger.statusCode).toBe(404);
    expect((await first.inject({ url: '/api/session', headers: bearer(made.token) })).statusCode).toBe(200);
    const byAdmin = await a.inject({ method: 'DELETE', url: `/api/tokens/${made.id}` }, 'admin');
    expect(byAdmin.statusCode, byAdmin.body).toBe(204);
    expect((await first.inject({ url: '/api/session', headers: bearer(made.token) })).statusCode).toBe(401);
    const audit = await db.sql<{ actor_username: string }>`
      SELECT actor_username FROM audit_log WHERE action = 'token.revoke' AND entity_key = ${String(made.id)}`;
    expect(audit.map((r) => r.actor_username)).toEqual(['admin']);
  });

  it('cannot make a token with a token, and writes with a token need no CSRF header', async () => {
    const made = await makeToken(owner);
    const before = await tokenRows();
    const minted = await first.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: bearer(made.token),
      payload: { name: 'child', expiresInDays: 1 },
    });
    expect(minted.statusCode).toBe(403);
    expect(await tokenRows()).toBe(before);
    // Revoking itself is a write made with the token alone.
    const self = await first.inject({ method: 'DELETE', url: `/api/tokens/${made.id}`, headers: bearer(made.token) });
    expect(self.statusCode, self.body).toBe(204);
    expect((await first.inject({ url: '/api/session', headers: bearer(made.token) })).statusCode).toBe(401);
  });

  it('gives the wall no token: a kiosk has its own session', async () => {
    const before = await tokenRows();
    const reply = await a.inject(
      { method: 'POST', url: '/api/tokens', payload: { name: 'x', expiresInDays: 1 } },
      'wall',
    );
    expect(reply.statusCode).toBe(403);
    expect(await tokenRows()).toBe(before);
  });

  it('does not open the live channel with a token', async () => {
    const made = await makeToken(owner);
    const reply = await first.inject({ url: '/live', headers: bearer(made.token) });
    expect(reply.statusCode).toBe(401);
  });

  describe('bad input stores nothing', () => {
    const cases: { name: string; body: unknown; status: number; message: RegExp }[] = [
      { name: 'missing name', body: { expiresInDays: 30 }, status: 400, message: /name/ },
      { name: 'a name of spaces', body: { name: '   ', expiresInDays: 30 }, status: 400, message: /name/ },
      { name: 'expiresInDays 0', body: { name: 'x', expiresInDays: 0 }, status: 400, message: /expiresInDays/ },
      { name: 'expiresInDays 10000', body: { name: 'x', expiresInDays: 10000 }, status: 400, message: /expiresInDays/ },
      { name: 'expiresInDays 1.5', body: { name: 'x', expiresInDays: 1.5 }, status: 400, message: /expiresInDays/ },
      { name: 'no expiry', body: { name: 'x' }, status: 400, message: /expiresInDays/ },
    ];
    it.each(cases)('POST /api/tokens refuses $name', async ({ body, status, message }) => {
      const before = await tokenRows();
      const reply = await asUser(owner, { method: 'POST', url: '/api/tokens', payload: body as object });
      expect(reply.statusCode).toBe(status);
      expect(reply.json().message).toMatch(message);
      expect(await tokenRows()).toBe(before);
    });

    it('DELETE /api/tokens/:id answers 404 for an id that is not there and 400 for one that is no id', async () => {
      const revokedBefore = (await db.sql<{ n: number }>`SELECT count(revoked_at)::int AS n FROM api_tokens`)[0]!.n;
      expect((await asUser(owner, { method: 'DELETE', url: '/api/tokens/999999999' })).statusCode).toBe(404);
      expect((await asUser(owner, { method: 'DELETE', url: '/api/tokens/abc' })).statusCode).toBe(400);
      expect((await asUser(owner, { method: 'DELETE', url: '/api/tokens/0' })).statusCode).toBe(400);
      expect((await db.sql<{ n: number }>`SELECT count(revoked_at)::int AS n FROM api_tokens`)[0]!.n).toBe(
        revokedBefore,
      );
    });

    it.each([
      ['no scheme', 'gmt_' + 'a'.repeat(43)],
      ['Basic credentials', 'Basic YWRtaW46cGFzc3dvcmQ='],
      ['a short token', 'Bearer gmt_abc'],
      ['an unknown token', 'Bearer gmt_' + 'A'.repeat(43)],
      ['SQL as a token', "Bearer ' OR 1=1 --"],
    ])('refuses %s in Authorization with 401', async (_name, header) => {
      const before = await tokenRows();
      const reply = await first.inject({ url: '/api/grids?level=town', headers: { authorization: header } });
      expect(reply.statusCode).toBe(401);
      expect(reply.headers['www-authenticate']).toMatch(/Bearer/);
      expect(await tokenRows()).toBe(before);
    });
  });
});
