import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/src/app.js';
import type { Database, Sql } from '../../server/src/db/database.js';
import { openPostgres } from '../../server/src/db/postgresDatabase.js';
import { backends, testDatabase } from '../support/testDatabases.js';
import { signedInInject } from '../support/signedInInject.js';

/**
 * Sessions checked from memory (issue #12, part 4): a request with a confirmed session costs no
 * session query, and whatever ends a session — signing out, disabling or locking the account, an
 * earlier expiry — ends it on every instance as soon as the database's notification arrives. On
 * PostgreSQL the second instance is a second connection pool; on the embedded database a second app
 * in the same process (the only way to share one).
 */

/** The same database, with every statement that reads the sessions table counted. */
function counted(db: Database): { db: Database; sessionReads: () => number } {
  let reads = 0;
  const wrap = (sql: Sql): Sql => {
    const wrapped = ((strings: TemplateStringsArray, ...values: unknown[]) => {
      if (strings.join('?').includes('FROM sessions AS s')) reads++;
      return sql(strings, ...values);
    }) as Sql;
    wrapped.query = (query) => sql.query(query);
    wrapped.exec = (script) => sql.exec(script);
    return wrapped;
  };
  return {
    db: {
      ...db,
      sql: wrap(db.sql),
      transaction: (work) => db.transaction((tx) => work(wrap(tx))),
      listen: db.listen.bind(db),
      close: db.close.bind(db),
    },
    sessionReads: () => reads,
  };
}

/** Resolves when `app` has forgotten `key` (`s:<hash>` or `a:<account id>`). */
function evicted(app: FastifyInstance, key: RegExp): Promise<void> {
  return new Promise((resolve) => {
    const stop = app.sessionCache.onEviction((heard) => {
      if (!key.test(heard)) return;
      stop();
      resolve();
    });
  });
}

describe.each(backends)('%s', (kind) => {
  let first: FastifyInstance;
  let second: FastifyInstance;
  let secondDb: Database;
  let reads: () => number;
  const a = signedInInject('session cache A', () => first);
  const b = signedInInject('session cache B', () => second);
  // Accounts no other test signs in with: disabling one here must not break another file.
  let leader: string;
  let cadre: string;

  beforeAll(async () => {
    const db = await testDatabase(kind);
    const [town] = await db.sql<{ username: string }>`
      SELECT username FROM accounts WHERE role = 'town_leader' ORDER BY username DESC LIMIT 1`;
    const [village] = await db.sql<{ username: string }>`
      SELECT username FROM accounts WHERE role = 'village_cadre' ORDER BY username DESC OFFSET 1 LIMIT 1`;
    leader = town!.username;
    cadre = village!.username;
    const other = kind === 'postgres' ? openPostgres({ url: inject('postgresUrl'), max: 2 }) : db;
    const watched = counted(other);
    secondDb = other;
    reads = watched.sessionReads;
    first = await buildApp({ db });
    second = await buildApp({ db: watched.db });
  });

  afterAll(async () => {
    await second?.close();
    await first?.close();
    if (secondDb && kind === 'postgres') await secondDb.close();
    const db = await testDatabase(kind);
    await db.sql`UPDATE accounts SET disabled = false WHERE username = ${cadre}`;
  });

  it('serves repeated requests of a confirmed session from memory', async () => {
    const session = await a.sessionOf(leader);
    const cookies = { gridmap_session: session.cookie };
    expect((await second.inject({ url: '/api/session', cookies })).statusCode).toBe(200);
    const afterFirst = reads();
    for (let i = 0; i < 5; i++) expect((await second.inject({ url: '/api/session', cookies })).statusCode).toBe(200);
    expect(reads()).toBe(afterFirst);
  });

  it('ends a session signed out on the other instance', async () => {
    const session = await a.sessionOf(leader);
    const cookies = { gridmap_session: session.cookie };
    expect((await second.inject({ url: '/api/session', cookies })).json().username).toBe(leader);
    const heard = evicted(second, /^s:/);
    expect((await a.inject({ method: 'DELETE', url: '/api/session' }, leader)).statusCode).toBe(204);
    await heard;
    expect((await second.inject({ url: '/api/grids?level=town', cookies })).statusCode).toBe(401);
    a.forgetSessions();
  });

  it('ends the sessions of an account disabled directly in the database (npm run account -- disable)', async () => {
    const session = await b.sessionOf(cadre);
    const cookies = { gridmap_session: session.cookie };
    expect((await second.inject({ url: '/api/session', cookies })).json().username).toBe(cadre);
    const heard = evicted(second, /^a:/);
    const db = await testDatabase(kind);
    await db.sql`UPDATE accounts SET disabled = true WHERE username = ${cadre}`;
    await heard;
    expect((await second.inject({ url: '/api/session', cookies })).statusCode).toBe(401);
    await db.sql`UPDATE accounts SET disabled = false WHERE username = ${cadre}`;
    b.forgetSessions();
  });

  it('ends a session whose absolute end is brought forward', async () => {
    const session = await b.sessionOf(leader);
    const cookies = { gridmap_session: session.cookie };
    expect((await second.inject({ url: '/api/grids?level=town', cookies })).statusCode).toBe(200);
    const heard = evicted(second, /^s:/);
    const db = await testDatabase(kind);
    await db.sql`UPDATE sessions SET expires_at = now() - interval '1 second'
      WHERE account_id = (SELECT id FROM accounts WHERE username = ${leader})`;
    await heard;
    expect((await second.inject({ url: '/api/grids?level=town', cookies })).statusCode).toBe(401);
    b.forgetSessions();
  });
});
