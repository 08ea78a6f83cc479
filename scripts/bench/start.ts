// `npm run bench:start`: cold start (empty data directory: the embedded database loaded from the
// template `npm install` dumped — and, for comparison, created from scratch without it — migrated,
// the demo county seeded) and warm start (the same directory again) to serving the map — the page,
// a sign-in and a grid tile — against the floor measured in the same run: opening bare PGlite + PostGIS on a
// new and on an existing directory. Goals: cold ≤ 30 s, warm ≤ 8 s. Prints figures; asserts nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { startGridmapServer } from '../../tests/support/gridmapServer.js';
import { signIn } from '../../tests/support/serverProcess.js';
import { readCommandLine } from '../cli/commandLine.mjs';

readCommandLine({
  name: 'bench:start',
  usage: `usage: npm run bench:start
Cold and warm start of the demo on a fresh embedded data directory; prints figures, asserts nothing.`,
});

async function bareEmbeddedSeconds(dataDir: string): Promise<number> {
  const started = performance.now();
  const pg = await PGlite.create({ dataDir, extensions: { postgis } });
  await pg.exec('CREATE EXTENSION IF NOT EXISTS postgis');
  await pg.close();
  return (performance.now() - started) / 1000;
}

async function startToMapSeconds(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<number> {
  const started = performance.now();
  const server = await startGridmapServer({ dataDir, env });
  try {
    // What a user's first screen needs: the page, signing in, a grid tile (tiles need a session).
    const page = await fetch(server.baseUrl + '/');
    if (!page.ok) throw new Error(`/ → ${page.status}`);
    await page.arrayBuffer();
    const { cookie } = await signIn(server.baseUrl, 'admin');
    const tile = await fetch(server.baseUrl + '/tiles/grids/8/198/97.mvt', { headers: { cookie } });
    if (!tile.ok) throw new Error(`tile → ${tile.status}`);
    await tile.arrayBuffer();
    return (performance.now() - started) / 1000;
  } finally {
    await server.stop();
  }
}

const floorDir = mkdtempSync(join(tmpdir(), 'gridmap-bench-floor-'));
const appDir = mkdtempSync(join(tmpdir(), 'gridmap-bench-app-'));
const scratchDir = mkdtempSync(join(tmpdir(), 'gridmap-bench-scratch-'));
try {
  const floorCold = await bareEmbeddedSeconds(floorDir);
  const floorWarm = await bareEmbeddedSeconds(floorDir);
  const cold = await startToMapSeconds(appDir);
  const warm = await startToMapSeconds(appDir);
  const scratch = await startToMapSeconds(scratchDir, { GRIDMAP_EMBEDDED_TEMPLATE: join(scratchDir, 'no-template') });
  const row = (name: string, seconds: number, floor: number, goal: number) =>
    `${name.padEnd(17)} ${seconds.toFixed(1).padStart(6)} s   bare PGlite ${floor.toFixed(1).padStart(5)} s   ratio ${(seconds / floor).toFixed(2)}×   goal ≤ ${goal} s: ${seconds <= goal ? 'met' : 'NOT met'}`;
  console.log('start to serving the map (page + grid tile), embedded database');
  console.log(row('cold', cold, floorCold, 30));
  console.log(row('warm', warm, floorWarm, 8));
  console.log(
    `${row('cold, no template', scratch, floorCold, 30)}   (the cluster created at start, not at npm install)`,
  );
} finally {
  rmSync(floorDir, { recursive: true, force: true });
  rmSync(appDir, { recursive: true, force: true });
  rmSync(scratchDir, { recursive: true, force: true });
}
