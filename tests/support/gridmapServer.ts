import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningServer {
  baseUrl: string;
  /** Seconds from spawn to the "serving" line. */
  readySeconds: number;
  output: () => string;
  stop(): Promise<void>;
}

/**
 * Starts the real server (`server/src/main.ts`, as `npm start` does) on a free port and waits for
 * its "serving http://…" line. Without `databaseUrl` it runs the embedded database in a fresh data
 * directory, exactly the demo's first start.
 */
export async function startGridmapServer(
  options: { databaseUrl?: string; dataDir?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<RunningServer> {
  const ownDir = options.databaseUrl || options.dataDir ? undefined : mkdtempSync(join(tmpdir(), 'gridmap-db-'));
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env, PORT: '0', HOST: '127.0.0.1' };
  delete env.DATABASE_URL;
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  const dataDir = options.dataDir ?? ownDir;
  if (dataDir) env.GRIDMAP_DATA_DIR = dataDir;
  const started = Date.now();
  const { child, baseUrl, output } = await spawnMain(env, options.timeoutMs);
  return {
    baseUrl,
    readySeconds: (Date.now() - started) / 1000,
    output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (ownDir) rmSync(ownDir, { recursive: true, force: true });
    },
  };
}

export interface SpawnedMain {
  child: ChildProcess;
  baseUrl: string;
  output: () => string;
  exited: Promise<void>;
}

/** Spawns `server/src/main.ts` with `env` and resolves at its "serving http://…" line. */
export async function spawnMain(env: NodeJS.ProcessEnv, timeoutMs = 150_000): Promise<SpawnedMain> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    // A developer's .env must not reach a test's server (its DATABASE_URL would replace the embedded one).
    env: { GRIDMAP_ENV_FILE: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server not ready in time:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /serving (http:\/\/[^\s/]+)\//.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return { child, baseUrl, output: () => output, exited };
}
