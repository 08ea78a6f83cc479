import type { LiveTokenRecord } from '../repos/tokens/tokenRepo.js';

/** A usable token as the database last confirmed it, with its deadlines on this process's clock. */
interface CachedToken {
  record: LiveTokenRecord;
  expiresAt: number;
  /** When this process last wrote (or the database last reported) `last_used_at`; null: never. */
  usedAt: number | null;
  /** After this the database is asked again, whatever the notifications said. */
  recheckAt: number;
}

export interface TokenCacheOptions {
  /** Most tokens kept; the least recently used go first. Default 5,000. */
  maxEntries?: number;
  /** How long a confirmed token is trusted without asking the database again (see SessionCache). Default 30 s. */
  recheckMs?: number;
  now?: () => number;
}

/**
 * API tokens checked from memory, exact the way sessions are (auth/sessionCache.ts): served from
 * here only while the token's expiry is ahead, the NOTIFY listener is connected and the entry was
 * confirmed less than `recheckMs` ago. A revocation or earlier expiry (`t:<hash>`, migration 011)
 * and a disabled, locked or changed account (`a:<id>`, migration 008) evict at once, so a revoked
 * token is refused by every instance as soon as the notification arrives. A token has no idle
 * window: QGIS may sit unused for a week and must still work until the token expires.
 */
export class TokenCache {
  readonly #entries = new Map<string, CachedToken>();
  readonly #byAccount = new Map<number, Set<string>>();
  readonly #maxEntries: number;
  readonly #recheckMs: number;
  readonly #now: () => number;
  readonly #evictionListeners = new Set<(key: string) => void>();
  #listening = false;

  constructor(options: TokenCacheOptions = {}) {
    this.#maxEntries = options.maxEntries ?? 5_000;
    this.#recheckMs = options.recheckMs ?? 30_000;
    this.#now = options.now ?? Date.now;
  }

  setListening(listening: boolean): void {
    this.#listening = listening;
    if (!listening) this.clear();
  }

  /** The token when memory can answer for it, with the seconds since its last recorded use. Null: ask the database. */
  get(secretHash: string): { record: LiveTokenRecord; usedAgo: number | null } | null {
    if (!this.#listening) return null;
    const entry = this.#entries.get(secretHash);
    if (!entry) return null;
    const now = this.#now();
    if (now >= entry.expiresAt || now >= entry.recheckAt) {
      this.#delete(secretHash);
      return null;
    }
    this.#entries.delete(secretHash);
    this.#entries.set(secretHash, entry);
    return { record: entry.record, usedAgo: entry.usedAt === null ? null : (now - entry.usedAt) / 1000 };
  }

  /** Keeps what the database just confirmed (`expiresIn`, `usedAgo` in seconds by its clock). */
  set(secretHash: string, record: LiveTokenRecord, expiresIn: number, usedAgo: number | null): void {
    if (!this.#listening) return;
    const now = this.#now();
    this.#delete(secretHash);
    this.#entries.set(secretHash, {
      record,
      expiresAt: now + expiresIn * 1000,
      usedAt: usedAgo === null ? null : now - usedAgo * 1000,
      recheckAt: now + this.#recheckMs,
    });
    let tokens = this.#byAccount.get(record.accountId);
    if (!tokens) this.#byAccount.set(record.accountId, (tokens = new Set()));
    tokens.add(secretHash);
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.#maxEntries) break;
      this.#delete(oldest);
    }
  }

  /** This process just recorded the token's use. */
  used(secretHash: string): void {
    const entry = this.#entries.get(secretHash);
    if (entry) entry.usedAt = this.#now();
  }

  /** A payload on the sessions' channel: `t:<hash>` and `a:<account id>` concern tokens; `s:` does not. */
  applyNotification(payload: string): void {
    if (payload.startsWith('t:')) this.evictToken(payload.slice(2));
    else if (payload.startsWith('a:')) this.evictAccount(Number(payload.slice(2)));
    else if (!payload.startsWith('s:')) this.clear();
  }

  evictToken(secretHash: string): void {
    this.#delete(secretHash);
    this.#emit(`t:${secretHash}`);
  }

  evictAccount(accountId: number): void {
    for (const secretHash of [...(this.#byAccount.get(accountId) ?? [])]) this.#delete(secretHash);
    this.#emit(`a:${accountId}`);
  }

  clear(): void {
    this.#entries.clear();
    this.#byAccount.clear();
  }

  /** Calls `listener` after each eviction (`t:<hash>` or `a:<id>`); tests await it. Returns the unsubscribe. */
  onEviction(listener: (key: string) => void): () => void {
    this.#evictionListeners.add(listener);
    return () => this.#evictionListeners.delete(listener);
  }

  #delete(secretHash: string): void {
    const entry = this.#entries.get(secretHash);
    if (!entry) return;
    this.#entries.delete(secretHash);
    const tokens = this.#byAccount.get(entry.record.accountId);
    tokens?.delete(secretHash);
    if (tokens?.size === 0) this.#byAccount.delete(entry.record.accountId);
  }

  #emit(key: string): void {
    for (const listener of this.#evictionListeners) listener(key);
  }
}
