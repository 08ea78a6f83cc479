// Part of `npm install` (through `prepare`): dumps a fresh embedded database — PostGIS created,
// migrations applied — so the demo's first start loads it in ~4 s instead of creating a cluster
// in ~15 s. Skipped when the template exists; `--force` rebuilds it.
import { existsSync } from 'node:fs';
import { readConfig } from '../server/src/config.js';
import { writeEmbeddedTemplate } from '../server/src/db/embeddedTemplate.js';

const path = readConfig().embeddedTemplate;
if (existsSync(path) && !process.argv.includes('--force')) {
  console.log(`gridmap: embedded database template present (${path})`);
} else {
  const started = performance.now();
  await writeEmbeddedTemplate(path);
  console.log(
    `gridmap: embedded database template written in ${((performance.now() - started) / 1000).toFixed(1)} s (${path})`,
  );
}
