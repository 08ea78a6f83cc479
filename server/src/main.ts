import type { FastifyInstance } from 'fastify';
import { loadEnvFile, readConfig } from './config.js';
import type { Database } from './db/database.js';
import { openDatabase } from './db/openDatabase.js';
import { applyMigrations, withSchemaLock } from './db/migrate.js';
import { buildApp } from './app.js';
import { hasGrids } from './seed/seedDemoCounty.js';
import { seedDemo } from './seed/seedDemo.js';
import { countAccounts } from './repos/session/accountRepo.js';
import { guardPostgresDriverCrash } from './db/postgresDriverGuard.js';
import { calendarCoverage, calendarWarning } from './domain/calendarCoverage.js';
import { startupFailureReason, type StartupContext } from './startupFailure.js';

// The server takes no arguments (everything is configuration); `--help` answers before anything opens.
const usage = `usage: npm start            (builds the web app when stale, then serves; or: npm run serve)
Serves the map and the API on HOST:PORT (default 127.0.0.1:8080). Configured by environment variables
and the .env file at the repository root (real environment variables win); see .env.example.`;
const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(usage);
  process.exit(0);
}
if (args.length > 0) {
  console.error(`gridmap: unknown argument "${args[0]}" (the server is configured by environment variables)\n${usage}`);
  process.exit(2);
}

// Before any connection opens: a PostgreSQL restart must not end the process (see the guard).
guardPostgresDriverCrash();

// Start: configuration, database, migrations and the demo seed under the schema lock, listen; any
// failure on the way is one line on stderr and exit code 1 (the stack only at LOG_LEVEL=debug).
const startedAt = performance.now();
const context: StartupContext = { step: 'configuration' };
let db: Database | undefined;
let app: FastifyInstance | undefined;
try {
  loadEnvFile();
  const config = readConfig();
  Object.assign(context, {
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    host: config.host,
    port: config.port,
  });
  context.step = 'database';
  db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    embeddedTemplate: config.embeddedTemplate,
  });
  context.step = 'migrations';
  const applied = await withSchemaLock(
    db,
    async (locked) => {
      const files = await applyMigrations(locked.sql);
      // Under the same lock: two instances on an empty database must not both generate the county.
      if (config.seedDemo && !(await hasGrids(locked))) {
        context.step = 'seed';
        const what =
          config.demo === 'prefecture' ? 'the 张掖市 prefecture demo (6 counties' : 'the Gaotai demo county (';
        console.log(`gridmap: empty database — generating ${what}synthetic data)…`);
        const summary = await seedDemo(locked, config.demo, { say: (line) => console.log(`gridmap: seed ${line}`) });
        console.log(`gridmap: demo ready: ${JSON.stringify(summary)}`);
      }
      return files;
    },
    () => console.log('gridmap: another instance is migrating the database — waiting for it…'),
  );
  if ((await countAccounts(db.sql)) === 0) {
    // Nobody could sign in. A demo data directory made before accounts existed gets them with a reset.
    console.warn(
      'gridmap: no accounts — add one with `npm run account -- add <username> county_admin <county or prefecture code>`' +
        (config.seedDemo ? ' (or regenerate the demo with its accounts: `npm run seed -- --reset`)' : ''),
    );
  }
  context.step = 'app';
  app = await buildApp({
    db,
    webDist: config.webDist,
    caseEscalationIntervalMs: config.caseEscalationIntervalMs,
    // Hourly: the first check after 02:00 China time that finds the day unclaimed runs it.
    alertCheckIntervalMs: 3_600_000,
    secureCookies: config.secureCookies,
    trustProxy: config.trustProxy,
    ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
    logger: { level: config.logLevel },
  });
  context.step = 'listen';
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  console.log(
    `gridmap: serving http://${shownHost}:${port}/  (database: ${db.kind}${applied.length ? `, applied ${applied.length} migrations` : ''}, ready in ${((performance.now() - startedAt) / 1000).toFixed(1)} s)`,
  );
  // Deadlines past the calendar's end count plain weekdays: say so while there is time to load it.
  const calendarNotice = calendarWarning(calendarCoverage(app.calendar, new Date()));
  if (calendarNotice) console.warn(`gridmap: warning: ${calendarNotice}`);
} catch (error) {
  await failStart(error);
}

async function failStart(error: unknown): Promise<never> {
  process.stderr.write(`gridmap: cannot start: ${startupFailureReason(error, context)}\n`);
  if (['debug', 'trace'].includes(process.env.LOG_LEVEL?.trim() ?? '')) {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  }
  // Close what opened (an embedded data directory is left clean), but never hang on the way out.
  setTimeout(() => process.exit(1), 5_000);
  await app?.close().catch(() => {});
  await db?.close().catch(() => {});
  process.exit(1);
}

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  console.log(`gridmap: ${signal} — closing`);
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  await app?.close();
  await db?.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
