import { readConfig } from './config.js';
import { openDatabase } from './db/openDatabase.js';
import { migrate } from './db/migrate.js';
import { buildApp } from './app.js';
import { seedDemoCounty, hasGrids } from './seed/seedDemoCounty.js';
import { countAccounts } from './repos/accountRepo.js';
import { guardPostgresDriverCrash } from './db/postgresDriverGuard.js';

// Before any connection opens: a PostgreSQL restart must not end the process (see the guard).
guardPostgresDriverCrash();

// Start: configuration, database, migrations, demo seed when empty, listen; graceful shutdown.
const startedAt = performance.now();
const config = readConfig();
const db = await openDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  embeddedTemplate: config.embeddedTemplate,
});
const applied = await migrate(db);
if (config.seedDemo && !(await hasGrids(db))) {
  console.log('gridmap: empty database — generating the Gaotai demo county (synthetic data)…');
  const summary = await seedDemoCounty(db);
  console.log(`gridmap: demo county ready: ${JSON.stringify(summary)}`);
}
if ((await countAccounts(db.sql)) === 0) {
  // Nobody could sign in. A demo data directory made before accounts existed gets them with a reset.
  console.warn(
    'gridmap: no accounts — add one with `npm run account -- add <username> county_admin 620724`' +
      (config.seedDemo ? ' (or regenerate the demo with its accounts: `npm run seed -- --reset`)' : ''),
  );
}
const app = await buildApp({
  db,
  webDist: config.webDist,
  caseEscalationIntervalMs: config.caseEscalationIntervalMs,
  secureCookies: config.secureCookies,
  logger: { level: config.logLevel },
});
await app.listen({ port: config.port, host: config.host });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : config.port;
const shownHost = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
console.log(
  `gridmap: serving http://${shownHost}:${port}/  (database: ${db.kind}${applied.length ? `, applied ${applied.length} migrations` : ''}, ready in ${((performance.now() - startedAt) / 1000).toFixed(1)} s)`,
);

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  console.log(`gridmap: ${signal} — closing`);
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  await app.close();
  await db.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
