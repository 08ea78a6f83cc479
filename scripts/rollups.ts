// `npm run rollups -- check`: whether the stored rollups (migration 010: the counts the dossier, the
//   KPIs and the thematic map read) equal a recount from the base tables; changes nothing.
// `npm run rollups -- rebuild`: recounts them, in one transaction. Writes through gridmap keep them
//   current by themselves; this is for data loaded around the triggers (a partial restore, a table
//   filled by hand with triggers disabled).
import { loadEnvFile, readConfig } from '../server/src/config.js';
import { readCommandLine, usageError } from './cli/commandLine.mjs';
import { openDatabase } from '../server/src/db/openDatabase.js';
import { migrate } from '../server/src/db/migrate.js';
import { rebuildGridRollups, rollupsMatchRecount } from '../server/src/repos/rollups/gridRollupRepo.js';

const usage = `usage: npm run rollups -- check | rebuild
On the embedded database stop the server first (one process per data directory).`;
const commandLine = { name: 'rollups', usage };
const [command, ...args] = readCommandLine({ ...commandLine, positionals: true }).positionals;
if (!command || !['check', 'rebuild'].includes(command)) {
  usageError(commandLine, command ? `unknown command "${command}"` : 'which command?');
}
if (args.length > 0) usageError(commandLine, `${command} takes no argument`);

loadEnvFile();
const config = readConfig();
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await migrate(db);
  if (command === 'rebuild') {
    const started = performance.now();
    await db.transaction((sql) => rebuildGridRollups(sql));
    console.log(`rollups: recounted in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } else if (await rollupsMatchRecount(db)) {
    console.log('rollups: equal to a recount from the base tables');
  } else {
    console.error('rollups: differ from a recount; run `npm run rollups -- rebuild`');
    process.exitCode = 1;
  }
} finally {
  await db.close();
}
