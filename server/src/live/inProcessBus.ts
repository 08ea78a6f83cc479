import type { LiveBus } from './liveBus.js';
import { outboxSignal, outboxWritten } from '../outbox/outboxSignal.js';

/**
 * Wakes the hub when `publishEvent` writes an event in this process (and on {@link poke}). Use with
 * the embedded database (PGlite), which only this process can write: PGlite runs one statement at a
 * time and queues the hub's read behind the writing transaction, so the read sees the event exactly
 * when it commits. Not for PostgreSQL, where that read could run before the commit and other
 * processes write too.
 */
export class InProcessBus implements LiveBus {
  #wake: (() => void) | null = null;
  readonly #onWritten = () => this.#wake?.();

  async start(wake: () => void): Promise<void> {
    this.#wake = wake;
    outboxSignal.on(outboxWritten, this.#onWritten);
    wake();
  }

  /** For a writer that added event rows without `publishEvent`: call after its commit. */
  poke(): void {
    this.#wake?.();
  }

  async close(): Promise<void> {
    outboxSignal.off(outboxWritten, this.#onWritten);
    this.#wake = null;
  }
}
