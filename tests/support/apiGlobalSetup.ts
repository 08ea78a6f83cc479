import type { TestProject } from 'vitest/node';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { createThrowawayPostgres } from './throwawayPostgres.js';
import { openPostgres } from '../../server/src/db/postgresDatabase.js';
import { wrapEmbedded } from '../../server/src/db/embeddedDatabase.js';
import { migrate } from '../../server/src/db/migrate.js';
import { seedDemoCounty } from '../../server/src/seed/seedDemoCounty.js';
import type { Database } from '../../server/src/db/database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
    embeddedTemplate: string;
  }
}

/**
 * Prepares both backends once per run: a throw-away PostgreSQL database and an embedded
 * (PGlite) data directory, each migrated and seeded with the demo county. Workers open the
 * PostgreSQL one over a real connection and load their own copy of the embedded one.
 */
export default async function setup(project: TestProject) {
  const started = Date.now();
  const throwaway = await createThrowawayPostgres();
  const pgDb = openPostgres({ url: throwaway.url, max: 4 });
  const tmp = mkdtempSync(join(tmpdir(), 'gridmap-api-'));
  try {
    // One after the other: PGlite's start blocks the event loop for seconds, which would time out
    // a PostgreSQL connection being opened at the same time.
    await prepare(pgDb);
    const embedded = await PGlite.create({ extensions: { postgis } });
    // The template is dumped from this PGlite instance, so it is opened here directly.
    const embeddedDb = wrapEmbedded(embedded);
    await prepare(embeddedDb);
    const dump = await embedded.dumpDataDir('none');
    const templatePath = join(tmp, 'embedded-template.tar');
    writeFileSync(templatePath, Buffer.from(await dump.arrayBuffer()));
    await embedded.close();
    project.provide('postgresUrl', throwaway.url);
    project.provide('embeddedTemplate', templatePath);
    console.log(
      `[api setup] both backends migrated and seeded in ${((Date.now() - started) / 1000).toFixed(1)} s (${throwaway.name})`,
    );
  } finally {
    await pgDb.close();
  }
  return async () => {
    await throwaway.drop();
    rmSync(tmp, { recursive: true, force: true });
  };
}

async function prepare(db: Database) {
  await migrate(db);
  await seedDemoCounty(db);
}
