import postgres from 'postgres';
import { randomBytes } from 'node:crypto';

/**
 * A PostgreSQL database created for one test run and dropped after it. Never assumes an empty
 * server: the name is random. The admin URL comes from TEST_POSTGRES_ADMIN_URL, default the local
 * server's `postgres` database over TCP.
 */
export interface ThrowawayPostgres {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export const adminUrl = process.env.TEST_POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function createThrowawayPostgres(prefix = 'gridmap_test'): Promise<ThrowawayPostgres> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, connect_timeout: 60, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const cleaner = postgres(adminUrl, { max: 1, connect_timeout: 60, onnotice: () => {} });
      try {
        await cleaner.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await cleaner.end();
      }
    },
  };
}
