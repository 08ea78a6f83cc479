import type postgres from 'postgres';
import { eventsChannel } from '../outbox/eventOutbox.js';
import type { LiveBus } from './liveBus.js';

/**
 * LISTEN on `gridmap_events` through postgres.js, which keeps one dedicated connection per client
 * for all listeners and re-listens by itself after the connection drops. Its `onlisten` callback
 * runs after every (re)connect: waking then makes the hub re-read from its last id, so notifications
 * lost while disconnected lose nothing. Use with PostgreSQL, whenever more than one process may write.
 */
export class PostgresNotifyBus implements LiveBus {
  #unlisten: (() => Promise<void>) | null = null;

  constructor(private readonly client: postgres.Sql) {}

  async start(wake: () => void): Promise<void> {
    const subscription = await this.client.listen(
      eventsChannel,
      () => wake(),
      () => wake(),
    );
    this.#unlisten = subscription.unlisten;
  }

  async close(): Promise<void> {
    await this.#unlisten?.().catch(() => {});
    this.#unlisten = null;
  }
}
