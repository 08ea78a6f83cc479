// Part of `npm install` (through `prepare`): dumps a fresh embedded database — PostGIS created,
// migrations applied — so the demo's first start loads it in ~4 s instead of creating a cluster
// in ~15 s. Skipped when the template exists; `--force` rebuilds it.
import { existsSync } from 'node:fs';
import { loadEnvFile, readConfig } from '../server/src/config.js';
import { writeEmbeddedTemplate } from '../server/src/db/embeddedTemplate.js';
import { readCommandLine } from './cli/commandLine.mjs';

const { values } = readCommandLine({
  name: 'embeddedTemplate',
  usage: `usage: node --import tsx scripts/embeddedTemplate.ts [--force]   (run by npm install)
  --force   dump the template again even when GRIDMAP_EMBEDDED_TEMPLATE's file exists`,
  options: { force: { type: 'boolean', default: false } },
});
loadEnvFile();
const path = readConfig().embeddedTemplate;
if (existsSync(path) && !values.force) {
  console.log(`gridmap: embedded database template present (${path})`);
} else {
  const started = performance.now();
  await writeEmbeddedTemplate(path);
  console.log(
    `gridmap: embedded database template written in ${((performance.now() - started) / 1000).toFixed(1)} s (${path})`,
  );
}
