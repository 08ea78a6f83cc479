// `npm run seed [-- --demo county|prefecture] [-- --scale N] [-- --reset] [-- --seed S]`: generates
// a synthetic demo — 高台县 alone, or 张掖市 with its six counties — into the configured database
// (DATABASE_URL, or the embedded data directory) and prints the timing.
import { ConfigError, loadEnvFile, readConfig } from '../server/src/config.js';
import { readCommandLine, usageError } from './cli/commandLine.mjs';
import { openDatabase } from '../server/src/db/openDatabase.js';
import { migrate } from '../server/src/db/migrate.js';
import { clearSeededTables, hasGrids } from '../server/src/seed/seedDemoCounty.js';
import { DEMO_CHOICES, isDemoChoice } from '../server/src/seed/demoChoice.js';
import { seedDemo } from '../server/src/seed/seedDemo.js';

const commandLine = {
  name: 'seed',
  usage: `usage: npm run seed -- [--demo county|prefecture] [--scale N] [--household-scale F] [--seed S] [--reset]
  --demo D              county: 高台县 alone; prefecture: 张掖市 with its six counties
                        (default GRIDMAP_DEMO, else county)
  --scale N             the county N times the demo's size, 1–30 (county only; default 1)
  --household-scale F   the prefecture's households × F, 0 < F ≤ 1 (prefecture only; default 1)
  --seed S              another deterministic random seed (default 620724, the prefecture 620700)
  --reset               empty the seeded tables first (the database already has grids)
The database is the configured one: DATABASE_URL, else the embedded data directory (.env is read).`,
};
const { values } = readCommandLine({
  ...commandLine,
  options: {
    demo: { type: 'string' },
    scale: { type: 'string' },
    'household-scale': { type: 'string' },
    seed: { type: 'string' },
    reset: { type: 'boolean', default: false },
  },
});
let config: ReturnType<typeof readConfig>;
try {
  loadEnvFile();
  config = readConfig();
} catch (error) {
  // A bad .env or variable (GRIDMAP_DEMO=…) is one line, as at `npm start`.
  if (!(error instanceof ConfigError)) throw error;
  console.error(`seed: ${error.message}`);
  process.exit(2);
}
const demo = values.demo ?? config.demo;
if (!isDemoChoice(demo)) usageError(commandLine, `--demo must be one of ${DEMO_CHOICES.join(', ')}, got "${demo}"`);
const scale = Number(values.scale ?? 1);
if (!Number.isInteger(scale) || scale < 1 || scale > 30) {
  usageError(commandLine, `--scale must be an integer 1–30, got "${values.scale}"`);
}
if (demo === 'prefecture' && scale !== 1) usageError(commandLine, '--scale is for the county demo only');
const householdScale = Number(values['household-scale'] ?? 1);
if (!(householdScale > 0 && householdScale <= 1)) {
  usageError(commandLine, `--household-scale must be a number 0 < F ≤ 1, got "${values['household-scale']}"`);
}
if (demo === 'county' && householdScale !== 1)
  usageError(commandLine, '--household-scale is for the prefecture demo only');
const seed = values.seed === undefined ? undefined : Number(values.seed);
if (seed !== undefined && !Number.isInteger(seed))
  usageError(commandLine, `--seed must be an integer, got "${values.seed}"`);
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
      householdScale,
      ...(seed === undefined ? {} : { seed }),
      say: (line) => console.log(`seed: ${line}`),
    });
    const size =
      demo === 'county' ? `the county at scale ${scale}` : `the prefecture at household scale ${householdScale}`;
    console.log(`seed: ${size} seeded in ${(summary.milliseconds / 1000).toFixed(1)} s`);
    console.table(Object.fromEntries(Object.entries(summary).filter(([key]) => key !== 'milliseconds')));
  }
} finally {
  await db.close();
}
