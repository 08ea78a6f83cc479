import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * Every script `npm run` starts with node or tsx answers `--help` with its usage and exit code 0,
 * and an unknown flag with one line naming it, the usage and exit code 2 (scripts/cli/commandLine.mjs).
 * Read from package.json, so a script added later is held to it too. DATABASE_URL points at a port
 * nothing listens on: a script that opened the database before reading its arguments would fail
 * instead of printing its usage. No `.env` is read (GRIDMAP_ENV_FILE empty).
 */
interface Script {
  names: string[];
  file: string;
  runner: 'node' | 'tsx';
}

const packageScripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> })
  .scripts;
const byFile = new Map<string, Script>();
for (const [name, command] of Object.entries(packageScripts)) {
  const match = /^(node|tsx) (\S+\.(?:ts|mjs|js))(?:\s|$)/.exec(command);
  if (!match) continue;
  const script = byFile.get(match[2]!) ?? { names: [], file: match[2]!, runner: match[1] as Script['runner'] };
  script.names.push(name);
  byFile.set(script.file, script);
}
// Run by `npm install` through scripts/start.mjs rather than by a name of its own.
byFile.set('scripts/embeddedTemplate.ts', {
  names: ['(npm install)'],
  file: 'scripts/embeddedTemplate.ts',
  runner: 'tsx',
});
const scripts = [...byFile.values()];
/** Scripts whose other arguments belong to another program: only --help is theirs. */
const passThrough = new Set(['scripts/test.mjs']);

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(script: Script, args: string[]): Promise<Outcome> {
  const argv = script.runner === 'tsx' ? ['--import', 'tsx', script.file, ...args] : [script.file, ...args];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      argv,
      {
        env: { ...process.env, GRIDMAP_ENV_FILE: '', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' },
        timeout: 60_000,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr }),
    );
  });
}

describe.concurrent('every script answers --help', () => {
  it('finds the scripts in package.json', () => {
    expect(scripts.map((script) => script.file)).toEqual(
      expect.arrayContaining(['scripts/start.mjs', 'scripts/test.mjs', 'scripts/seed.ts', 'server/src/main.ts']),
    );
  });

  it.each(scripts.map((script) => [script.names.join(', '), script] as const))(
    '%s: --help prints the usage and exits 0',
    async (_name, script) => {
      const outcome = await run(script, ['--help']);
      expect(outcome, outcome.stderr).toMatchObject({ code: 0 });
      expect(outcome.stdout).toMatch(/^usage: /);
      expect(outcome.stderr).toBe('');
    },
    60_000,
  );

  it.each(
    scripts
      .filter((script) => !passThrough.has(script.file))
      .map((script) => [script.names.join(', '), script] as const),
  )(
    '%s: an unknown flag is one line naming it, then the usage, exit code 2',
    async (_name, script) => {
      const outcome = await run(script, ['--no-such-flag']);
      expect(outcome.code).toBe(2);
      const [first, ...rest] = outcome.stderr.trimEnd().split('\n');
      expect(first).toMatch(/^[\w:-]+: .*--no-such-flag/);
      expect(rest[0]).toMatch(/^usage: /);
    },
    60_000,
  );
});
