import postgres from 'postgres';
import type { Database, Row, Sql } from './database.js';
import { compileSql, SqlQuery } from './sqlQuery.js';

type PostgresClient = postgres.Sql | postgres.TransactionSql;

function sqlOver(client: PostgresClient): Sql {
  const run = async <T extends object>(query: SqlQuery): Promise<T[]> => {
    const { text, params } = compileSql(query);
    const rows = await client.unsafe(text, params as postgres.ParameterOrJSON<never>[]);
    return [...rows] as unknown as T[];
  };
  const sql = (<T extends object = Row>(strings: TemplateStringsArray, ...values: unknown[]) =>
    run<T>(new SqlQuery(strings, values))) as Sql;
  sql.query = run;
  sql.exec = async (script) => {
    await client.unsafe(script);
  };
  return sql;
}

export interface PostgresOptions {
  url: string;
  /** Pool size; tile and stats reads run concurrently. */
  max?: number;
}

export function openPostgres(options: PostgresOptions): Database & { client: postgres.Sql } {
  const client = postgres(options.url, {
    max: options.max ?? 10,
    connect_timeout: 60,
    // PostgreSQL's JIT adds 120–200 ms to short PostGIS queries (tiles, stats, partition checks)
    // and never pays off for this workload.
    connection: { jit: 'off' },
    onnotice: () => {},
    // int8 (counts, ids) as JS numbers, the same as PGlite returns them: no id here nears 2^53.
    types: {
      // A string bound to a json/jsonb parameter is taken as JSON text, as PGlite takes it;
      // postgres.js would otherwise encode it a second time into a JSON string literal.
      json: {
        to: 114,
        from: [114, 3802],
        serialize: (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value)),
        parse: (value: string) => JSON.parse(value) as unknown,
      },
      bigint: {
        to: 20,
        from: [20],
        serialize: (value: number) => String(value),
        parse: (value: string) => Number(value),
      },
    },
  });
  return {
    kind: 'postgres',
    client,
    sql: sqlOver(client),
    async transaction(work) {
      return (await client.begin((tx) => work(sqlOver(tx)))) as Awaited<ReturnType<typeof work>>;
    },
    async listen(channel, onMessage, onListen) {
      const subscription = await client.listen(channel, onMessage, onListen);
      return () => subscription.unlisten();
    },
    async close() {
      await client.end({ timeout: 5 });
    },
  };
}
