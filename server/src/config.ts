import { resolve } from 'node:path';

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
  /** Built web app served from `/`; absent directory → API only. */
  webDist: string;
  /** Milliseconds between automatic escalation runs of overdue case stages; 0 turns it off. */
  caseEscalationIntervalMs: number;
  /** Server log level (pino). */
  logLevel: LogLevel;
  /** Mark the session cookie Secure (sent over HTTPS only): set when a TLS proxy fronts gridmap. */
  secureCookies: boolean;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class ConfigError extends Error {}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a port number 0–65535, got "${env.PORT}"`);
  }
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const seed = (env.GRIDMAP_SEED_DEMO ?? 'true').toLowerCase();
  if (!['true', 'false'].includes(seed)) {
    throw new ConfigError(`GRIDMAP_SEED_DEMO must be true or false, got "${env.GRIDMAP_SEED_DEMO}"`);
  }
  const escalation = Number(env.GRIDMAP_ESCALATION_INTERVAL_MS ?? 30_000);
  if (!Number.isInteger(escalation) || escalation < 0) {
    throw new ConfigError(
      `GRIDMAP_ESCALATION_INTERVAL_MS must be a whole number of milliseconds ≥ 0, got "${env.GRIDMAP_ESCALATION_INTERVAL_MS}"`,
    );
  }
  const secureCookies = (env.GRIDMAP_SECURE_COOKIES ?? 'false').toLowerCase();
  if (!['true', 'false'].includes(secureCookies)) {
    throw new ConfigError(`GRIDMAP_SECURE_COOKIES must be true or false, got "${env.GRIDMAP_SECURE_COOKIES}"`);
  }
  const logLevel = env.LOG_LEVEL ?? 'warn';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  return {
    logLevel: logLevel as LogLevel,
    databaseUrl,
    dataDir: resolve(env.GRIDMAP_DATA_DIR ?? 'data/db'),
    embeddedTemplate: resolve(env.GRIDMAP_EMBEDDED_TEMPLATE ?? 'data/generated/embedded-template.tar.gz'),
    port,
    host: env.HOST ?? '127.0.0.1',
    seedDemo: seed === 'true',
    webDist: resolve(env.GRIDMAP_WEB_DIST ?? 'web/dist'),
    caseEscalationIntervalMs: escalation,
    secureCookies: secureCookies === 'true',
  };
}
