import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { wrapEmbedded } from './embeddedDatabase.js';
import { migrate } from './migrate.js';

/**
 * A fresh embedded database, PostGIS created and migrations applied, dumped once at `npm install`
 * (`scripts/embeddedTemplate.ts`). Creating a PGlite + PostGIS cluster takes ~15 s of WebAssembly
 * work; loading this dump into an empty data directory takes ~4 s, so the demo's first start is
 * mostly the seed. Migrations added after the dump are applied at start as usual.
 */
export async function writeEmbeddedTemplate(path: string): Promise<void> {
  const pg = await PGlite.create({ extensions: { postgis } });
  try {
    await migrate(wrapEmbedded(pg));
    const dump = await pg.dumpDataDir('gzip');
    mkdirSync(dirname(path), { recursive: true });
    const partial = `${path}.partial`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, path); // never leave a half-written template behind
  } finally {
    await pg.close();
  }
}

/** The template to start a new data directory from, when there is one and the directory is empty. */
export function templateForNewDataDir(dataDir: string, templatePath: string | undefined): Blob | undefined {
  if (!templatePath || !existsSync(templatePath)) return undefined;
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) return undefined;
  return new Blob([readFileSync(templatePath)]);
}
