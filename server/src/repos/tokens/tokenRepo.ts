import type { Sql } from '../../db/database.js';
import type { AccessRole } from '../../domain/accessRole.js';
import { sqlPart } from '../../db/sqlQuery.js';
import { isoTimestampSql } from '../sql/gridScopeSql.js';

export interface NewToken {
  /** SHA-256 (hex) of the secret; the secret itself is never stored. */
  secretHash: string;
  accountId: number;
  name: string;
  expiresInDays: number;
}

/** A token as its owner sees it listed: never the secret, nor its hash. */
export interface TokenRow {
  id: number;
  name: string;
  username: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** Neither revoked nor past its expiry (by the database's clock). */
  active: boolean;
}

/** A usable token with its account, as the request hook needs it. */
export interface LiveTokenRecord {
  tokenId: number;
  accountId: number;
  username: string;
  role: AccessRole;
  scopeCode: string;
  memberId: number | null;
}

/** {@link LiveTokenRecord} with its deadline and last use, by the database's clock, for the token cache. */
export interface LiveTokenRow extends LiveTokenRecord {
  /** Seconds until `expires_at`. */
  expiresIn: number;
  /** Seconds since `last_used_at`; null when never used. */
  usedAgo: number | null;
}

/** The account a token belongs to, for deciding who may revoke it. */
export interface TokenOwner {
  id: number;
  accountId: number;
  username: string;
  scopeCode: string;
  name: string;
}

export async function insertToken(sql: Sql, token: NewToken): Promise<{ id: number; expiresAt: string }> {
  const rows = await sql<{ id: number; expiresAt: string }>`
    INSERT INTO api_tokens (secret_hash, account_id, name, expires_at)
    VALUES (${token.secretHash}, ${token.accountId}, ${token.name}, now() + make_interval(days => ${token.expiresInDays}))
    RETURNING id, ${isoTimestampSql('expires_at')} AS "expiresAt"`;
  return rows[0]!;
}

/** The listed columns, timestamps as ISO 8601 UTC text like every reply's. */
const tokenColumns = sqlPart`t.id, t.name, a.username,
  ${isoTimestampSql('t.created_at')} AS "createdAt", ${isoTimestampSql('t.expires_at')} AS "expiresAt",
  ${isoTimestampSql('t.last_used_at')} AS "lastUsedAt", ${isoTimestampSql('t.revoked_at')} AS "revokedAt",
  (t.revoked_at IS NULL AND t.expires_at > now()) AS active`;

/** An account's tokens, newest first. */
export async function listTokens(sql: Sql, accountId: number): Promise<TokenRow[]> {
  return sql<TokenRow>`
    SELECT ${tokenColumns} FROM api_tokens AS t JOIN accounts AS a ON a.id = t.account_id
    WHERE t.account_id = ${accountId} ORDER BY t.id DESC`;
}

/** Every token of the deployment, or of one account (`npm run account -- token list`). */
export async function listAllTokens(sql: Sql, username?: string): Promise<TokenRow[]> {
  return username === undefined
    ? sql<TokenRow>`SELECT ${tokenColumns} FROM api_tokens AS t JOIN accounts AS a ON a.id = t.account_id
        ORDER BY t.id DESC`
    : sql<TokenRow>`SELECT ${tokenColumns} FROM api_tokens AS t JOIN accounts AS a ON a.id = t.account_id
        WHERE a.username = ${username} ORDER BY t.id DESC`;
}

/**
 * The token behind a secret's hash, when it can still be used: not revoked, not expired, and its
 * account neither disabled nor locked (a lock stops tokens as it ends sessions).
 */
export async function findLiveToken(sql: Sql, secretHash: string): Promise<LiveTokenRow | null> {
  const rows = await sql<LiveTokenRow>`
    SELECT t.id AS "tokenId", a.id AS "accountId", a.username, a.role, a.scope_code AS "scopeCode",
           a.member_id AS "memberId", extract(epoch FROM t.expires_at - now())::float8 AS "expiresIn",
           extract(epoch FROM now() - t.last_used_at)::float8 AS "usedAgo"
    FROM api_tokens AS t JOIN accounts AS a ON a.id = t.account_id
    WHERE t.secret_hash = ${secretHash}
      AND t.revoked_at IS NULL
      AND t.expires_at > now()
      AND NOT a.disabled
      AND (a.locked_until IS NULL OR a.locked_until <= now())`;
  return rows[0] ?? null;
}

/** Records the token's last use, at most once an hour (the trigger of migration 011 ignores it). */
export async function touchToken(sql: Sql, tokenId: number): Promise<void> {
  await sql`UPDATE api_tokens SET last_used_at = now()
    WHERE id = ${tokenId} AND (last_used_at IS NULL OR last_used_at < now() - interval '1 hour')`;
}

export async function tokenOwner(sql: Sql, tokenId: number): Promise<TokenOwner | null> {
  const rows = await sql<TokenOwner>`
    SELECT t.id, t.account_id AS "accountId", a.username, a.scope_code AS "scopeCode", t.name
    FROM api_tokens AS t JOIN accounts AS a ON a.id = t.account_id WHERE t.id = ${tokenId}`;
  return rows[0] ?? null;
}

/**
 * Revokes a token (kept, not deleted: the audit trail and the owner's list still show it). Returns
 * the secret's hash for evicting it from this process's cache, or null when it was revoked already.
 */
export async function revokeToken(sql: Sql, tokenId: number): Promise<string | null> {
  const rows = await sql<{ secretHash: string }>`
    UPDATE api_tokens SET revoked_at = now() WHERE id = ${tokenId} AND revoked_at IS NULL
    RETURNING secret_hash AS "secretHash"`;
  return rows[0]?.secretHash ?? null;
}
