// `npm run seed [-- --demo county|prefecture] [-- --scale N] [-- --reset] [-- --seed S]`: generates the
// synthetic Gaotai demo county (or the 张掖市 prefecture with its six counties)
// into the configured database (DATABASE_URL, or the embedded data directory) and prints the timing.
import { loadEnvFile, readConfig } from '../server/src/config.js';
import { readCommandLine, usageError } from './cli/commandLine.mjs';
import { openDatabase } from '../server/src/db/openDatabase.js';
import { migrate } from '../server/src/db/migrate.js';
import { clearSeededTables, hasGrids } from '../server/src/seed/seedDemoCounty.js';
import { DEMO_CHOICES, isDemoChoice } from '../server/src/seed/demoChoice.js';
import { seedDemo } from '../server/src/seed/seedDemo.js';

const commandLine = {
  name: 'seed',
  usage: `usage: npm run seed -- [--demo county|prefecture] [--scale N] [--seed S] [--reset]
  --demo D    county: 高台县 alone (default); prefecture: 张掖市 with its six counties (GRIDMAP_DEMO)
  --scale N   the county N times the demo's size, 1–30 (default 1; county demo only)
  --seed S    another deterministic random seed (default 620724)
  --reset     empty the seeded tables first (the database already has grids)
The database is the configured one: DATABASE_URL, else the embedded data directory (.env is read).`,
};
const { values } = readCommandLine({
  ...commandLine,
  options: {
    demo: { type: 'string' },
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
const demo = values.demo ?? config.demo;
if (!isDemoChoice(demo)) usageError(commandLine, `--demo must be one of ${DEMO_CHOICES.join(', ')}, got "${demo}"`);
if (demo === 'prefecture' && scale !== 1) usageError(commandLine, '--scale applies to the county demo only');
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
    const summary = await seedDemo(db, demo, {
      scale,
      ...(values.seed ? { seed: Number(values.seed) } : {}),
      say: (line) => console.log(`seed: ${line}`),
    });
    console.log(
      `seed: ${demo} demo${demo === 'county' ? ` at scale ${scale}` : ''} seeded in ${(summary.milliseconds / 1000).toFixed(1)} s`,
    );
    console.table(Object.fromEntries(Object.entries(summary).filter(([key]) => key !== 'milliseconds')));
  }
} finally {
  await db.close();
}
