/**
 * Tells the hub that new events may have been committed; the hub then reads the `events` table
 * in id order, so every bus delivers identically and a missed wake-up only delays, never loses.
 *
 * - {@link PostgresNotifyBus} — PostgreSQL (DATABASE_URL): one LISTEN connection per process, so
 *   writes through any server instance reach this one.
 * - {@link InProcessBus} — the embedded database (PGlite): one process, nothing to listen across.
 */
export interface LiveBus {
  /** Starts calling `wake` when events may have been committed, and on every (re)connect. */
  start(wake: () => void): Promise<void>;
  close(): Promise<void>;
}
