import type { Database } from './database.js';
import { openEmbedded } from './embeddedDatabase.js';
import { templateForNewDataDir } from './embeddedTemplate.js';
import { openPostgres } from './postgresDatabase.js';

export interface DatabaseConfig {
  /** PostgreSQL connection string; absent → the embedded database. */
  databaseUrl?: string;
  /** The embedded database's directory; absent → in memory. */
  dataDir?: string;
  /** A dumped fresh database (embeddedTemplate.ts) to start an empty `dataDir` from. */
  embeddedTemplate?: string;
}

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.databaseUrl) {
    const db = openPostgres({ url: config.databaseUrl });
    await db.sql`SELECT 1`; // fail at start, not at the first request
    return db;
  }
  if (!config.dataDir) return openEmbedded({});
  const template = templateForNewDataDir(config.dataDir, config.embeddedTemplate);
  return openEmbedded({ dataDir: config.dataDir, ...(template ? { loadDataDir: template } : {}) });
}
