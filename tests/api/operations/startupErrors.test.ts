import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A server that cannot start says why in one line — `gridmap: cannot start: <reason>` on stderr,
 * exit code 1, no stack (LOG_LEVEL=debug adds it) — for the port in use, a bad setting, an
 * unreachable database and a data directory that is not one. Real processes (server/src/main.ts,
 * and once through scripts/start.mjs as `npm start` runs it); no `.env` is read.
 */
interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

function startAndFail(env: NodeJS.ProcessEnv, entry = 'server/src/main.ts'): Promise<Exit> {
  const base: NodeJS.ProcessEnv = { ...process.env };
  delete base.DATABASE_URL;
  delete base.LOG_LEVEL;
  const args = entry.endsWith('.ts') ? ['--import', 'tsx', entry] : [entry];
  const child = spawn(process.execPath, args, {
    env: {
      ...base,
      GRIDMAP_ENV_FILE: '',
      GRIDMAP_SEED_DEMO: 'false',
      GRIDMAP_ESCALATION_INTERVAL_MS: '0',
      GRIDMAP_WEB_DIST: 'web/dist',
      HOST: '127.0.0.1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`still running after 90 s:\n${stdout}${stderr}`));
    }, 90_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Exit code 1 and exactly one stderr line, `gridmap: cannot start: <reason>`; the reason. */
function oneLineReason(exit: Exit): string {
  expect(exit.code, exit.stderr).toBe(1);
  const lines = exit.stderr.split('\n').filter((line) => line !== '');
  expect(lines, exit.stderr).toHaveLength(1);
  const match = /^gridmap: cannot start: (.+)$/.exec(lines[0]!);
  expect(match, lines[0]).not.toBeNull();
  return match![1]!;
}

let busy: Server;
let busyPort: number;
let scratch: string;

beforeAll(async () => {
  busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  busyPort = (busy.address() as { port: number }).port;
  scratch = mkdtempSync(join(tmpdir(), 'gridmap-startup-'));
});

afterAll(async () => {
  await new Promise((resolve) => busy.close(resolve));
  rmSync(scratch, { recursive: true, force: true });
});

describe('startup errors are one clear line', () => {
  it('the port in use', async () => {
    const reason = oneLineReason(await startAndFail({ DATABASE_URL: inject('postgresUrl'), PORT: String(busyPort) }));
    expect(reason).toBe(
      `port ${busyPort} on 127.0.0.1 is already in use (another gridmap?); stop it or set PORT to a free port`,
    );
  });

  it('a bad configuration value', async () => {
    const reason = oneLineReason(await startAndFail({ PORT: 'eighty' }));
    expect(reason).toBe('PORT must be a port number 0–65535, got "eighty"');
  });

  it('the same through npm start (scripts/start.mjs)', async () => {
    const reason = oneLineReason(await startAndFail({ GRIDMAP_SEED_DEMO: 'maybe' }, 'scripts/start.mjs'));
    expect(reason).toBe('GRIDMAP_SEED_DEMO must be true or false, got "maybe"');
  });

  it('an unreachable database, named without its password', async () => {
    const reason = oneLineReason(
      await startAndFail({ DATABASE_URL: 'postgres://gridmap:s3cret@127.0.0.1:1/gridmap', PORT: '0' }),
    );
    expect(reason).toBe(
      'the database at postgres://gridmap@127.0.0.1:1/gridmap refuses connections: is PostgreSQL running there? (DATABASE_URL)',
    );
  });

  it('a data directory that is not a directory', async () => {
    const notADirectory = join(scratch, 'db');
    writeFileSync(notADirectory, 'not a database');
    const reason = oneLineReason(await startAndFail({ GRIDMAP_DATA_DIR: notADirectory, PORT: '0' }));
    expect(reason).toMatch(
      new RegExp(`^the embedded database in ${notADirectory} cannot be opened \\((ENOTDIR|EEXIST)`),
    );
  });

  it('a data directory that holds no database gridmap made', async () => {
    const junk = join(scratch, 'junk');
    mkdirSync(junk);
    writeFileSync(join(junk, 'PG_VERSION'), 'junk\n');
    const reason = oneLineReason(await startAndFail({ GRIDMAP_DATA_DIR: junk, PORT: '0' }));
    expect(reason).toMatch(
      new RegExp(`^the embedded database in ${junk} cannot be opened \\(.+\\); check GRIDMAP_DATA_DIR`),
    );
  });

  it('a line of .env that is not NAME=value', async () => {
    const file = join(scratch, 'broken.env');
    writeFileSync(file, 'PORT=0\nthis is not a setting\nHOST=127.0.0.1\n');
    const reason = oneLineReason(await startAndFail({ GRIDMAP_ENV_FILE: file }));
    expect(reason).toBe(`${file}: cannot read the line "this is not a setting" — write NAME=value`);
  });

  it('LOG_LEVEL=debug adds the stack', async () => {
    const exit = await startAndFail({ PORT: 'eighty', LOG_LEVEL: 'debug' });
    expect(exit.code).toBe(1);
    expect(exit.stderr).toMatch(/^gridmap: cannot start: PORT must be a port number/);
    expect(exit.stderr).toMatch(/\n\s+at .*config\.ts/);
  });
});
