import { afterAll, describe, expect, inject, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openEmbedded } from '../../../server/src/db/embeddedDatabase.js';
import { openPostgres } from '../../../server/src/db/postgresDatabase.js';
import { databaseFingerprint } from '../../support/databaseFingerprint.js';
import { seededPrivatePostgres } from '../../support/seededPostgres.js';
import { createThrowawayPostgres } from '../../support/throwawayPostgres.js';

/**
 * The backup and restore procedures of the README ("Backups and restore"), run as written: a
 * restored copy holds every row of every table the original held, nothing more.
 */
const run = promisify(execFile);

/** Row counts and contents per table; transaction ids (the fingerprint's change token) differ in any copy. */
async function contents(sql: Parameters<typeof databaseFingerprint>[0]) {
  const fingerprint = await databaseFingerprint(sql);
  return Object.fromEntries(Object.entries(fingerprint).map(([table, { rows, md5 }]) => [table, { rows, md5 }]));
}
const scratch = mkdtempSync(join(tmpdir(), 'gridmap-backup-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('backup → restore', () => {
  it('PostgreSQL: pg_dump --format=custom, then pg_restore into an empty database', async () => {
    const original = await seededPrivatePostgres('gridmap_backup');
    const restored = await createThrowawayPostgres('gridmap_restored');
    const source = openPostgres({ url: original.url, max: 2 });
    const copy = openPostgres({ url: restored.url, max: 2 });
    try {
      const dump = join(scratch, 'gridmap.dump');
      await run('pg_dump', ['--format=custom', `--file=${dump}`, original.url]);
      await run('pg_restore', ['--no-owner', `--dbname=${restored.url}`, dump]);
      const before = await contents(source.sql);
      expect(Object.keys(before)).toEqual(
        expect.arrayContaining(['grids', 'cases', 'households', 'audit_log', 'events']),
      );
      expect(await contents(copy.sql)).toEqual(before);
    } finally {
      await copy.close();
      await source.close();
      await restored.drop();
      await original.drop();
    }
  }, 180_000);

  it('embedded: the stopped server’s data directory archived with tar and unpacked elsewhere', async () => {
    const dataDir = join(scratch, 'data', 'db');
    const original = await openEmbedded({
      dataDir,
      loadDataDir: new Blob([readFileSync(inject('embeddedTemplate'))]),
    });
    const before = await contents(original.sql);
    await original.close();
    const archive = join(scratch, 'gridmap-db.tgz');
    await run('tar', ['-czf', archive, '-C', join(scratch, 'data'), 'db']);
    const elsewhere = join(scratch, 'restored');
    await run('mkdir', ['-p', elsewhere]);
    await run('tar', ['-xzf', archive, '-C', elsewhere]);
    const copy = await openEmbedded({ dataDir: join(elsewhere, 'db') });
    try {
      expect(before.cases?.rows).toBeGreaterThan(0);
      expect(await contents(copy.sql)).toEqual(before);
    } finally {
      await copy.close();
    }
  }, 180_000);
});
