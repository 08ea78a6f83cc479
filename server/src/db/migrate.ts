import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.js';

const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));

/**
 * Applies the numbered SQL files in `migrations/` that are not yet recorded, in order, each in its
 * own transaction. The same files run on PostgreSQL and on the embedded database.
 */
export async function migrate(db: Database): Promise<string[]> {
  await db.sql.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name text PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const applied = new Set((await db.sql<{ name: string }>`SELECT name FROM schema_migrations`).map((row) => row.name));
  const files = (await readdir(migrationsDir)).filter((file) => /^\d{3}-.+\.sql$/.test(file)).sort();
  const newlyApplied: string[] = [];
  for (const file of files) {
    if (applied.has(file)) continue;
    const script = await readFile(migrationsDir + file, 'utf8');
    await db.transaction(async (sql) => {
      await sql.exec(script);
      await sql`INSERT INTO schema_migrations (name) VALUES (${file})`;
    });
    newlyApplied.push(file);
  }
  return newlyApplied;
}
