/**
 * One tagged-template interface over both databases (PostgreSQL through postgres.js, PGlite in
 * process). Interpolated values always become bind parameters ($1, $2, …); a nested
 * {@link SqlQuery} (built with {@link sqlPart}) is spliced in with its own parameters renumbered,
 * which is how optional clauses are composed without string concatenation. {@link sqlRaw} is for
 * trusted, code-chosen identifiers only (never user input).
 */
export class SqlQuery {
  constructor(
    readonly strings: readonly string[],
    readonly values: readonly unknown[],
  ) {}
}

class RawSql {
  constructor(readonly text: string) {}
}

export function sqlPart(strings: TemplateStringsArray, ...values: unknown[]): SqlQuery {
  return new SqlQuery(strings, values);
}

/** Trusted SQL text (an identifier or keyword chosen by code from a fixed list). */
export function sqlRaw(text: string): RawSql {
  return new RawSql(text);
}

/** Joins fragments with a separator, e.g. WHERE conditions with ' AND '. */
export function sqlJoin(parts: readonly SqlQuery[], separator: string): SqlQuery {
  if (parts.length === 0) return new SqlQuery([''], []);
  const strings = ['', ...parts.slice(1).map(() => separator), ''];
  return new SqlQuery(strings, parts);
}

export interface CompiledQuery {
  text: string;
  params: unknown[];
}

export function compileSql(query: SqlQuery): CompiledQuery {
  const params: unknown[] = [];
  const text = render(query, params);
  return { text, params };
}

function render(query: SqlQuery, params: unknown[]): string {
  let text = query.strings[0] ?? '';
  query.values.forEach((value, index) => {
    if (value instanceof SqlQuery) text += render(value, params);
    else if (value instanceof RawSql) text += value.text;
    else {
      params.push(value);
      text += `$${params.length}`;
    }
    text += query.strings[index + 1] ?? '';
  });
  return text;
}
