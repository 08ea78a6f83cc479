import type { SqlQuery } from './sqlQuery.js';

export type Row = Record<string, unknown>;

/**
 * Runs a query written as a tagged template: `` await sql`select * from grids where code = ${code}` ``.
 * Values become bind parameters; nested `sqlPart` fragments are spliced in.
 */
export interface Sql {
  <T extends object = Row>(strings: TemplateStringsArray, ...values: unknown[]): Promise<T[]>;
  /** Runs an already composed query. */
  query<T extends object = Row>(query: SqlQuery): Promise<T[]>;
  /** Runs a multi-statement script without parameters (migrations, seed bulk steps). */
  exec(script: string): Promise<void>;
}

export type DatabaseKind = 'postgres' | 'embedded';

/**
 * The database behind gridmap. Two implementations with the same behaviour:
 * - `postgres` (DATABASE_URL set): PostgreSQL + PostGIS through postgres.js — production, several
 *   server instances, LISTEN/NOTIFY across processes, ST_AsMVT for tiles.
 * - `embedded` (no DATABASE_URL): PGlite + PostGIS in this process — the demo and single-user
 *   installs; no second process can connect, and ST_AsMVT is not compiled in.
 */
export interface Database {
  readonly kind: DatabaseKind;
  readonly sql: Sql;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T>;
  /**
   * LISTENs on `channel`: `onMessage` gets each NOTIFY payload after the notifying transaction
   * commits (from any process on PostgreSQL; from this one on the embedded database). `onListen`
   * runs once listening, and on PostgreSQL again after every reconnect — notifications sent while
   * disconnected are lost, so a listener that keeps state forgets it there. Resolves to the unlisten.
   */
  listen(channel: string, onMessage: (payload: string) => void, onListen?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
