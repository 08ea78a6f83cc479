import { inject } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Database, DatabaseKind } from '../../server/src/db/database.js';
import { openPostgres } from '../../server/src/db/postgresDatabase.js';
import { openEmbedded } from '../../server/src/db/embeddedDatabase.js';

/** Every API test runs on both backends. */
export const backends: DatabaseKind[] = ['postgres', 'embedded'];

const open = new Map<DatabaseKind, Promise<Database>>();

/**
 * The seeded test database of a backend, one per worker (kept across the worker's test files;
 * the api project runs with `isolate: false`). PostgreSQL: a real connection to the run's
 * throw-away database. Embedded: this worker's own PGlite loaded from the seeded template.
 * Tests that write must not assume they are alone on the PostgreSQL database.
 */
export function testDatabase(kind: DatabaseKind): Promise<Database> {
  let db = open.get(kind);
  if (!db) {
    db =
      kind === 'postgres'
        ? Promise.resolve(openPostgres({ url: inject('postgresUrl'), max: 4 }))
        : openEmbedded({ loadDataDir: new Blob([readFileSync(inject('embeddedTemplate'))]) });
    open.set(kind, db);
  }
  return db;
}
