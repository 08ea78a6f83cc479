import type { Sql } from '../../db/database.js';
import type { AccessRole } from '../../domain/accessRole.js';

export interface NewSession {
  /** SHA-256 (hex) of the cookie's session id; the id itself is never stored. */
  idHash: string;
  accountId: number;
  csrfToken: string;
  idleSeconds: number;
  absoluteSeconds: number;
  ip: string | null;
}

/** A live session with its account, as the request hook needs it. */
export interface SessionRecord {
  accountId: number;
  username: string;
  role: AccessRole;
  scopeCode: string;
  memberId: number | null;
  csrfToken: string;
  /** Seconds since the last recorded request (for throttling `last_seen` writes). */
  idleFor: number;
}

/** {@link SessionRecord} with its deadlines, by the database's clock, for the session cache. */
export interface LiveSessionRow extends SessionRecord {
  /** Seconds until `expires_at`. */
  expiresIn: number;
  /** Seconds until the idle window closes (`last_seen + idle_seconds`). */
  idleLeft: number;
  idleSeconds: number;
}

export async function insertSession(sql: Sql, session: NewSession): Promise<void> {
  await sql`
    INSERT INTO sessions (id_hash, account_id, csrf_token, idle_seconds, expires_at, ip)
    VALUES (${session.idHash}, ${session.accountId}, ${session.csrfToken}, ${session.idleSeconds},
            now() + make_interval(secs => ${session.absoluteSeconds}), ${session.ip})`;
}

/**
 * The session behind a cookie, when it is still valid: not idle too long, not past its absolute
 * end, and its account neither disabled nor locked (a lock also ends the sessions it had).
 */
export async function findLiveSession(sql: Sql, idHash: string): Promise<LiveSessionRow | null> {
  const rows = await sql<LiveSessionRow>`
    SELECT a.id AS "accountId", a.username, a.role, a.scope_code AS "scopeCode", a.member_id AS "memberId",
           s.csrf_token AS "csrfToken", extract(epoch FROM now() - s.last_seen)::float8 AS "idleFor",
           extract(epoch FROM s.expires_at - now())::float8 AS "expiresIn",
           extract(epoch FROM s.last_seen + make_interval(secs => s.idle_seconds) - now())::float8 AS "idleLeft",
           s.idle_seconds AS "idleSeconds"
    FROM sessions AS s JOIN accounts AS a ON a.id = s.account_id
    WHERE s.id_hash = ${idHash}
      AND s.expires_at > now()
      AND s.last_seen + make_interval(secs => s.idle_seconds) > now()
      AND NOT a.disabled
      AND (a.locked_until IS NULL OR a.locked_until <= now())`;
  return rows[0] ?? null;
}

/** Slides the idle window. */
export async function touchSession(sql: Sql, idHash: string): Promise<void> {
  await sql`UPDATE sessions SET last_seen = now() WHERE id_hash = ${idHash}`;
}

export async function deleteSession(sql: Sql, idHash: string): Promise<void> {
  await sql`DELETE FROM sessions WHERE id_hash = ${idHash}`;
}

/** Removes sessions that can no longer be used (run at each sign-in; cheap with the index). */
export async function deleteDeadSessions(sql: Sql): Promise<void> {
  await sql`DELETE FROM sessions
    WHERE expires_at <= now() OR last_seen + make_interval(secs => idle_seconds) <= now()`;
}
