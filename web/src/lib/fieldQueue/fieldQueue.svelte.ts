import { csrfToken } from '../api/csrfToken.js';
import { reportUnauthorized } from '../session/unauthorized.js';
import { indexedDbQueueStore, type FieldQueueStore } from './fieldQueueStore.js';
import { newQueuedOperation, type QueueEntry, type QueuedOperation } from './queuedOperation.js';
import {
  afterAttempt,
  appliedOnCurrentVersion,
  dueOperations,
  queueCounts,
  type QueueCounts,
} from './queueTransitions.js';
import { sendQueuedOperation, type SentAnswer } from './sendQueuedOperation.js';

/** How often a page with waiting entries looks for due ones (the backoff decides which are). */
const checkEveryMs = 15_000;

export interface FieldQueueOptions {
  store?: FieldQueueStore;
  send?: (operation: QueuedOperation, csrf: string | null) => Promise<SentAnswer>;
  now?: () => number;
}

/**
 * The phone's queue of writes (#14 part 2): entries in IndexedDB, sent oldest first when the
 * page opens, when the browser says it is back online, every 15 s while any is due, and on the
 * 上传 button. One flush at a time per page, and across the tabs of the phone through a Web Lock
 * where the browser has one (the Idempotency-Key makes a double send harmless anyway). An entry
 * that cannot be read, or belongs to another account, is listed and skipped, never in the way.
 */
export class FieldQueue {
  entries: QueueEntry[] = $state.raw([]);
  /** Whose entries are sent: the signed-in account (null: none, nothing is sent). */
  username: string | null = $state(null);
  flushing = $state(false);
  /** The store could not be opened (IndexedDB off, a private window of some browsers). */
  unavailable = $state(false);
  counts: QueueCounts = $derived(queueCounts(this.entries, this.username));

  private readonly store: FieldQueueStore;
  private readonly send: NonNullable<FieldQueueOptions['send']>;
  private readonly now: () => number;
  private running: Promise<void> | null = null;
  private again = false;

  constructor({ store = indexedDbQueueStore(), send = sendQueuedOperation, now = Date.now }: FieldQueueOptions = {}) {
    this.store = store;
    this.send = send;
    this.now = now;
  }

  /** Loads the entries, sends what is due and keeps doing so; returns the cleanup. */
  start(username: string | null): () => void {
    this.username = username;
    const onOnline = () => void this.flush({ ignoreBackoff: true });
    globalThis.addEventListener?.('online', onOnline);
    const timer = setInterval(() => {
      if (this.counts.waiting > 0) void this.flush();
    }, checkEveryMs);
    // Ask the browser not to evict the queue under storage pressure (best effort, no prompt in Chromium).
    void globalThis.navigator?.storage?.persist?.().catch(() => false);
    void this.flush({ ignoreBackoff: true });
    return () => {
      globalThis.removeEventListener?.('online', onOnline);
      clearInterval(timer);
    };
  }

  /** Stores a write before anything is sent: once this resolves, it survives a reload or a dead battery. */
  async add(fields: Pick<QueuedOperation, 'id' | 'kind' | 'path' | 'body' | 'label'>): Promise<void> {
    if (!this.username) throw new Error('nobody is signed in to queue a write for');
    await this.store.put(newQueuedOperation({ ...fields, username: this.username }, this.now()));
    await this.reload();
  }

  /** Removes an entry (a refusal read, a stored report noted, an unreadable or foreign entry). */
  async discard(key: string): Promise<void> {
    await this.store.remove(key);
    await this.reload();
  }

  /** The user's choice on a conflict: the action made again on the case's current version, and sent. */
  async applyOnCurrentVersion(key: string): Promise<void> {
    const entry = this.entries.find((candidate) => candidate.key === key);
    if (!entry?.readable || entry.operation.username !== this.username) return;
    const next = appliedOnCurrentVersion(entry.operation, this.now());
    if (next === entry.operation) return;
    await this.store.put(next);
    await this.reload();
    await this.flush({ ignoreBackoff: true });
  }

  /** Sends every due entry of the signed-in account, one after another; a flush already running takes this one's turn. */
  flush({ ignoreBackoff = false }: { ignoreBackoff?: boolean } = {}): Promise<void> {
    if (this.running) {
      this.again ||= ignoreBackoff;
      return this.running;
    }
    this.running = this.locked(() => this.sendDue(ignoreBackoff)).finally(() => {
      this.running = null;
      this.flushing = false;
      if (this.again) {
        this.again = false;
        void this.flush({ ignoreBackoff: true });
      }
    });
    return this.running;
  }

  private async sendDue(ignoreBackoff: boolean): Promise<void> {
    await this.reload();
    const username = this.username;
    if (!username || this.unavailable) return;
    // The browser knows there is no network: trying would only fail (and wake the radio).
    if (globalThis.navigator?.onLine === false) return;
    const due = dueOperations(this.entries, username, this.now(), { ignoreBackoff });
    if (due.length === 0) return;
    this.flushing = true;
    for (const operation of due) {
      const answer = await this.send(operation, csrfToken());
      const next = afterAttempt(operation, answer, this.now());
      await this.store.put(next);
      await this.reload();
      if (answer.status === 401) {
        // The session is over: the app asks to sign in; the rest waits for the new session.
        reportUnauthorized();
        return;
      }
      // No signal: the rest would fail the same way; they go with the next flush.
      if (answer.status === 'network' || answer.status === 'timeout') return;
    }
  }

  private async reload(): Promise<void> {
    try {
      this.entries = await this.store.entries();
      this.unavailable = false;
    } catch (error) {
      console.warn('gridmap field queue: IndexedDB is not available', error);
      this.unavailable = true;
    }
  }

  private async locked(work: () => Promise<void>): Promise<void> {
    const locks = globalThis.navigator?.locks;
    if (locks) await locks.request('gridmap-field-queue', work);
    else await work();
  }
}
