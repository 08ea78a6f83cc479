import { migrate } from '../../server/src/db/migrate.js';
import { openPostgres } from '../../server/src/db/postgresDatabase.js';
import { seedDemoPrefecture } from '../../server/src/seed/prefecture/seedDemoPrefecture.js';
import { startGridmapServer, type RunningServer } from './gridmapServer.js';
import { createThrowawayPostgres } from './throwawayPostgres.js';

/**
 * The real server (`server/src/main.ts`) over a PostgreSQL database of its own seeded with the
 * prefecture demo (张掖市, six counties) at a small size — households at 3 % of each county's real
 * figure, seconds on PostgreSQL where PGlite takes minutes — for the browser tests that drill from
 * the prefecture down (tests/e2e/prefectureDrill.test.ts). The run's shared e2e server stays the
 * county demo. `stop()` stops the server and drops the database.
 */
export async function startPrefectureServer(): Promise<RunningServer & { seedSeconds: number }> {
  const started = performance.now();
  const throwaway = await createThrowawayPostgres('gridmap_prefecture');
  try {
    const db = openPostgres({ url: throwaway.url, max: 2 });
    try {
      await migrate(db);
      await seedDemoPrefecture(db, { householdScale: 0.03 });
    } finally {
      await db.close();
    }
    const seedSeconds = (performance.now() - started) / 1000;
    // The database has grids, so the server does not seed again whatever GRIDMAP_DEMO says.
    const server = await startGridmapServer({ databaseUrl: throwaway.url, env: { GRIDMAP_DEMO: 'prefecture' } });
    return {
      ...server,
      seedSeconds,
      async stop() {
        await server.stop();
        await throwaway.drop();
      },
    };
  } catch (error) {
    await throwaway.drop();
    throw error;
  }
}
