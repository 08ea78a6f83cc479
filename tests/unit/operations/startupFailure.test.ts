import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../server/src/config.js';
import { shownUrl, startupFailureReason } from '../../../server/src/startupFailure.js';

function systemError(message: string, fields: Record<string, unknown>): Error {
  return Object.assign(new Error(message), fields);
}

const postgresUrl = 'postgres://gridmap:s3cret@db.internal:5432/gridmap?sslmode=require&password=s3cret';

describe('the startup failure line', () => {
  it('says which setting is wrong', () => {
    expect(
      startupFailureReason(new ConfigError('PORT must be a port number 0–65535, got "x"'), { step: 'configuration' }),
    ).toBe('PORT must be a port number 0–65535, got "x"');
  });

  it('says the port is taken, or the host is not this machine', () => {
    const context = { step: 'listen' as const, host: '127.0.0.1', port: 8080 };
    expect(startupFailureReason(systemError('listen EADDRINUSE', { code: 'EADDRINUSE' }), context)).toMatch(
      /^port 8080 on 127\.0\.0\.1 is already in use/,
    );
    expect(
      startupFailureReason(systemError('listen EADDRNOTAVAIL', { code: 'EADDRNOTAVAIL' }), {
        ...context,
        host: '10.9.9.9',
      }),
    ).toMatch(/^HOST 10\.9\.9\.9 is not an address of this machine/);
  });

  it('names the database without its password', () => {
    expect(shownUrl(postgresUrl)).toBe('postgres://gridmap@db.internal:5432/gridmap');
    const refused = startupFailureReason(systemError('connect ECONNREFUSED', { code: 'ECONNREFUSED' }), {
      step: 'database',
      databaseUrl: postgresUrl,
    });
    expect(refused).toBe(
      'the database at postgres://gridmap@db.internal:5432/gridmap refuses connections: is PostgreSQL running there? (DATABASE_URL)',
    );
    expect(refused).not.toContain('s3cret');
    const missing = startupFailureReason(systemError('database "gridmap" does not exist', { code: '3D000' }), {
      step: 'database',
      databaseUrl: postgresUrl,
    });
    expect(missing).toMatch(/^database "gridmap" does not exist at .*: create it/);
  });

  it('names the embedded data directory that cannot be opened', () => {
    const reason = startupFailureReason(
      systemError("EEXIST: file already exists, mkdir '/srv/db'", { code: 'EEXIST', path: '/srv/db' }),
      { step: 'database', dataDir: '/srv/db' },
    );
    expect(reason).toMatch(
      /^the embedded database in \/srv\/db cannot be opened \(EEXIST: file already exists, mkdir '\/srv\/db'\); check GRIDMAP_DATA_DIR/,
    );
  });

  it('is one line whatever the error', () => {
    const reason = startupFailureReason(new Error('first\n    at somewhere (file.ts:1:1)'), { step: 'migrations' });
    expect(reason).toBe('applying the migrations failed: first');
  });
});
