// `npm run seed [-- --scale N] [-- --reset] [-- --seed S]`: generates the synthetic Gaotai demo county
// into the configured database (DATABASE_URL, or the embedded data directory) and prints the timing.
import { loadEnvFile, readConfig } from '../server/src/config.js';
import { readCommandLine, usageError } from './cli/commandLine.mjs';
import { openDatabase } from '../server/src/db/openDatabase.js';
import { migrate } from '../server/src/db/migrate.js';
import { clearSeededTables, hasGrids, seedDemoCounty } from '../server/src/seed/seedDemoCounty.js';

const commandLine = {
  name: 'seed',
  usage: `usage: npm run seed -- [--scale N] [--seed S] [--reset]
  --scale N   the county N times the demo's size, 1–30 (default 1)
  --seed S    another deterministic random seed (default 620724)
  --reset     empty the seeded tables first (the database already has grids)
The database is the configured one: DATABASE_URL, else the embedded data directory (.env is read).`,
};
const { values } = readCommandLine({
  ...commandLine,
  options: {
    scale: { type: 'string', default: '1' },
    seed: { type: 'string' },
    reset: { type: 'boolean', default: false },
  },
});
const scale = Number(values.scale);
if (!Number.isInteger(scale) || scale < 1 || scale > 30) {
  usageError(commandLine, `--scale must be an integer 1–30, got "${values.scale}"`);
}
loadEnvFile();
const config = readConfig();
const opened = performance.now();
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await migrate(db);
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded database in ${config.dataDir}`;
  console.log(`seed: ${where} opened and migrated in ${((performance.now() - opened) / 1000).toFixed(1)} s`);
  if (await hasGrids(db)) {
    if (!values.reset) {
      console.error('seed: the database already has grids; run with --reset to empty the seeded tables and seed again');
      process.exitCode = 1;
    } else {
      await clearSeededTables(db);
      console.log('seed: emptied the seeded tables (--reset)');
    }
  }
  if (process.exitCode !== 1) {
    const summary = await seedDemoCounty(db, { scale, ...(values.seed ? { seed: Number(values.seed) } : {}) });
    console.log(`seed: scale ${scale} seeded in ${(summary.milliseconds / 1000).toFixed(1)} s`);
    console.table(Object.fromEntries(Object.entries(summary).filter(([key]) => key !== 'milliseconds')));
  }
} finally {
  await db.close();
}
