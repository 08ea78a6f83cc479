import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigError, defaultEnvFile, envFilePath, loadEnvFile, readConfig } from '../../../server/src/config.js';

const dir = mkdtempSync(join(tmpdir(), 'gridmap-env-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function envFile(text: string): string {
  const path = join(dir, `env-${Math.random().toString(36).slice(2)}`);
  writeFileSync(path, text);
  return path;
}

describe('the .env file', () => {
  it('is read from the repository root unless GRIDMAP_ENV_FILE says otherwise; empty → none', () => {
    expect(defaultEnvFile).toBe(resolve('.env'));
    expect(envFilePath({})).toBe(defaultEnvFile);
    expect(envFilePath({ GRIDMAP_ENV_FILE: 'deploy/a.env' })).toBe(resolve('deploy/a.env'));
    expect(envFilePath({ GRIDMAP_ENV_FILE: '' })).toBeNull();
    expect(loadEnvFile({}, null)).toBeNull();
  });

  it('sets what the environment lacks; a variable already set wins, even set to the empty string', () => {
    const path = envFile(
      ['# comment', 'PORT=9090', 'HOST=0.0.0.0', 'DATABASE_URL=postgres://file@db/gridmap', 'LOG_LEVEL=info', ''].join(
        '\n',
      ),
    );
    const env: NodeJS.ProcessEnv = { HOST: '127.0.0.2', DATABASE_URL: '' };
    expect(loadEnvFile(env, path)).toEqual({ path, applied: ['LOG_LEVEL', 'PORT'] });
    expect(env).toEqual({ HOST: '127.0.0.2', DATABASE_URL: '', PORT: '9090', LOG_LEVEL: 'info' });
    // DATABASE_URL= in the real environment: the embedded database, whatever the file says.
    const config = readConfig(env);
    expect(config).toMatchObject({ port: 9090, host: '127.0.0.2', databaseUrl: undefined, logLevel: 'info' });
  });

  it("gives what Node's own process.loadEnvFile gives, for the same file and environment", () => {
    const path = envFile('A=file\nB=file\nC="quoted # kept"\nD=\nexport E=x\nF=a #comment\nB=again\n');
    const real = { A: 'real', D: '' };
    const names = ['A', 'B', 'C', 'D', 'E', 'F'];
    const byNode = JSON.parse(
      execFileSync(
        process.execPath,
        [
          '-e',
          `process.loadEnvFile(${JSON.stringify(path)}); console.log(JSON.stringify(Object.fromEntries(${JSON.stringify(names)}.map((n) => [n, process.env[n]]))))`,
        ],
        { env: { PATH: process.env.PATH, ...real }, encoding: 'utf8' },
      ),
    ) as Record<string, string>;
    const env: NodeJS.ProcessEnv = { ...real };
    loadEnvFile(env, path);
    expect(Object.fromEntries(names.map((name) => [name, env[name]]))).toEqual(byNode);
    expect(byNode).toEqual({ A: 'real', B: 'again', C: 'quoted # kept', D: '', E: 'x', F: 'a' });
  });

  it('reads values the way Node does: quotes, export, comments after a value, CRLF', () => {
    const env: NodeJS.ProcessEnv = {};
    loadEnvFile(
      env,
      envFile(
        'export GRIDMAP_DATA_DIR="/srv/grid map"\r\nDATABASE_URL=\'postgres://u:p#1@h/db\'\r\nGRIDMAP_SEED_DEMO=false # no demo\r\n',
      ),
    );
    expect(env).toEqual({
      GRIDMAP_DATA_DIR: '/srv/grid map',
      DATABASE_URL: 'postgres://u:p#1@h/db',
      GRIDMAP_SEED_DEMO: 'false',
    });
  });

  it('an unquoted # starts a comment, as in Node (so a password with # must be quoted)', () => {
    const env: NodeJS.ProcessEnv = {};
    loadEnvFile(env, envFile('DATABASE_URL=postgres://u:p#1@h/db\n'));
    expect(env.DATABASE_URL).toBe('postgres://u:p');
  });

  it('a missing file is no error; an unreadable one or a line that is not NAME=value is', () => {
    expect(loadEnvFile({}, join(dir, 'absent.env'))).toBeNull();
    const directory = join(dir, 'a-directory');
    mkdirSync(directory);
    expect(() => loadEnvFile({}, directory)).toThrow(ConfigError);
    const env: NodeJS.ProcessEnv = {};
    expect(() => loadEnvFile(env, envFile('PORT=1\nnot a setting\nHOST=x\n'))).toThrow(
      /cannot read the line "not a setting"/,
    );
  });

  it('blank settings keep their defaults', () => {
    expect(readConfig({ PORT: '', HOST: ' ', GRIDMAP_SEED_DEMO: '' })).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      seedDemo: true,
    });
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(/PORT must be a port number/);
  });
});

describe('GRIDMAP_TRUST_PROXY', () => {
  it('lists the proxies whose X-Forwarded-For is believed; unset believes nobody', () => {
    expect(readConfig({}).trustProxy).toEqual([]);
    expect(readConfig({ GRIDMAP_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1' }).trustProxy).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
    ]);
    expect(() => readConfig({ GRIDMAP_TRUST_PROXY: 'true' })).toThrow(/IP addresses or CIDR ranges, got "true"/);
  });
});
