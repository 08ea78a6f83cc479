import type { Sql } from '../../db/database.js';
import type { AccessRole } from '../../domain/accessRole.js';

/** An account as sign-in needs it (the hash never leaves the server). */
export interface AccountRecord {
  id: number;
  username: string;
  passwordHash: string;
  role: AccessRole;
  scopeCode: string;
  memberId: number | null;
  lockedUntil: Date | null;
  disabled: boolean;
}

export interface NewAccount {
  username: string;
  passwordHash: string;
  role: AccessRole;
  scopeCode: string;
  memberId?: number | null;
}

export async function findAccount(sql: Sql, username: string): Promise<AccountRecord | null> {
  const rows = await sql<AccountRecord>`
    SELECT id, username, password_hash AS "passwordHash", role, scope_code AS "scopeCode",
           member_id AS "memberId", locked_until AS "lockedUntil", disabled
    FROM accounts WHERE username = ${username}`;
  return rows[0] ?? null;
}

/** True while the account is locked (`locked_until` in the future, by the database's clock). */
export async function lockedUntil(sql: Sql, accountId: number): Promise<Date | null> {
  const rows = await sql<{ until: Date | null }>`
    SELECT CASE WHEN locked_until > now() THEN locked_until END AS until FROM accounts WHERE id = ${accountId}`;
  return rows[0]?.until ?? null;
}

/**
 * Counts a wrong password in one statement (concurrent attempts cannot both read the same count).
 * The `maxFailures`-th failure in a row locks the account for `lockSeconds` and starts the count
 * again, so after the lock the owner has a full set of tries. Returns the lock's end when this
 * failure locked the account.
 */
export async function recordFailedSignIn(
  sql: Sql,
  accountId: number,
  policy: { maxFailures: number; lockSeconds: number },
): Promise<Date | null> {
  const rows = await sql<{ lockedNow: boolean; lockedUntil: Date | null }>`
    UPDATE accounts SET
      failed_attempts = CASE WHEN failed_attempts + 1 >= ${policy.maxFailures} THEN 0 ELSE failed_attempts + 1 END,
      locked_until = CASE WHEN failed_attempts + 1 >= ${policy.maxFailures}
        THEN now() + make_interval(secs => ${policy.lockSeconds}) ELSE locked_until END
    WHERE id = ${accountId}
    RETURNING failed_attempts = 0 AND locked_until > now() AS "lockedNow", locked_until AS "lockedUntil"`;
  const row = rows[0];
  return row?.lockedNow ? row.lockedUntil : null;
}

export async function recordSuccessfulSignIn(sql: Sql, accountId: number): Promise<void> {
  await sql`UPDATE accounts SET failed_attempts = 0, locked_until = NULL
    WHERE id = ${accountId} AND (failed_attempts <> 0 OR locked_until IS NOT NULL)`;
}

export async function insertAccount(sql: Sql, account: NewAccount): Promise<number> {
  const rows = await sql<{ id: number }>`
    INSERT INTO accounts (username, password_hash, role, scope_code, member_id)
    VALUES (${account.username}, ${account.passwordHash}, ${account.role}, ${account.scopeCode}, ${account.memberId ?? null})
    RETURNING id`;
  return rows[0]!.id;
}

/**
 * Many accounts in one statement (the demo seed's ~170). Usernames already present are left as
 * they are, so running the seed's account step again changes nothing.
 */
export async function insertAccounts(sql: Sql, accounts: readonly NewAccount[]): Promise<number> {
  if (accounts.length === 0) return 0;
  const records = JSON.stringify(
    accounts.map((a) => ({
      username: a.username,
      password_hash: a.passwordHash,
      role: a.role,
      scope_code: a.scopeCode,
      member_id: a.memberId ?? null,
    })),
  );
  const rows = await sql<{ id: number }>`
    INSERT INTO accounts (username, password_hash, role, scope_code, member_id)
    SELECT r.username, r.password_hash, r.role, r.scope_code, r.member_id
    FROM json_to_recordset(${records}::text::json)
      AS r(username text, password_hash text, role text, scope_code text, member_id bigint)
    ON CONFLICT (username) DO NOTHING
    RETURNING id`;
  return rows.length;
}

/** The name of the grid an account's scope names (current version), or null when there is none. */
export async function scopeName(sql: Sql, code: string): Promise<string | null> {
  const rows = await sql<{ name: string }>`SELECT name FROM grids WHERE code = ${code} AND valid_to IS NULL`;
  return rows[0]?.name ?? null;
}

export async function countAccounts(sql: Sql): Promise<number> {
  const rows = await sql<{ n: number }>`SELECT count(*)::int AS n FROM accounts`;
  return rows[0]?.n ?? 0;
}
