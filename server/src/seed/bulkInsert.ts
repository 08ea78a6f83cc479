import type { Sql } from '../db/database.js';
import { sqlPart, sqlRaw } from '../db/sqlQuery.js';

/**
 * Inserts many rows with one statement per chunk: the rows travel as one JSON parameter and
 * `json_to_recordset` expands them server-side. A statement per row is ~100× slower on PGlite.
 *
 * The JSON is sent as text (`$1::text::json`): postgres.js would encode a string bound to a json
 * parameter a second time.
 *
 * `recordType` is the recordset's column list (`id bigint, name text, …`); `select` maps it to the
 * table's columns (`id, name, ST_SetSRID(ST_MakePoint(lon, lat), 4326)`); `lateral` may join
 * derived values (`CROSS JOIN LATERAL (SELECT … AS g) AS s`). All are code-chosen, never user input.
 */
export async function bulkInsert(
  sql: Sql,
  table: string,
  columns: string,
  recordType: string,
  select: string,
  rows: readonly object[],
  options: { explicitIdentity?: boolean; chunkSize?: number; lateral?: string; onConflictDoNothing?: boolean } = {},
): Promise<number> {
  // The generator numbers members and households itself so rows can refer to each other before
  // they are stored; the identity sequence is moved past them afterwards.
  const overriding = options.explicitIdentity ? 'OVERRIDING SYSTEM VALUE' : '';
  const chunkSize = options.chunkSize ?? 20_000;
  // Shared rows (case categories) are written by each county of a prefecture: the first one wins.
  const conflict = options.onConflictDoNothing ? 'ON CONFLICT DO NOTHING' : '';
  for (let start = 0; start < rows.length; start += chunkSize) {
    const chunk = JSON.stringify(rows.slice(start, start + chunkSize));
    await sql.query(
      sqlPart`INSERT INTO ${sqlRaw(table)} (${sqlRaw(columns)}) ${sqlRaw(overriding)}
        SELECT ${sqlRaw(select)} FROM json_to_recordset(${chunk}::text::json) AS r(${sqlRaw(recordType)}) ${sqlRaw(options.lateral ?? '')} ${sqlRaw(conflict)}`,
    );
  }
  return rows.length;
}
