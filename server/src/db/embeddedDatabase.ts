import { PGlite, type Transaction } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { mkdirSync } from 'node:fs';
import type { Database, Row, Sql } from './database.js';
import { compileSql, SqlQuery } from './sqlQuery.js';

type PgliteClient = PGlite | Transaction;

function sqlOver(client: PgliteClient): Sql {
  const run = async <T extends object>(query: SqlQuery): Promise<T[]> => {
    const { text, params } = compileSql(query);
    const result = await client.query<T>(text, params);
    return result.rows;
  };
  const sql = (<T extends object = Row>(strings: TemplateStringsArray, ...values: unknown[]) =>
    run<T>(new SqlQuery(strings, values))) as Sql;
  sql.query = run;
  sql.exec = async (script) => {
    await client.exec(script);
  };
  return sql;
}

export interface EmbeddedOptions {
  /** Data directory; `undefined` keeps the database in memory (tests). */
  dataDir?: string;
  /** A data directory dumped with `PGlite.dumpDataDir()` to start from (tests' seeded template). */
  loadDataDir?: Blob;
}

/**
 * PGlite + PostGIS (WebAssembly) in this process. First start of a new data directory takes
 * ~10–14 s and ~1 GB of memory; later starts ~3–4 s.
 */
export async function openEmbedded(options: EmbeddedOptions = {}): Promise<Database> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pg = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    extensions: { postgis },
  });
  return wrapEmbedded(pg);
}

/** A {@link Database} over an open PGlite instance (which must have the postgis extension). */
export function wrapEmbedded(pg: PGlite): Database {
  return {
    kind: 'embedded',
    sql: sqlOver(pg),
    transaction: (work) => pg.transaction((tx) => work(sqlOver(tx))),
    async listen(channel, onMessage, onListen) {
      const unlisten = await pg.listen(channel, onMessage);
      onListen?.();
      return unlisten;
    },
    async close() {
      await pg.close();
    },
  };
}
