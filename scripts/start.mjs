// `npm start`: build the web app when it is missing or older than its sources, then serve the
// app and the API from one port (the embedded database unless DATABASE_URL is set).
// `--build-only` (npm's `prepare`, run by `npm install`) builds, dumps a fresh embedded database
// to start the demo from, and stops, so the first `npm start` goes straight to the server.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readCommandLine } from './cli/commandLine.mjs';

const { values } = readCommandLine({
  name: 'start',
  usage: `usage: npm start [-- --build-only]
Builds the web app when it is missing or older than its sources, then serves the map and the API
(server/src/main.ts) on HOST:PORT, default http://127.0.0.1:8080/, on the embedded database unless
DATABASE_URL is set. Configured by environment variables and .env at the repository root (see
.env.example); an empty database gets the demo GRIDMAP_DEMO names: county (default) or prefecture.
  --build-only   build, dump the fresh embedded database template, and stop (npm install runs this)`,
  options: { 'build-only': { type: 'boolean', default: false } },
});

// .env, for GRIDMAP_WEB_DIST below. Node's loader, as server/src/config.ts's loadEnvFile: the
// environment wins over the file. The server reads the file again and reports what is wrong with it.
const envFile = process.env.GRIDMAP_ENV_FILE ?? join(import.meta.dirname, '..', '.env');
try {
  if (envFile.trim() !== '' && existsSync(envFile)) process.loadEnvFile(envFile);
} catch {
  // main.ts says why it cannot read it.
}

const dist = 'web/dist/index.html';

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const stale =
  !existsSync(dist) ||
  statSync(dist).mtimeMs <
    Math.max(newestMtime('web'), newestMtime('server/src/domain'), statSync('vite.config.ts').mtimeMs);
if (stale && !process.env.GRIDMAP_WEB_DIST) {
  console.log('gridmap: building the web app…');
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

if (values['build-only']) {
  // npm install: also dump a fresh embedded database for the first start (see embeddedTemplate.ts).
  const template = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/embeddedTemplate.ts'], {
    stdio: 'inherit',
  });
  process.exit(template.status ?? 1);
}

const server = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
