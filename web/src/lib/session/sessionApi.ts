import { ACCESS_ROLES, type AccessRole } from '@domain/accessRole.js';
import type { SessionReply } from '@contract/session.js';
import { parseGridCode } from '@domain/gridCode.js';

/** The signed-in account, as `POST` and `GET /api/session` reply (the contract's SessionReply). */
export type SessionViewer = SessionReply;

/** A scope level the reply does not name is read from the code, else as the narrowest (nothing wider assumed). */
const scopeLevels = ['county', 'town', 'village', 'group'] as const;

/** What a sign-in attempt came to, in the words the sign-in form needs. */
export type SignInOutcome =
  | { ok: true; viewer: SessionViewer }
  /** 401: wrong username or password (the server does not say which). */
  | { ok: false; reason: 'credentials' }
  /**
   * 429: the account is locked after wrong passwords (`account`), or this address tried too often
   * (`address`); `until` when the server says.
   */
  | { ok: false; reason: 'locked'; by: 'account' | 'address'; until: Date | null }
  /** No answer, or a 5xx/proxy error: nothing the user typed was wrong. */
  | { ok: false; reason: 'unreachable' }
  /** Any other refusal, with the server's message. */
  | { ok: false; reason: 'refused'; message: string };

/** A reply body is a session only when every field the app reads is there and well-formed. */
export function asSessionViewer(body: unknown): SessionViewer | null {
  if (!body || typeof body !== 'object') return null;
  const reply = body as Record<string, unknown>;
  const scope = reply.scope as Record<string, unknown> | null | undefined;
  if (
    typeof reply.username !== 'string' ||
    !(ACCESS_ROLES as readonly unknown[]).includes(reply.role) ||
    typeof reply.csrfToken !== 'string' ||
    !scope ||
    typeof scope.code !== 'string'
  ) {
    return null;
  }
  return {
    username: reply.username,
    role: reply.role as AccessRole,
    scope: {
      code: scope.code,
      name: typeof scope.name === 'string' ? scope.name : scope.code,
      level: scopeLevels.find((level) => level === scope.level) ?? parseGridCode(scope.code)?.level ?? 'group',
    },
    csrfToken: reply.csrfToken,
  };
}

/**
 * When a lockout ends: the body's `lockedUntil`/`until` (ISO time) or `retryAfter` (seconds),
 * else the `Retry-After` header (seconds or an HTTP date). Null when none says.
 */
export function lockedUntil(body: unknown, retryAfterHeader: string | null, now = Date.now()): Date | null {
  const reply = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  for (const value of [reply.lockedUntil, reply.until]) {
    if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return new Date(value);
  }
  const seconds = [reply.retryAfter, retryAfterHeader]
    .map((value) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value))
    .find((value): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0);
  if (seconds !== undefined) return new Date(now + seconds * 1000);
  if (retryAfterHeader && !Number.isNaN(Date.parse(retryAfterHeader))) return new Date(retryAfterHeader);
  return null;
}

/** Reads a sign-in reply (pure, for tests): status, body and the `Retry-After` header. */
export function signInOutcome(
  status: number,
  body: unknown,
  retryAfter: string | null,
  now = Date.now(),
): SignInOutcome {
  if (status >= 200 && status < 300) {
    const viewer = asSessionViewer(body);
    return viewer ? { ok: true, viewer } : { ok: false, reason: 'refused', message: 'malformed session reply' };
  }
  if (status === 401) return { ok: false, reason: 'credentials' };
  const message =
    body && typeof body === 'object' && typeof (body as { message?: unknown }).message === 'string'
      ? (body as { message: string }).message
      : `HTTP ${status}`;
  if (status === 429) {
    // routes/session.ts: "this account is locked …" vs the rate limit's "… from this address …".
    const by = /\baddress\b/i.test(message) && !/\baccount\b/i.test(message) ? 'address' : 'account';
    return { ok: false, reason: 'locked', by, until: lockedUntil(body, retryAfter, now) };
  }
  if (status >= 500) return { ok: false, reason: 'unreachable' };
  return { ok: false, reason: 'refused', message };
}

const sessionPath = '/api/session';

/** `POST /api/session`: the cookie is set by the reply; no CSRF token exists yet. */
export async function postSession(username: string, password: string): Promise<SignInOutcome> {
  let response: Response;
  try {
    response = await fetch(sessionPath, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
      credentials: 'same-origin',
    });
  } catch {
    return { ok: false, reason: 'unreachable' };
  }
  const body: unknown = await response.json().catch(() => null);
  return signInOutcome(response.status, body, response.headers.get('retry-after'));
}

/** `GET /api/session`: the session, null when signed out (401); throws when the server cannot be reached. */
export async function getSession(): Promise<SessionViewer | null> {
  const response = await fetch(sessionPath, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
  if (response.status === 401) return null;
  if (!response.ok) throw new Error(`${response.status} ${response.statusText} for ${sessionPath}`);
  const viewer = asSessionViewer(await response.json());
  if (!viewer) throw new Error(`malformed reply from ${sessionPath}`);
  return viewer;
}

/** `DELETE /api/session` with the CSRF token; a session already gone (401) counts as signed out. */
export async function deleteSession(csrfToken: string | null): Promise<void> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(sessionPath, { method: 'DELETE', headers, credentials: 'same-origin' });
  if (!response.ok && response.status !== 401) {
    throw new Error(`${response.status} ${response.statusText} for DELETE ${sessionPath}`);
  }
}
