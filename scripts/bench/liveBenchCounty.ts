import type { Database } from '../../server/src/db/database.js';

/**
 * The one grid the live bench subscribes to: the county outline as a square. The bench measures
 * the live channel, not the demo seed, which takes far longer than the bench's time budget allows.
 */
export async function insertBenchCounty(db: Database): Promise<void> {
  await db.sql`
    INSERT INTO grids (code, level, name, geom)
    VALUES ('620724000000', 'county', '高台县',
      ST_Multi(ST_MakeEnvelope(99.3, 39.2, 100.1, 39.8, 4326)))`;
}
