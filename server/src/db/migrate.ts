import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Database, Sql } from './database.js';

const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));

/**
 * The advisory lock every gridmap instance takes before it reads or changes the schema. A fixed key
 * because the instances share nothing but the database: each must ask for the same lock, and
 * advisory locks are per database, so instances of other databases on the same server never wait
 * for each other. The value is "gridmap" in ASCII, so another application's locks in the same
 * database (small counters, table oids) do not collide with it by accident.
 */
export const schemaLockKey = 0x67_72_69_64_6d_61_70n;

/**
 * Runs `work` in one transaction that holds the schema lock (`pg_advisory_xact_lock`) from its first
 * statement to its commit, on the one connection of that transaction, so a second instance started
 * at the same moment waits and then finds the work done — never both apply a file or both seed an
 * empty database. `work` gets a {@link Database} bound to that transaction: its `transaction()` runs
 * inside it (everything commits or rolls back together). PGlite has advisory locks too; with one
 * process per data directory the lock is free there, and the code path is the same.
 */
export async function withSchemaLock<T>(
  db: Database,
  work: (locked: Database) => Promise<T>,
  onWait: () => void = () => {},
): Promise<T> {
  return db.transaction(async (sql) => {
    const [attempt] = await sql<{
      locked: boolean;
    }>`SELECT pg_try_advisory_xact_lock(${String(schemaLockKey)}::bigint) AS locked`;
    if (!attempt?.locked) {
      onWait();
      await sql`SELECT pg_advisory_xact_lock(${String(schemaLockKey)}::bigint)`;
    }
    const locked: Database = {
      kind: db.kind,
      sql,
      transaction: (inner) => inner(sql),
      listen: (channel, onMessage, onListen) => db.listen(channel, onMessage, onListen),
      close: () => Promise.reject(new Error('the schema-locked database is closed by its owner')),
    };
    return work(locked);
  });
}

/**
 * Applies the numbered SQL files in `migrations/` that are not yet recorded, in order, and records
 * each in `schema_migrations`. Call it inside {@link withSchemaLock} (the list of applied files is
 * read after the lock is held, so a waiting instance sees what the first one applied). All files of
 * one run share the lock's transaction: an upgrade applies completely or not at all, and a failed one
 * leaves the previous schema for the previous version to keep running on. (A file that needs its own
 * transaction — `ALTER TYPE … ADD VALUE` used by a later file — cannot be written; use text + CHECK.)
 */
export async function applyMigrations(sql: Sql): Promise<string[]> {
  await sql.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name text PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const applied = new Set((await sql<{ name: string }>`SELECT name FROM schema_migrations`).map((row) => row.name));
  const files = (await readdir(migrationsDir)).filter((file) => /^\d{3}-.+\.sql$/.test(file)).sort();
  const newlyApplied: string[] = [];
  for (const file of files) {
    if (applied.has(file)) continue;
    await sql.exec(await readFile(migrationsDir + file, 'utf8'));
    await sql`INSERT INTO schema_migrations (name) VALUES (${file})`;
    newlyApplied.push(file);
  }
  return newlyApplied;
}

/** Applies the pending migrations under the schema lock; the files it applied, in order. */
export async function migrate(db: Database): Promise<string[]> {
  return withSchemaLock(db, (locked) => applyMigrations(locked.sql));
}
