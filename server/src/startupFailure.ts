import { ConfigError } from './config.js';

/** What the server was doing when it failed to start: the same error code means different things. */
export type StartupStep = 'configuration' | 'database' | 'migrations' | 'seed' | 'app' | 'listen';

export interface StartupContext {
  step: StartupStep;
  /** `DATABASE_URL` when set (its password is never shown), else the embedded database's directory. */
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  host?: string | undefined;
  port?: number | undefined;
}

interface SystemError extends Error {
  code?: string;
  syscall?: string;
  path?: string;
  address?: string;
  port?: number;
}

/**
 * The one line `gridmap: cannot start: <reason>` says: what went wrong in the operator's terms
 * (which setting, which address, which directory) and, where there is one, what to do. Never the
 * database password, never a stack (main.ts prints that at LOG_LEVEL=debug).
 */
export function startupFailureReason(error: unknown, context: StartupContext): string {
  if (error instanceof ConfigError) return error.message;
  const failure = (error instanceof Error ? error : new Error(String(error))) as SystemError;
  const code = failure.code ?? '';
  if (context.step === 'listen') return listenFailure(failure, code, context);
  if (context.databaseUrl && (context.step === 'database' || isConnectionError(code))) {
    return databaseFailure(failure, code, shownUrl(context.databaseUrl));
  }
  if (!context.databaseUrl && context.step === 'database') {
    const message = firstLine(failure);
    const where = failure.path && !message.includes(failure.path) ? `${failure.path}: ` : '';
    return `the embedded database in ${context.dataDir ?? '(memory)'} cannot be opened (${where}${message}); check GRIDMAP_DATA_DIR points at a readable, writable directory gridmap made`;
  }
  const what = {
    configuration: 'reading the configuration',
    database: 'opening the database',
    migrations: 'applying the migrations',
    seed: 'seeding the demo county',
    app: 'building the app',
  }[context.step];
  return `${what} failed: ${firstLine(failure)}`;
}

function listenFailure(failure: SystemError, code: string, context: StartupContext): string {
  const where = `${context.host}:${context.port}`;
  if (code === 'EADDRINUSE') {
    return `port ${context.port} on ${context.host} is already in use (another gridmap?); stop it or set PORT to a free port`;
  }
  if (code === 'EACCES')
    return `not allowed to listen on ${where}: ports below 1024 need privileges; use PORT ≥ 1024 behind a reverse proxy`;
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return `HOST ${context.host} is not an address of this machine (use 127.0.0.1, 0.0.0.0 for every interface, or one of its addresses)`;
  }
  return `cannot listen on ${where}: ${firstLine(failure)}`;
}

function isConnectionError(code: string): boolean {
  return [
    'ECONNREFUSED',
    'ENOTFOUND',
    'EAI_AGAIN',
    'ETIMEDOUT',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'CONNECT_TIMEOUT',
  ].includes(code);
}

function databaseFailure(failure: SystemError, code: string, url: string): string {
  switch (code) {
    case 'ECONNREFUSED':
      return `the database at ${url} refuses connections: is PostgreSQL running there? (DATABASE_URL)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `the database host in ${url} is not found (DATABASE_URL)`;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'CONNECT_TIMEOUT':
      return `no answer from the database at ${url} (DATABASE_URL): check the host, the port and the firewall`;
    case '3D000':
      return `${firstLine(failure)} at ${url}: create it (createdb) or fix DATABASE_URL`;
    case '28000':
    case '28P01':
      return `the database at ${url} refused the sign-in: ${firstLine(failure)} (DATABASE_URL's user and password)`;
    default:
      return `the database at ${url}: ${firstLine(failure)}`;
  }
}

/** The connection string without its password (and without query options, which may carry one). */
export function shownUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    url.password = '';
    url.search = '';
    return url.toString();
  } catch {
    return 'DATABASE_URL';
  }
}

function firstLine(error: Error): string {
  return (error.message || error.name).split('\n')[0]!.trim();
}
