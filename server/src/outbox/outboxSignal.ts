import { EventEmitter } from 'node:events';

/**
 * Process-local "an event row was written" signal, raised by `publishEvent` inside the writing
 * transaction. Only the {@link InProcessBus} listens: on PGlite a read issued now queues behind the
 * open transaction, so it sees the row exactly when (and if) it commits.
 */
export const outboxSignal = new EventEmitter();
outboxSignal.setMaxListeners(0);
export const outboxWritten = 'written';
