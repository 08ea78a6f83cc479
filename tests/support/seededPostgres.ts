import { migrate } from '../../server/src/db/migrate.js';
import { openPostgres } from '../../server/src/db/postgresDatabase.js';
import { seedDemoCounty } from '../../server/src/seed/seedDemoCounty.js';
import { createThrowawayPostgres, type ThrowawayPostgres } from './throwawayPostgres.js';

/**
 * A PostgreSQL database of one test file (or benchmark) of its own, migrated and seeded with the
 * demo county — ~7 s on an idle machine, PostgreSQL being far faster at the seed than PGlite — and
 * dropped by the caller. For work that must know every write to the database (fingerprints of the
 * bad-input suite) or that breaks things (terminated connections, killed servers), which the run's
 * shared seeded database, written by other files at the same moment, cannot give. (CREATE DATABASE …
 * TEMPLATE of the shared one is refused while other workers are connected to it.) No vitest import:
 * scripts/bench/trust.ts uses it too.
 */
export async function seededPrivatePostgres(prefix = 'gridmap_private'): Promise<ThrowawayPostgres> {
  const throwaway = await createThrowawayPostgres(prefix);
  const db = openPostgres({ url: throwaway.url, max: 2 });
  try {
    await migrate(db);
    await seedDemoCounty(db);
  } catch (error) {
    await db.close();
    await throwaway.drop();
    throw error;
  }
  await db.close();
  return throwaway;
}
