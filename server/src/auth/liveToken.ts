import type { FastifyInstance } from 'fastify';
import { createHash } from 'node:crypto';
import { findLiveToken, touchToken, type LiveTokenRecord } from '../repos/tokens/tokenRepo.js';

/** `last_used_at` is written at most this often per token (the audit's resolution, not presence). */
export const tokenTouchIntervalSeconds = 3600;

/**
 * SHA-256 hex of a token: what `api_tokens.secret_hash` stores. Unsalted and fast on purpose: the
 * token is 256 random bits, so there is nothing to guess from the hash (migration 011).
 */
export function tokenSecretHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * The usable token behind a secret's hash, from memory when it can answer (app.tokenCache, kept
 * exact by NOTIFY), else from the database. Records the use at most hourly. Null: unknown,
 * expired, revoked, or its account disabled or locked.
 */
export async function liveTokenOf(app: FastifyInstance, secretHash: string): Promise<LiveTokenRecord | null> {
  const cache = app.tokenCache;
  const cached = cache.get(secretHash);
  if (cached) {
    if (cached.usedAgo === null || cached.usedAgo > tokenTouchIntervalSeconds) {
      await touchToken(app.db.sql, cached.record.tokenId);
      cache.used(secretHash);
    }
    return cached.record;
  }
  const found = await findLiveToken(app.db.sql, secretHash);
  if (!found) return null;
  const { expiresIn, usedAgo, ...record } = found;
  let lastUse = usedAgo;
  if (lastUse === null || lastUse > tokenTouchIntervalSeconds) {
    await touchToken(app.db.sql, record.tokenId);
    lastUse = 0;
  }
  cache.set(secretHash, record, expiresIn, lastUse);
  return record;
}
