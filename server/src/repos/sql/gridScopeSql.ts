import type { GridScope } from '../../domain/gridCode.js';
import { sqlPart, sqlRaw, type SqlQuery } from '../../db/sqlQuery.js';

/**
 * The WHERE condition selecting a grid's rows of a scoped table by its town_code / village_code /
 * group_code column, so the cost follows the grid's size, not the table's (each column is indexed).
 * `alias` is the table alias chosen by the calling query.
 */
export function gridScopeCondition(alias: string, scope: GridScope): SqlQuery {
  const column = sqlRaw(`${alias}.${scope.column}`);
  if (scope.from === scope.to) return sqlPart`${column} = ${scope.from}`;
  return sqlPart`${column} BETWEEN ${scope.from} AND ${scope.to}`;
}

/** A timestamptz as ISO 8601 UTC text (`2026-11-22T03:55:00.000Z`), whatever the session time zone. */
export function isoTimestampSql(expression: string): SqlQuery {
  return sqlPart`to_char(${sqlRaw(expression)} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}
