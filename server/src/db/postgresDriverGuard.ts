/**
 * Keeps the server alive through a known postgres.js (3.4.x) crash: when PostgreSQL closes a
 * connection (a restart, `pg_terminate_backend`, a proxy dropping it) while a small write is
 * buffered, the driver's deferred `nextWrite` runs on the nulled socket and throws
 * `TypeError: Cannot read properties of null (reading 'write')` from a `setImmediate` callback —
 * no `await` can catch it, so the whole process exits (porsager/postgres#1154, #1208; unmerged
 * fixes #1168, #1176, #1209). By then `closed()` has already rejected the connection's queries
 * with CONNECTION_CLOSED and the pool reconnects on the next query, so dropping that one buffered
 * write is what the upstream patches do too. Found by tests/api/faults.test.ts (a): without this
 * the server dies on the first terminated backend. Any other uncaught exception still ends the
 * process, as Node would.
 *
 * Remove once postgres.js ships the guard.
 */
export function guardPostgresDriverCrash(log: (message: string) => void = console.error): void {
  process.on('uncaughtException', (error) => {
    if (isClosedSocketWrite(error)) {
      log('gridmap: a PostgreSQL connection closed mid-write (postgres.js nextWrite); reconnecting');
      return;
    }
    console.error(error);
    process.exit(1);
  });
}

export function isClosedSocketWrite(error: unknown): boolean {
  return (
    error instanceof TypeError &&
    /null \(reading 'write'\)|evaluating 'socket\.write'/.test(error.message) &&
    /postgres[/\\]src[/\\]connection\.js/.test(error.stack ?? '') &&
    /\bnextWrite\b/.test(error.stack ?? '')
  );
}
