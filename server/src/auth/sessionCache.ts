import type { SessionRecord } from '../repos/session/sessionRepo.js';

/** A live session as the database last confirmed it, with its deadlines on this process's clock. */
interface CachedSession {
  record: SessionRecord;
  /** The absolute end (`expires_at`). */
  expiresAt: number;
  /** The end of the idle window as of the last `last_seen` this process knows of. */
  idleEndsAt: number;
  idleSeconds: number;
  /** When this process last wrote or read `last_seen`. */
  lastSeen: number;
  /** After this the database is asked again, whatever the notifications said. */
  recheckAt: number;
}

export interface SessionCacheOptions {
  /** Most sessions kept; the least recently used go first. Default 20,000. */
  maxEntries?: number;
  /**
   * How long a confirmed session is trusted without asking the database again: the bound on what a
   * lost notification (a LISTEN connection that dropped) could let through. Default 30 s.
   */
  recheckMs?: number;
  now?: () => number;
}

export interface ConfirmedSession {
  record: SessionRecord;
  /** Seconds since `last_seen` as the database returned it. */
  idleFor: number;
  /** Seconds left before `expires_at` and before the idle window closes, by the database's clock. */
  expiresIn: number;
  idleLeft: number;
  idleSeconds: number;
}

/**
 * Sessions checked from memory (issue #12: a cached tile must not cost a database round trip for
 * its session). Exact in what it lets through: a session is served from here only while its
 * absolute end and idle window (deadlines computed from the database's own answer, so clocks
 * cannot disagree) are both ahead; once the idle window this process knows of has passed, the
 * database decides, because another instance may have seen the session more recently. Revocation
 * (sign-out, disable, lock, role or scope change) arrives as a NOTIFY from database triggers
 * (migration 008) and evicts at once; while the listener is not connected nothing is served from
 * memory, and every entry is re-read at least every `recheckMs`.
 */
export class SessionCache {
  readonly #entries = new Map<string, CachedSession>();
  readonly #byAccount = new Map<number, Set<string>>();
  readonly #maxEntries: number;
  readonly #recheckMs: number;
  readonly #now: () => number;
  readonly #evictionListeners = new Set<(key: string) => void>();
  /** Only while notifications can reach us is memory trusted. */
  #listening = false;

  constructor(options: SessionCacheOptions = {}) {
    this.#maxEntries = options.maxEntries ?? 20_000;
    this.#recheckMs = options.recheckMs ?? 30_000;
    this.#now = options.now ?? Date.now;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Notifications reach this process (true) or may be lost (false: memory is emptied and bypassed). */
  setListening(listening: boolean): void {
    this.#listening = listening;
    if (!listening) this.clear();
  }

  /**
   * The session when memory can answer for it: `idleFor` is the time since the last `last_seen`
   * this process knows of. Null: ask the database.
   */
  get(idHash: string): { record: SessionRecord; idleFor: number } | null {
    if (!this.#listening) return null;
    const entry = this.#entries.get(idHash);
    if (!entry) return null;
    const now = this.#now();
    if (now >= entry.expiresAt || now >= entry.idleEndsAt || now >= entry.recheckAt) {
      this.#delete(idHash);
      return null;
    }
    // Map order is recency order.
    this.#entries.delete(idHash);
    this.#entries.set(idHash, entry);
    return { record: entry.record, idleFor: (now - entry.lastSeen) / 1000 };
  }

  /** Keeps what the database just confirmed. */
  set(idHash: string, confirmed: ConfirmedSession): void {
    if (!this.#listening) return;
    const now = this.#now();
    this.#delete(idHash);
    this.#entries.set(idHash, {
      record: confirmed.record,
      expiresAt: now + confirmed.expiresIn * 1000,
      idleEndsAt: now + confirmed.idleLeft * 1000,
      idleSeconds: confirmed.idleSeconds,
      lastSeen: now - confirmed.idleFor * 1000,
      recheckAt: now + this.#recheckMs,
    });
    let sessions = this.#byAccount.get(confirmed.record.accountId);
    if (!sessions) this.#byAccount.set(confirmed.record.accountId, (sessions = new Set()));
    sessions.add(idHash);
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.#maxEntries) break;
      this.#delete(oldest);
    }
  }

  /** This process just wrote `last_seen = now()`: the idle window starts again. */
  touched(idHash: string): void {
    const entry = this.#entries.get(idHash);
    if (!entry) return;
    const now = this.#now();
    entry.lastSeen = now;
    entry.idleEndsAt = Math.min(entry.expiresAt, now + entry.idleSeconds * 1000);
  }

  /**
   * A NOTIFY payload from migration 008's triggers: `s:<id hash>` or `a:<account id>`; `t:<hash>`
   * (migration 011) is an API token's and concerns the token cache only.
   */
  applyNotification(payload: string): void {
    if (payload.startsWith('s:')) this.evictSession(payload.slice(2));
    else if (payload.startsWith('a:')) this.evictAccount(Number(payload.slice(2)));
    else if (!payload.startsWith('t:')) this.clear();
  }

  evictSession(idHash: string): void {
    this.#delete(idHash);
    this.#emit(`s:${idHash}`);
  }

  evictAccount(accountId: number): void {
    for (const idHash of [...(this.#byAccount.get(accountId) ?? [])]) this.#delete(idHash);
    this.#emit(`a:${accountId}`);
  }

  clear(): void {
    this.#entries.clear();
    this.#byAccount.clear();
  }

  /** Calls `listener` after each eviction (`s:<hash>` or `a:<id>`); tests await it. Returns the unsubscribe. */
  onEviction(listener: (key: string) => void): () => void {
    this.#evictionListeners.add(listener);
    return () => this.#evictionListeners.delete(listener);
  }

  #delete(idHash: string): void {
    const entry = this.#entries.get(idHash);
    if (!entry) return;
    this.#entries.delete(idHash);
    const sessions = this.#byAccount.get(entry.record.accountId);
    sessions?.delete(idHash);
    if (sessions?.size === 0) this.#byAccount.delete(entry.record.accountId);
  }

  #emit(key: string): void {
    for (const listener of this.#evictionListeners) listener(key);
  }
}
