import type { Sql } from '../../server/src/db/database.js';
import { sqlRaw } from '../../server/src/db/sqlQuery.js';

/**
 * "The database is byte-for-byte unchanged": row counts and an md5 of every table's full contents,
 * for the bad-input suite (fingerprint → bad request → fingerprint → equal).
 *
 * Which database: a fingerprint is only meaningful where nothing else writes. The api project's
 * shared PostgreSQL test database has other test files writing at the same moment, so callers take
 * fingerprints on a PRIVATE database: the worker's embedded (PGlite) database — its files run one
 * after the other — or a throw-away PostgreSQL database of their own (tests/support/seededPostgres.ts,
 * migrated and seeded fresh: ~7 s). Fingerprinting only "the scope a test writes into" on the shared
 * database was rejected: a bad request that wrongly stores something does so where the test does not
 * look (a swapped lat/lon lands outside that scope, an injected statement touches another table).
 *
 * Which tables: every base table of the current schema, read from the catalog, so tables added by
 * later migrations (accounts, audit_log, plans, …) are covered without touching this file. Left out:
 * the session and login bookkeeping (signing the test's users in writes there by design) and
 * PostGIS's own spatial_ref_sys (extension data, 8,500 static rows).
 */
export interface TableFingerprint {
  rows: number;
  /** md5 of `string_agg(row::text, '|' ORDER BY primary key)`; '' for an empty table. */
  md5: string;
  /**
   * Cheap change detector: row count, the newest row version's transaction id (`max(xmin)`) and the
   * column list. Any committed INSERT or UPDATE writes row versions stamped with its own, newer
   * transaction id; a DELETE lowers the count; DDL changes the column list. Equal tokens let a later
   * fingerprint reuse the md5 instead of re-reading the table (valid while no transaction that began
   * writing before the earlier fingerprint is still open — true on a private database between
   * awaited requests).
   */
  token: string;
}

export type DatabaseFingerprint = Record<string, TableFingerprint>;

/** Tables whose changes are expected while a test signs in and sends requests. */
export const unfingerprintedTable = /^(spatial_ref_sys|sessions?|login_.*|.*_sessions?|rate_limits?)$/;

interface TableKey {
  name: string;
  /** Quoted primary-key columns, comma separated; null when the table has no primary key. */
  keys: string | null;
  /** Column names and types in order (a column added or changed changes every row's text). */
  columns: string;
}

/** The tables a fingerprint covers, each with its primary-key order. */
export async function fingerprintedTables(sql: Sql): Promise<TableKey[]> {
  const rows = await sql<TableKey>`
    SELECT t.table_name AS name,
      (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY k.ord)
         FROM pg_index i
         CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k (attnum, ord)
         JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
        WHERE i.indrelid = format('%I.%I', t.table_schema, t.table_name)::regclass AND i.indisprimary) AS keys,
      (SELECT string_agg(c.column_name || ' ' || c.data_type, ', ' ORDER BY c.ordinal_position)
         FROM information_schema.columns c
        WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name) AS columns
    FROM information_schema.tables t
    WHERE t.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
    ORDER BY t.table_name`;
  return rows.filter((table) => !unfingerprintedTable.test(table.name));
}

/**
 * Row count and content checksum of every fingerprinted table. With `previous` (an earlier
 * fingerprint of the same private database), tables whose change token is unchanged keep its md5
 * instead of being re-read: ~45 ms instead of ~300 ms on the demo county (PostgreSQL).
 */
export async function databaseFingerprint(sql: Sql, previous?: DatabaseFingerprint): Promise<DatabaseFingerprint> {
  const fingerprint: DatabaseFingerprint = {};
  for (const table of await fingerprintedTables(sql)) {
    const name = sqlRaw(quoteIdent(table.name));
    const [probe] = await sql<{ rows: number; xmin: string }>`
      SELECT count(*)::int AS rows, coalesce(max(xmin::text::bigint), 0)::text AS xmin FROM ${name}`;
    const token = `${probe!.rows}/${probe!.xmin}/${table.columns}`;
    const earlier = previous?.[table.name];
    if (earlier && earlier.token === token) {
      fingerprint[table.name] = earlier;
      continue;
    }
    // Without a primary key the row text itself is the order: the same rows give the same string.
    const order = sqlRaw(table.keys ?? 't::text');
    const [row] = await sql<{ rows: number; md5: string }>`
      SELECT count(*)::int AS rows, coalesce(md5(string_agg(t::text, '|' ORDER BY ${order})), '') AS md5
      FROM ${name} t`;
    fingerprint[table.name] = { rows: row!.rows, md5: row!.md5, token };
  }
  return fingerprint;
}

/** What differs between two fingerprints, one line per table; empty when equal. */
export function fingerprintChanges(before: DatabaseFingerprint, after: DatabaseFingerprint): string[] {
  const changes: string[] = [];
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const a = before[name];
    const b = after[name];
    if (!a) changes.push(`${name}: table appeared (${b!.rows} rows)`);
    else if (!b) changes.push(`${name}: table disappeared (had ${a.rows} rows)`);
    else if (a.rows !== b.rows) changes.push(`${name}: ${a.rows} → ${b.rows} rows`);
    else if (a.md5 !== b.md5) changes.push(`${name}: contents changed (${a.rows} rows)`);
  }
  return changes;
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
