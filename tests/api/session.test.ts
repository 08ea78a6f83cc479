import { describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/src/app.js';
import { sessionIdHash } from '../../server/src/auth/sessionViewer.js';
import { SessionReply } from '../../server/src/contract/session.js';
import { backends, testDatabase } from '../support/testDatabases.js';
import { seededApp } from '../support/seededApp.js';
import { privateAccount } from '../support/privateAccount.js';
import { replySchemaErrors } from '../support/replySchema.js';

const county = '620724000000';

describe.each(backends)('%s', (kind) => {
  const seeded = seededApp(kind);

  function signIn(username: string, password: string, app: FastifyInstance = seeded.app) {
    return app.inject({ method: 'POST', url: '/api/session', payload: { username, password } });
  }
  function sessionCookie(reply: { cookies: { name: string; value: string }[] }): string {
    const cookie = reply.cookies.find((c) => c.name === 'gridmap_session');
    if (!cookie) throw new Error('no session cookie');
    return cookie.value;
  }

  it('signs in with the demo password: the account, its scope, a CSRF token and a strict HttpOnly cookie', async () => {
    const reply = await signIn('admin', 'gridmap-demo');
    expect(reply.statusCode).toBe(200);
    const body = reply.json<SessionReply>();
    expect(replySchemaErrors(SessionReply, body)).toEqual([]);
    expect(body).toMatchObject({ username: 'admin', role: 'county_admin', scope: { code: county, level: 'county' } });
    expect(body.scope.name).toBe('高台县');
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const header = String(reply.headers['set-cookie']);
    expect(header).toMatch(/^gridmap_session=[A-Za-z0-9_-]{43};/);
    expect(header).toContain('HttpOnly');
    expect(header).toContain('SameSite=Strict');
    expect(header).toContain('Path=/');
    expect(header).not.toContain('Secure');

    const again = await seeded.app.inject({
      method: 'GET',
      url: '/api/session',
      cookies: { gridmap_session: sessionCookie(reply) },
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(body);
  });

  it('the demo seed made one account per town, village and (first) group, all with one argon2id hash', async () => {
    const rows = await seeded.db.sql<{ role: string; n: number; hashes: number }>`
      SELECT role, count(*)::int AS n, count(DISTINCT password_hash)::int AS hashes FROM accounts
      WHERE username IN ('admin', 'planner', 'auditor', 'wall') OR username ~ '^(town|village|group)-[0-9]+$'
      GROUP BY role ORDER BY role`;
    expect(Object.fromEntries(rows.map((r) => [r.role, r.n]))).toEqual({
      auditor: 1,
      county_admin: 1,
      grid_staff: 146,
      planner: 1,
      town_leader: 10,
      village_cadre: 146,
      wall: 1,
    });
    expect(rows.every((r) => r.hashes === 1)).toBe(true);
    const [hash] = await seeded.db.sql<{ h: string }>`SELECT password_hash AS h FROM accounts WHERE username = 'admin'`;
    expect(hash!.h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('stores only the SHA-256 of the session id', async () => {
    const reply = await signIn('planner', 'gridmap-demo');
    const id = sessionCookie(reply);
    const stored = await seeded.db.sql<{ n: number }>`
      SELECT count(*)::int AS n FROM sessions WHERE id_hash = ${sessionIdHash(id)}`;
    expect(stored[0]!.n).toBe(1);
    const plain = await seeded.db.sql<{ n: number }>`SELECT count(*)::int AS n FROM sessions WHERE id_hash = ${id}`;
    expect(plain[0]!.n).toBe(0);
  });

  it('a town leader’s session names the town; a wall session lasts 30 days idle', async () => {
    const town = await seeded.get('/api/session', 'town-620724100000');
    expect(town.statusCode).toBe(200);
    expect(town.json()).toMatchObject({ role: 'town_leader', scope: { code: '620724100000', level: 'town' } });
    const wall = await signIn('wall', 'gridmap-demo');
    expect(wall.statusCode).toBe(200);
    expect(String(wall.headers['set-cookie'])).toContain(`Max-Age=${365 * 86_400}`);
    const rows = await seeded.db.sql<{ idle: number }>`
      SELECT idle_seconds AS idle FROM sessions WHERE id_hash = ${sessionIdHash(sessionCookie(wall))}`;
    expect(rows[0]!.idle).toBe(30 * 86_400);
  });

  it('a wrong password and an unknown username get the same 401', async () => {
    const wrong = await signIn('admin', 'not-the-password');
    const unknown = await signIn('nobody-at-all', 'gridmap-demo');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual({ error: 'Unauthorized', message: 'wrong username or password' });
    expect(unknown.json()).toEqual(wrong.json());
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('a disabled account cannot sign in and gets the same 401', async () => {
    const account = await privateAccount(seeded.db, 'town_leader', '620724100000');
    await seeded.db.sql`UPDATE accounts SET disabled = true WHERE id = ${account.id}`;
    const reply = await signIn(account.username, account.password);
    expect(reply.statusCode).toBe(401);
    expect(reply.json().message).toBe('wrong username or password');
  });

  it('five wrong passwords lock the account for 15 minutes (429 naming when), audited; the lock ends', async () => {
    const account = await privateAccount(seeded.db, 'village_cadre', '620724100200');
    for (let i = 1; i <= 4; i++) expect((await signIn(account.username, `wrong-${i}`)).statusCode).toBe(401);
    const fifth = await signIn(account.username, 'wrong-5');
    expect(fifth.statusCode).toBe(429);
    const until = /try again after (\S+)$/.exec(fifth.json<{ message: string }>().message)?.[1];
    expect(until).toBeDefined();
    const minutes = (Date.parse(until!) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15.1);
    expect(Number(fifth.headers['retry-after'])).toBeGreaterThan(14 * 60);

    // Locked: even the right password is refused.
    const right = await signIn(account.username, account.password);
    expect(right.statusCode).toBe(429);

    const audit = await seeded.db.sql<{ action: string }>`
      SELECT action FROM audit_log WHERE entity = 'account' AND entity_key = ${account.username} ORDER BY id`;
    expect(audit.map((r) => r.action)).toEqual([...Array(4).fill('session.login_failed'), 'session.lockout']);

    // The lock ends (moved into the past rather than waiting 15 minutes).
    await seeded.db.sql`UPDATE accounts SET locked_until = now() - interval '1 second' WHERE id = ${account.id}`;
    const after = await signIn(account.username, account.password);
    expect(after.statusCode).toBe(200);
  });

  it('a write with a session but without the CSRF token (or a wrong one) is refused with 403', async () => {
    const { cookie, csrfToken } = await seeded.sessionOf('admin');
    const without = await seeded.app.inject({
      method: 'POST',
      url: '/api/cases',
      cookies: { gridmap_session: cookie },
      payload: { lon: 99.8, lat: 39.4, category: 'neighbour_dispute', summary: 'csrf' },
    });
    expect(without.statusCode).toBe(403);
    expect(without.json().message).toContain('x-csrf-token');
    const wrong = await seeded.inject(
      { method: 'POST', url: '/api/cases', payload: {}, headers: { 'x-csrf-token': `${csrfToken.slice(1)}x` } },
      'admin',
    );
    expect(wrong.statusCode).toBe(403);
    // With the token the request reaches the route (and fails its validation instead).
    const right = await seeded.inject({ method: 'POST', url: '/api/cases', payload: {} }, 'admin');
    expect(right.statusCode).toBe(400);
  });

  it('without a session the API, tiles and live channel answer 401; health and docs do not need one', async () => {
    for (const url of ['/api/grids/620724000000', '/api/cases?grid=620724', '/tiles/grids/8/190/97.mvt', '/live']) {
      const reply = await seeded.get(url, null);
      expect(reply.statusCode, url).toBe(401);
      expect(reply.json().message).toContain('sign in');
    }
    const write = await seeded.inject({ method: 'POST', url: '/api/cases', payload: {} }, null);
    expect(write.statusCode).toBe(401);
    expect((await seeded.get('/health', null)).statusCode).toBe(200);
    expect((await seeded.get('/docs/json', null)).statusCode).toBe(200);
    expect((await seeded.get('/api/session', null)).statusCode).toBe(401);
    // A cookie that names no session is the same as none.
    const forged = await seeded.app.inject({
      method: 'GET',
      url: '/api/grids/620724000000',
      cookies: { gridmap_session: 'A'.repeat(43) },
    });
    expect(forged.statusCode).toBe(401);
  });

  it('a percent-encoded path does not slip past the session check', async () => {
    const reply = await seeded.get('/%61pi/grids/620724000000', null);
    expect([401, 404]).toContain(reply.statusCode);
    expect(reply.body).not.toContain('FeatureCollection');
    expect(reply.body).not.toContain('"stats"');
  });

  it('signs out: 204, the cookie cleared, the session gone', async () => {
    const reply = await signIn('auditor', 'gridmap-demo');
    const cookie = sessionCookie(reply);
    const csrfToken = reply.json<SessionReply>().csrfToken;
    const out = await seeded.app.inject({
      method: 'DELETE',
      url: '/api/session',
      cookies: { gridmap_session: cookie },
      headers: { 'x-csrf-token': csrfToken },
    });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/gridmap_session=;.*Expires=Thu, 01 Jan 1970/);
    const after = await seeded.app.inject({ method: 'GET', url: '/api/session', cookies: { gridmap_session: cookie } });
    expect(after.statusCode).toBe(401);
    const audit = await seeded.db.sql<{ n: number }>`
      SELECT count(*)::int AS n FROM audit_log WHERE action = 'session.logout' AND actor_username = 'auditor'`;
    expect(audit[0]!.n).toBeGreaterThanOrEqual(1);
  });

  it('an idle session and one past its absolute end are no longer valid', async () => {
    const account = await privateAccount(seeded.db, 'planner', county);
    const idle = sessionCookie(await signIn(account.username, account.password));
    const old = sessionCookie(await signIn(account.username, account.password));
    await seeded.db
      .sql`UPDATE sessions SET last_seen = now() - interval '3 hours' WHERE id_hash = ${sessionIdHash(idle)}`;
    await seeded.db
      .sql`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id_hash = ${sessionIdHash(old)}`;
    for (const cookie of [idle, old]) {
      const reply = await seeded.app.inject({
        method: 'GET',
        url: '/api/session',
        cookies: { gridmap_session: cookie },
      });
      expect(reply.statusCode).toBe(401);
    }
  });

  it('every reply carries the security headers: a CSP MapLibre accepts, no CORS, no framing', async () => {
    for (const url of ['/health', '/api/grids/620724000000', '/docs']) {
      const reply = await seeded.inject({ method: 'GET', url, headers: { origin: 'https://evil.example' } });
      const csp = String(reply.headers['content-security-policy']);
      expect(csp, url).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("worker-src 'self' blob:");
      expect(csp).toContain("img-src 'self' data: blob:");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
      expect(Object.keys(reply.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    }
    const preflight = await seeded.inject({
      method: 'OPTIONS',
      url: '/api/cases',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('a sign-in body over 4 KiB is refused unread (413)', async () => {
    const reply = await seeded.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'admin', password: 'x'.repeat(5000) },
    });
    expect(reply.statusCode).toBe(413);
  });

  it('limits sign-in attempts per client address (429), counting well-formed attempts only', async () => {
    const app = await buildApp({ db: await testDatabase(kind), loginRateLimit: { max: 3, timeWindowMs: 60_000 } });
    try {
      for (let i = 0; i < 5; i++) {
        const malformed = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'x' } });
        expect(malformed.statusCode).toBe(400);
      }
      for (let i = 0; i < 3; i++) expect((await signIn('nobody-at-all', 'x', app)).statusCode).toBe(401);
      const limited = await signIn('admin', 'gridmap-demo', app);
      expect(limited.statusCode).toBe(429);
      expect(limited.json().message).toContain('too many sign-in attempts');
    } finally {
      await app.close();
    }
  });
});
