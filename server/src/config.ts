import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';
import { DEMO_CHOICES, isDemoChoice, type DemoChoice } from './seed/demoChoice.js';

/** Configuration, read once from the environment and validated. Documented in `.env.example`. */
export interface Config {
  /** PostgreSQL + PostGIS connection string; absent → the embedded database (PGlite). */
  databaseUrl: string | undefined;
  /** The embedded database's directory. */
  dataDir: string;
  /** A fresh embedded database dumped at `npm install`, loaded into an empty data directory. */
  embeddedTemplate: string;
  port: number;
  host: string;
  /** Seed the Gaotai demo county when the database has no grids. */
  seedDemo: boolean;
  /** Which demo an empty database gets: one county (default) or the prefecture. */
  demo: DemoChoice;
  /** Built web app served from `/`; absent directory → API only. */
  webDist: string;
  /** Milliseconds between automatic escalation runs of overdue case stages; 0 turns it off. */
  caseEscalationIntervalMs: number;
  /** Server log level (pino). */
  logLevel: LogLevel;
  /** Mark the session cookie Secure (sent over HTTPS only): set when a TLS proxy fronts gridmap. */
  secureCookies: boolean;
  /** The reverse proxies whose X-Forwarded-For gives the client address (Fastify `trustProxy`); empty: none. */
  trustProxy: string[];
  /**
   * The address residents reach gridmap at (`https://gridmap.example.cn`), for links printed on
   * paper — the notice boards' QR codes; absent: the origin each request reached.
   */
  publicUrl: string | undefined;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class ConfigError extends Error {}

/** `.env` is looked for here, the repository root, whatever the working directory. */
export const defaultEnvFile = fileURLToPath(new URL('../../.env', import.meta.url));

/** Where `.env` is read from: GRIDMAP_ENV_FILE (a real environment variable) or the default; '' → none. */
export function envFilePath(env: NodeJS.ProcessEnv = process.env): string | null {
  const chosen = env.GRIDMAP_ENV_FILE;
  if (chosen === undefined) return defaultEnvFile;
  return chosen.trim() === '' ? null : resolve(chosen);
}

export interface LoadedEnvFile {
  path: string;
  /** The variables the file set, sorted; the ones the environment already had are not among them. */
  applied: string[];
}

/**
 * Reads the `.env` file into `env`, as Node's `process.loadEnvFile` does and with its parser
 * (`util.parseEnv`: `NAME=value` lines, `#` comments, quotes, `export ` prefixes): a variable the
 * environment already has wins over the file, even when it is set to the empty string, so
 * `DATABASE_URL= npm start` runs on the embedded database whatever the file says. No file → null.
 * Stricter than Node in one way: Node's parser silently glues a line without `=` onto the next
 * variable's name and drops both; here that line is a ConfigError naming it.
 */
export function loadEnvFile(
  env: NodeJS.ProcessEnv = process.env,
  path: string | null = envFilePath(env),
): LoadedEnvFile | null {
  if (path === null) return null;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ConfigError(`cannot read ${path}: ${(error as Error).message}`);
  }
  const parsed = parseEnv(text);
  const applied: string[] = [];
  for (const [name, value] of Object.entries(parsed)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      throw new ConfigError(`${path}: cannot read the line "${name.split('\n')[0]}" — write NAME=value`);
    }
    if (env[name] !== undefined) continue;
    env[name] = value;
    applied.push(name);
  }
  return { path, applied: applied.sort() };
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty or blank value means "not set", as for DATABASE_URL: a `.env` line `PORT=` keeps the default.
  const setting = (name: string): string | undefined => env[name]?.trim() || undefined;
  const port = Number(setting('PORT') ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a port number 0–65535, got "${env.PORT}"`);
  }
  const databaseUrl = setting('DATABASE_URL');
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const seed = (setting('GRIDMAP_SEED_DEMO') ?? 'true').toLowerCase();
  if (!['true', 'false'].includes(seed)) {
    throw new ConfigError(`GRIDMAP_SEED_DEMO must be true or false, got "${env.GRIDMAP_SEED_DEMO}"`);
  }
  const demo = setting('GRIDMAP_DEMO') ?? 'county';
  if (!isDemoChoice(demo)) {
    throw new ConfigError(`GRIDMAP_DEMO must be one of ${DEMO_CHOICES.join(', ')}, got "${env.GRIDMAP_DEMO}"`);
  }
  const escalation = Number(setting('GRIDMAP_ESCALATION_INTERVAL_MS') ?? 30_000);
  if (!Number.isInteger(escalation) || escalation < 0) {
    throw new ConfigError(
      `GRIDMAP_ESCALATION_INTERVAL_MS must be a whole number of milliseconds ≥ 0, got "${env.GRIDMAP_ESCALATION_INTERVAL_MS}"`,
    );
  }
  const secureCookies = (setting('GRIDMAP_SECURE_COOKIES') ?? 'false').toLowerCase();
  if (!['true', 'false'].includes(secureCookies)) {
    throw new ConfigError(`GRIDMAP_SECURE_COOKIES must be true or false, got "${env.GRIDMAP_SECURE_COOKIES}"`);
  }
  const trustProxy = (setting('GRIDMAP_TRUST_PROXY') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const badProxy = trustProxy.find((entry) => !/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(entry));
  if (badProxy) {
    throw new ConfigError(`GRIDMAP_TRUST_PROXY must list IP addresses or CIDR ranges, got "${badProxy}"`);
  }
  const publicUrl = publicUrlSetting(setting('GRIDMAP_PUBLIC_URL'));
  const logLevel = setting('LOG_LEVEL') ?? 'warn';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  return {
    logLevel: logLevel as LogLevel,
    databaseUrl,
    dataDir: resolve(setting('GRIDMAP_DATA_DIR') ?? 'data/db'),
    embeddedTemplate: resolve(setting('GRIDMAP_EMBEDDED_TEMPLATE') ?? 'data/generated/embedded-template.tar.gz'),
    port,
    host: setting('HOST') ?? '127.0.0.1',
    seedDemo: seed === 'true',
    demo,
    webDist: resolve(setting('GRIDMAP_WEB_DIST') ?? 'web/dist'),
    caseEscalationIntervalMs: escalation,
    secureCookies: secureCookies === 'true',
    trustProxy,
    publicUrl,
  };
}

/** An http(s) URL with no query or fragment, without its trailing slash; undefined stays undefined. */
function publicUrlSetting(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    url = new URL('invalid:');
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.search || url.hash || url.username) {
    throw new ConfigError(
      `GRIDMAP_PUBLIC_URL must be an http:// or https:// address without query or fragment, got "${value}"`,
    );
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}
