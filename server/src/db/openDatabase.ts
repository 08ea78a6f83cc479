import type { Database } from './database.js';
import { openEmbedded } from './embeddedDatabase.js';
import { openPostgres } from './postgresDatabase.js';

export interface DatabaseConfig {
  /** PostgreSQL connection string; absent → the embedded database. */
  databaseUrl?: string;
  /** The embedded database's directory; absent → in memory. */
  dataDir?: string;
}

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.databaseUrl) {
    const db = openPostgres({ url: config.databaseUrl });
    await db.sql`SELECT 1`; // fail at start, not at the first request
    return db;
  }
  return openEmbedded(config.dataDir ? { dataDir: config.dataDir } : {});
}
