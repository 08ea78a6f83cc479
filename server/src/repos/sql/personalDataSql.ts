import { sqlPart, sqlRaw, type SqlQuery } from '../../db/sqlQuery.js';

/**
 * `domain/personalData.maskName` as a SQL expression, so large collections are masked while the
 * database builds their JSON (the API tests check both give the same text). NULL stays NULL.
 */
export function maskedNameSql(expression: string): SqlQuery {
  const name = sqlRaw(expression);
  return sqlPart`CASE WHEN char_length(${name}) <= 1 THEN repeat('*', char_length(${name}))
    ELSE left(${name}, 1) || repeat('*', char_length(${name}) - 1) END`;
}
