import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import type { Database, DatabaseKind } from '../../server/src/db/database.js';
import { openEmbedded } from '../../server/src/db/embeddedDatabase.js';
import { openPostgres } from '../../server/src/db/postgresDatabase.js';
import { seededPrivatePostgres } from './seededPostgres.js';

/**
 * A copy of the seeded demo county only the calling file writes: on PostgreSQL a database made
 * from the seeded template (`gridmap_<label>_…`), embedded a PGlite loaded from the template's
 * data directory. For tests whose writes (or deletions) must not reach other files' checks.
 */
export async function privateSeededDatabase(
  kind: DatabaseKind,
  label: string,
): Promise<{ db: Database; drop(): Promise<void> }> {
  if (kind === 'postgres') {
    const throwaway = await seededPrivatePostgres(`gridmap_${label}`);
    const db = openPostgres({ url: throwaway.url, max: 4 });
    return { db, drop: async () => (await db.close(), await throwaway.drop()) };
  }
  const db = await openEmbedded({ loadDataDir: new Blob([readFileSync(inject('embeddedTemplate'))]) });
  return { db, drop: () => db.close() };
}
