// `npm test`: type-check, build the web app if stale (the browser tests drive the real build), then run
// every vitest project — unit, api (PostgreSQL and embedded) and e2e (Chromium) — and print one
// closing line "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { readFileSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { readCommandLine } from './cli/commandLine.mjs';

// Every argument but --help goes to vitest.
const extra = readCommandLine({
  name: 'test',
  usage: `usage: npm test [-- <vitest arguments>]
Type-checks (npm run check), builds the web app if stale, then runs every vitest project: unit, api
(PostgreSQL and embedded) and e2e (Chromium). Arguments go to vitest, e.g. npm test -- --project unit,
npm test -- tests/unit/caseDeadline.test.ts. Needs PostgreSQL + PostGIS at TEST_POSTGRES_ADMIN_URL
(default postgres://postgres@127.0.0.1:5432/postgres) and Chromium at /usr/bin/chromium.`,
  passThrough: true,
}).positionals;

function run(label, command, args) {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit' });
  console.log(
    `=== ${label}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  return result.status === 0;
}

let ok = run('type-check', 'npm', ['run', '--silent', 'check']);
ok = run('build', process.execPath, ['scripts/start.mjs', '--build-only']) && ok;
mkdirSync('data/tmp', { recursive: true });
const report = resolve('data/tmp/test-report.json');
ok =
  run('tests', 'npx', [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...extra,
  ]) && ok;

try {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  console.log(`\n${results.numPassedTests} passed, ${results.numFailedTests} failed`);
} catch {
  console.log('\n0 passed, 1 failed');
}
process.exit(ok ? 0 : 1);
