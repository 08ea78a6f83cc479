import type { GridCode } from '../domain/gridCode.js';
import { maxUnsentBytes, resyncCloseCode, resyncCloseReason, type SubscribedMessage } from '../contract/live.js';
import { liveEventMessage } from '../domain/liveMessage.js';
import { scopeCovers } from '../domain/liveScope.js';
import type { EventRow } from '../repos/events/eventRepo.js';
import type { EventLog } from './eventLog.js';
import type { LiveBus } from './liveBus.js';

/** What the hub needs of a websocket (the `ws` WebSocket fits). */
export interface LiveSocket {
  readonly bufferedAmount: number;
  /**
   * One text frame. A Buffer holds the frame's UTF-8 already: a live event is encoded once and the
   * same Buffer is sent to every client it goes to (a string would be encoded again per client).
   * The socket must send it as text (`ws` would send a Buffer as a binary frame by default, which a
   * browser hands over as a Blob).
   */
  send(data: string | Buffer, callback?: (error?: Error) => void): void;
  close(code?: number, reason?: string): void;
  /** Hold writes until `uncork` (several events to one client then leave in one system call). */
  cork?(): void;
  uncork?(): void;
}

export interface LiveHubOptions {
  /** A client whose unsent data passes this many bytes is closed with 4000 "resync". Default 1 MiB. */
  maxBufferedBytes: number;
  /** A client still replaying when this many live events wait for it is closed likewise. Default 10,000. */
  maxQueuedEvents: number;
  /**
   * Longest a missing id may hold later ones back when the horizon rule cannot clear it. Default
   * 30,000 ms. Ids of concurrent inserts interleave, so a write still running (a big batch on a busy
   * server can take seconds) can own a missing id below a committed one: skipping it early loses
   * that write's first events for every live client — seen with a 2 s hold under CI load. Real
   * writes take milliseconds; only a transaction left open for long makes the hold last.
   */
  maxGapHoldMs: number;
  /** How often a held-back gap is re-checked. Default 20 ms. */
  gapRecheckMs: number;
  /** Re-read this often without any wake-up, in case one was lost. Default 5,000 ms. */
  safetyPollMs: number;
  /** Rows per read. Default 1,000. */
  batchSize: number;
}

export interface LiveHubLogger {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

const defaults: LiveHubOptions = {
  maxBufferedBytes: maxUnsentBytes,
  maxQueuedEvents: 10_000,
  maxGapHoldMs: 30_000,
  gapRecheckMs: 20,
  safetyPollMs: 5_000,
  batchSize: 1_000,
};

/** Events written to one client per system call when the hub catches up. */
const corkedRows = 32;

const silent: LiveHubLogger = { warn() {}, error() {} };

class Subscription {
  /** Live events that arrived during the replay; null once live. */
  queue: { id: number; frame: Buffer }[] | null = null;
  /** Ids up to this one were already sent (or seen by the client through another instance). */
  floor = 0;
  constructor(
    readonly socket: LiveSocket,
    readonly scope: GridCode,
  ) {}
}

/** A missing id that holds later events back. */
interface Gap {
  /** The first missing id (= cursor + 1 when it was seen). */
  from: number;
  seenAt: number;
  /** The transaction horizon's xmax just after the later id was seen. */
  xmax: number;
}

/**
 * Fans committed outbox events out to websocket subscribers, in id order, each event to the
 * clients whose scope covers it. One per process, fed by a {@link LiveBus}.
 *
 * Ordering rule (ids are taken at insert, but commit in any order): the hub delivers only the
 * contiguous run after its cursor. When id N is missing but a later one is committed, N belongs to
 * a transaction that has not finished, or to one that rolled back. The hub notes the transaction
 * horizon's xmax at that moment and holds everything after N back until a later horizon's xmin has
 * passed it — every transaction that could own N has then ended — and a read started after that
 * still lacks N: then N never existed and is skipped. If a long-running write keeps the horizon
 * back, N is skipped after `maxGapHoldMs` with a warning (a late commit then reaches live clients
 * only through a later replay that starts before its id). On PGlite reads wait for transactions, so
 * a gap there is always a rollback and clears on the first re-check. At start the cursor is the
 * newest committed id, so an older id still uncommitted at that moment is not sent live.
 *
 * Replay: a subscription with `after` is registered first (live events queue up), then replays
 * the scope's rows `after < id <= cursor` from the table, then sends the queue skipping ids it
 * already sent — no gap, no duplicate. Sending never waits for a client in the fan-out loop; a
 * client that falls behind is closed with 4000 "resync".
 */
export class LiveHub {
  readonly options: LiveHubOptions;
  #cursor = 0;
  readonly #subscriptions = new Map<LiveSocket, Subscription>();
  #reading: Promise<void> | null = null;
  #readAgain = false;
  #gap: Gap | null = null;
  #timer: NodeJS.Timeout | null = null;
  #closed = false;
  /** Sockets corked during the current run of rows. */
  #corked: Set<LiveSocket> | null = null;
  readonly #listeners = new Set<(row: EventRow) => void>();

  constructor(
    private readonly log: EventLog,
    private readonly bus: LiveBus,
    options: Partial<LiveHubOptions> = {},
    private readonly logger: LiveHubLogger = silent,
  ) {
    this.options = { ...defaults, ...options };
  }

  /** Every event up to this id has been delivered (or was found never to exist). */
  get lastEventId(): number {
    return this.#cursor;
  }

  /**
   * Calls `listener` with every event this instance delivers, in id order, after the sockets got it:
   * how server-side state that every instance keeps (the working-day calendar) follows a change
   * committed on any of them. Returns the unsubscribe function.
   */
  listen(listener: (row: EventRow) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  get subscriberCount(): number {
    return this.#subscriptions.size;
  }

  async start(): Promise<void> {
    this.#cursor = await this.log.latestId();
    await this.bus.start(() => this.wake());
    this.#schedule(this.options.safetyPollMs);
  }

  /** New events may have been committed: read them (coalesces wake-ups while a read runs). */
  wake(): void {
    if (this.#closed) return;
    if (this.#reading) {
      this.#readAgain = true;
      return;
    }
    this.#reading = this.#readLoop().finally(() => {
      this.#reading = null;
    });
  }

  /**
   * Subscribes (or re-subscribes) a socket. `after` = null: live from now, acknowledged with the
   * current position. Otherwise replays the scope's events after `after`, then goes live.
   */
  async subscribe(socket: LiveSocket, scope: GridCode, after: number | null): Promise<void> {
    const subscription = new Subscription(socket, scope);
    this.#subscriptions.set(socket, subscription);
    if (after === null) {
      socket.send(subscribedText(scope, this.#cursor));
      return;
    }
    subscription.queue = [];
    const upTo = this.#cursor;
    let last = after;
    const current = () => this.#subscriptions.get(socket) === subscription;
    while (last < upTo) {
      const rows = await this.log.scopedBetween(scope, last, upTo, this.options.batchSize);
      if (!current()) return;
      const texts = rows.map((row) => JSON.stringify(liveEventMessage(row)));
      const final = texts.pop();
      for (const text of texts) socket.send(text);
      // The batch's last send reports when it has been handed to the kernel: replay at the
      // client's pace instead of buffering the whole history in memory.
      if (final !== undefined) await sent(socket, final);
      last = rows[rows.length - 1]?.id ?? last;
      if (!current()) return;
      if (rows.length < this.options.batchSize) break;
    }
    last = Math.max(last, upTo);
    subscription.floor = last;
    socket.send(subscribedText(scope, last));
    const queued = subscription.queue;
    subscription.queue = null;
    for (const event of queued) {
      if (event.id <= subscription.floor) continue;
      if (!this.#send(subscription, event.frame)) return;
    }
  }

  /** Resolves when the read in progress (and any it triggered) has finished. */
  async settled(): Promise<void> {
    while (this.#reading) await this.#reading;
  }

  unsubscribe(socket: LiveSocket): void {
    this.#subscriptions.delete(socket);
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.bus.close();
    await this.#reading;
    this.#subscriptions.clear();
  }

  async #readLoop(): Promise<void> {
    try {
      do {
        this.#readAgain = false;
        // Taken BEFORE the read: if it has cleared the gap, the read's answer about the gap is final.
        const horizon = this.#gap ? await this.log.horizon() : null;
        const rows = await this.log.after(this.#cursor, this.options.batchSize);
        const complete = await this.#take(rows, horizon);
        if (complete && rows.length === this.options.batchSize) this.#readAgain = true;
      } while (this.#readAgain && !this.#closed);
    } catch (error) {
      this.logger.error({ err: error }, 'live: reading events failed; retrying');
      this.#schedule(1_000);
      return;
    }
    this.#schedule(this.#gap ? this.options.gapRecheckMs : this.options.safetyPollMs);
  }

  /**
   * Delivers the contiguous run of `rows`; false when a gap stopped it. A hub that fell behind
   * reads many rows at once; each client's socket is corked for up to {@link corkedRows} events,
   * so catching up costs one write per client per chunk instead of one per event and client, and a
   * chunk (< 32 KB) stays far below the backpressure limit.
   */
  async #take(rows: readonly EventRow[], horizon: { xmin: number } | null): Promise<boolean> {
    for (let start = 0; start < rows.length; start += corkedRows) {
      const chunk = rows.slice(start, start + corkedRows);
      const corked = chunk.length > 1 ? new Set<LiveSocket>() : null;
      this.#corked = corked;
      try {
        if (!(await this.#takeRun(chunk, horizon))) return false;
      } finally {
        this.#corked = null;
        for (const socket of corked ?? []) socket.uncork?.();
      }
    }
    return true;
  }

  async #takeRun(rows: readonly EventRow[], horizon: { xmin: number } | null): Promise<boolean> {
    for (const row of rows) {
      if (row.id <= this.#cursor) continue;
      if (row.id > this.#cursor + 1) {
        const gap = this.#gap?.from === this.#cursor + 1 ? this.#gap : null;
        if (!gap) {
          const { xmax } = await this.log.horizon();
          this.#gap = { from: this.#cursor + 1, seenAt: Date.now(), xmax };
          return false;
        }
        const ended = horizon !== null && horizon.xmin >= gap.xmax;
        if (!ended) {
          if (Date.now() - gap.seenAt < this.options.maxGapHoldMs) return false;
          this.logger.warn(
            { missing: [gap.from, row.id - 1] },
            'live: skipping event ids still uncommitted after the hold time (a long write transaction)',
          );
        }
      }
      this.#gap = null;
      this.#deliver(row);
      this.#cursor = row.id;
      for (const listener of this.#listeners) {
        try {
          listener(row);
        } catch (error) {
          this.logger.warn({ err: error, id: row.id }, 'live: an event listener failed');
        }
      }
    }
    return true;
  }

  #deliver(row: EventRow): void {
    let frame: Buffer | null = null;
    for (const subscription of this.#subscriptions.values()) {
      if (row.id <= subscription.floor || !scopeCovers(subscription.scope, row)) continue;
      frame ??= eventFrame(row);
      if (subscription.queue) {
        subscription.queue.push({ id: row.id, frame });
        if (subscription.queue.length > this.options.maxQueuedEvents) this.#resync(subscription);
      } else {
        this.#send(subscription, frame);
      }
    }
  }

  /**
   * Sends without waiting; false (and the client closed for resync) when it is too far behind.
   * A corked socket counts the chunk's own unflushed events as buffered, so during a chunk the
   * limit is checked once, before corking.
   */
  #send(subscription: Subscription, frame: Buffer): boolean {
    const socket = subscription.socket;
    const inRun = this.#corked?.has(socket) ?? false;
    if (!inRun && socket.bufferedAmount > this.options.maxBufferedBytes) {
      this.#resync(subscription);
      return false;
    }
    if (this.#corked && socket.cork && !inRun) {
      socket.cork();
      this.#corked.add(socket);
    }
    socket.send(frame);
    return true;
  }

  #resync(subscription: Subscription): void {
    this.#subscriptions.delete(subscription.socket);
    this.logger.warn({ scope: subscription.scope.code }, 'live: closing a client that fell behind (4000 resync)');
    subscription.socket.close(resyncCloseCode, resyncCloseReason);
  }

  #schedule(ms: number): void {
    if (this.#closed) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.wake(), ms);
    this.#timer.unref();
  }
}

function subscribedText(scope: GridCode, lastEventId: number): string {
  return JSON.stringify({ type: 'subscribed', scope: scope.code, lastEventId } satisfies SubscribedMessage);
}

/** An event's message as the UTF-8 of its text frame, encoded once for every client it goes to. */
function eventFrame(row: EventRow): Buffer {
  return Buffer.from(JSON.stringify(liveEventMessage(row)));
}

function sent(socket: LiveSocket, text: string): Promise<void> {
  return new Promise((resolve) => socket.send(text, () => resolve()));
}
