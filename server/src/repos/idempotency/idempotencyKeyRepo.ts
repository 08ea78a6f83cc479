import type { Sql } from '../../db/database.js';
import { IDEMPOTENCY_KEY_LIFETIME_HOURS } from '../../contract/idempotencyKey.js';

/** One use of a key: whose, where, and what was asked. */
export interface IdempotentRequest {
  accountId: number;
  key: string;
  /** Method and path, e.g. `POST /api/cases`. */
  route: string;
  /** SHA-256 (hex) of the request body as canonical JSON. */
  bodyHash: string;
}

export interface StoredReply {
  status: number;
  body: unknown;
}

export type KeyClaim =
  /** Never seen (or expired): go on; {@link storeIdempotentReply} records the reply in this transaction. */
  | { kind: 'new' }
  | { kind: 'replay'; reply: StoredReply }
  /** Seen with another route or body. */
  | { kind: 'mismatch'; route: string }
  /** Another transaction (another server instance) holds the key right now. */
  | { kind: 'in_use' };

const lifetime = `${IDEMPOTENCY_KEY_LIFETIME_HOURS} hours`;

/**
 * Claims a key for the caller's transaction. The transaction-scoped advisory lock is taken with
 * `try`, never waited for: a second request while the first still runs is told so (409) instead of
 * queueing behind it. The lock is the two-int form (account id, hash of the key), a space no other
 * lock of gridmap uses (they take one bigint). A hash collision between two keys of one account
 * costs a needless 409 at worst, never a wrong replay: the row is looked up by the key itself.
 */
export async function claimIdempotencyKey(sql: Sql, request: IdempotentRequest): Promise<KeyClaim> {
  const [lock] = await sql<{ locked: boolean }>`
    SELECT pg_try_advisory_xact_lock(${request.accountId}::int, hashtext(${request.key})) AS locked`;
  if (!lock?.locked) return { kind: 'in_use' };
  await pruneExpiredKeys(sql, request.accountId);
  const [row] = await sql<{ route: string; body_hash: string; reply_status: number; reply_body: unknown }>`
    SELECT route, body_hash, reply_status, reply_body FROM idempotency_keys
    WHERE account_id = ${request.accountId} AND key = ${request.key}
      AND created_at >= now() - ${lifetime}::interval`;
  if (!row) return { kind: 'new' };
  if (row.route !== request.route || row.body_hash !== request.bodyHash) return { kind: 'mismatch', route: row.route };
  return { kind: 'replay', reply: { status: row.reply_status, body: row.reply_body } };
}

/** Records the reply of a claimed key, in the transaction of the write it answers for. */
export async function storeIdempotentReply(sql: Sql, request: IdempotentRequest, reply: StoredReply): Promise<void> {
  // An expired row of this key that a concurrent prune skipped is replaced, not kept beside.
  await sql`
    INSERT INTO idempotency_keys (account_id, key, route, body_hash, reply_status, reply_body)
    VALUES (${request.accountId}, ${request.key}, ${request.route}, ${request.bodyHash}, ${reply.status},
      ${JSON.stringify(reply.body)}::text::jsonb)
    ON CONFLICT (account_id, key) DO UPDATE SET route = EXCLUDED.route, body_hash = EXCLUDED.body_hash,
      reply_status = EXCLUDED.reply_status, reply_body = EXCLUDED.reply_body, created_at = now()`;
}

/**
 * Deletes up to 100 of the account's expired keys (opportunistic pruning: each keyed write tidies
 * its own account, so the table holds about a day of keys). SKIP LOCKED: rows another of the
 * account's writes is pruning are left to it, so two writes never wait for or deadlock on each other.
 */
async function pruneExpiredKeys(sql: Sql, accountId: number): Promise<void> {
  await sql`
    DELETE FROM idempotency_keys WHERE (account_id, key) IN (
      SELECT account_id, key FROM idempotency_keys
      WHERE account_id = ${accountId} AND created_at < now() - ${lifetime}::interval
      LIMIT 100 FOR UPDATE SKIP LOCKED)`;
}
