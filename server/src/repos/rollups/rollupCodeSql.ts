import { sqlPart, sqlRaw, type SqlQuery } from '../../db/sqlQuery.js';
import { childLevel, type GridCode } from '../../domain/gridCode.js';

/**
 * The code of the child of `grid` a scoped row belongs to, from its scope columns (the code the
 * rollups key the row under, migration 010's gridmap_rollup_codes); a group's rows belong to the
 * group itself. Rows carry no county column: a prefecture's child is its town code's first 6 digits.
 */
export function childCodeSql(alias: 'k' | 'p', grid: GridCode): SqlQuery {
  const level = childLevel(grid.level) ?? 'group';
  if (level === 'county' || level === 'prefecture') return sqlPart`(left(${sqlRaw(alias)}.town_code, 6) || '000000')`;
  const column = { town: 'town_code', village: 'village_code', group: 'group_code' }[level];
  return sqlPart`${sqlRaw(`${alias}.${column}`)}`;
}

/**
 * Grid codes as one text[] parameter (`= ANY (…)`): a Postgres array literal, which both drivers
 * pass through as text. Codes are digits only; anything else is a programming error.
 */
export function codeArray(codes: readonly string[]): SqlQuery {
  for (const code of codes) if (!/^[0-9]{12}([0-9]{3})?$/.test(code)) throw new Error(`not a grid code: ${code}`);
  return sqlPart`${`{${codes.join(',')}}`}::text[]`;
}
