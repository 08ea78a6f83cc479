import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import postgres from 'postgres';
import { migrate, schemaLockKey, withSchemaLock } from '../../../server/src/db/migrate.js';
import { startServer, stopServer, type ServerProcess } from '../../support/serverProcess.js';
import { openPostgres } from '../../../server/src/db/postgresDatabase.js';
import { backends, testDatabase } from '../../support/testDatabases.js';
import { createThrowawayPostgres, type ThrowawayPostgres } from '../../support/throwawayPostgres.js';

/**
 * Two instances started at the same moment on a fresh, empty PostgreSQL database (issue 17, part 2):
 * both come up and serve /health, and every migration is applied by exactly one of them — the
 * other waits on the schema lock (server/src/db/migrate.ts) and then finds nothing to do. Counts
 * whatever files server/src/db/migrations/ holds, so migrations added later are covered too.
 * PostgreSQL only: the embedded database has one process per data directory.
 */
const migrationFiles = readdirSync(new URL('../../../server/src/db/migrations/', import.meta.url)).filter((file) =>
  /^\d{3}-.+\.sql$/.test(file),
);

let database: ThrowawayPostgres;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  database = await createThrowawayPostgres('gridmap_concurrent');
});

afterAll(async () => {
  await Promise.all(servers.map((server) => stopServer(server, 'SIGTERM')));
  await database?.drop();
});

describe('two instances started at once on a fresh database', () => {
  it('both come up, and each migration is applied once', async () => {
    const started = await Promise.allSettled([startServer(database.url), startServer(database.url)]);
    for (const result of started) if (result.status === 'fulfilled') servers.push(result.value);
    const failures = started.flatMap((result) => (result.status === 'rejected' ? [String(result.reason)] : []));
    expect(failures).toEqual([]);

    for (const server of servers) {
      const health = await fetch(`${server.baseUrl}/health`);
      expect(health.status).toBe(200);
    }

    // The "serving" line says how many files that instance applied: all of them by one, none by the other.
    const appliedCounts = servers
      .map((server) => Number(/applied (\d+) migrations/.exec(server.output())?.[1] ?? 0))
      .sort((a, b) => a - b);
    expect(appliedCounts).toEqual([0, migrationFiles.length]);

    const admin = postgres(database.url, { max: 1, onnotice: () => {} });
    try {
      const recorded = await admin<{ name: string }[]>`SELECT name FROM schema_migrations ORDER BY name`;
      expect(recorded.map((row) => row.name)).toEqual([...migrationFiles].sort());
    } finally {
      await admin.end();
    }
  });
});

describe.each(backends)('the schema lock on %s', (kind) => {
  it('is held for the whole locked work, released at its end, and a second run applies nothing', async () => {
    // PostgreSQL: a database of this test's own, since other workers' migrations take the same lock
    // on the shared one at any moment. Embedded: the worker's own database, used by one file at a time.
    const own = kind === 'postgres' ? await createThrowawayPostgres('gridmap_lock') : null;
    const db = own ? openPostgres({ url: own.url, max: 2 }) : await testDatabase(kind);
    if (own) await migrate(db);
    try {
      const key = String(schemaLockKey);
      const heldBy = () => db.sql<{ held: number }>`
      SELECT count(*)::int AS held FROM pg_locks
      WHERE locktype = 'advisory' AND granted
        AND ((classid::bigint << 32) | objid::bigint) = ${key}::bigint`;
      const inside = await withSchemaLock(db, async (locked) => {
        const [row] = await locked.sql<{ held: number }>`
        SELECT count(*)::int AS held FROM pg_locks
        WHERE locktype = 'advisory' AND granted AND pid = pg_backend_pid()
          AND ((classid::bigint << 32) | objid::bigint) = ${key}::bigint`;
        // Another session cannot take it meanwhile (PostgreSQL: another pool connection).
        const [other] =
          kind === 'postgres'
            ? await db.sql<{ got: boolean }>`SELECT pg_try_advisory_xact_lock(${key}::bigint) AS got`
            : [{ got: false }];
        return { held: row!.held, otherGot: other!.got };
      });
      expect(inside).toEqual({ held: 1, otherGot: false });
      expect((await heldBy())[0]!.held).toBe(0);
      expect(await migrate(db)).toEqual([]);
    } finally {
      if (own) {
        await db.close();
        await own.drop();
      }
    }
  });
});
