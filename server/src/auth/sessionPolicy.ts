import type { AccessRole } from '../domain/accessRole.js';

/** The session cookie's name (HttpOnly, SameSite=Strict, Path=/). */
export const sessionCookieName = 'gridmap_session';

/** The header every write of a signed-in client carries, equal to its session's CSRF token. */
export const csrfHeaderName = 'x-csrf-token';

export interface SessionLifetime {
  /** The session ends this long after its last request (sliding). */
  idleSeconds: number;
  /** And at the latest this long after sign-in, however busy. */
  absoluteSeconds: number;
}

const hour = 3600;
const day = 24 * hour;

/**
 * People: a working day at most, two idle hours (a phone left on a desk signs out by itself).
 * A wall display is unattended in a locked hall and must not ask for a password every morning:
 * 30 days sliding (any request, the live channel's reconnects included, extends it), a year at most.
 */
export function sessionLifetime(role: AccessRole): SessionLifetime {
  if (role === 'wall') return { idleSeconds: 30 * day, absoluteSeconds: 365 * day };
  return { idleSeconds: 2 * hour, absoluteSeconds: 12 * hour };
}

/** `last_seen` is written at most this often per session, not on every request. */
export const touchIntervalSeconds = 60;

/** Wrong passwords in a row that lock an account, and for how long. */
export const lockout = { maxFailures: 5, lockSeconds: 15 * 60 } as const;

/** Sign-in attempts per client address per window (all outcomes), before 429. */
export const loginRateLimit = { max: 30, timeWindowMs: 60_000 } as const;
