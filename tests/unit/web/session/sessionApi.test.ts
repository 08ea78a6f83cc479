import { describe, expect, it } from 'vitest';
import { asSessionViewer, lockedUntil, signInOutcome } from '../../../../web/src/lib/session/sessionApi.js';

const session = {
  username: 'town-620724101000',
  role: 'town_leader',
  scope: { code: '620724101000', name: '城关镇', level: 'town' },
  csrfToken: 'x'.repeat(43),
};

describe('reading the replies of POST /api/session', () => {
  it('takes a 200 with the session as signed in', () => {
    expect(signInOutcome(200, session, null)).toEqual({ ok: true, viewer: session });
  });

  it('reads 401 as wrong credentials, without saying which', () => {
    expect(signInOutcome(401, { error: 'Unauthorized', message: 'wrong username or password' }, null)).toEqual({
      ok: false,
      reason: 'credentials',
    });
  });

  it('reads 429 as locked, until the time the server gives in the body or in Retry-After', () => {
    const now = Date.parse('2026-11-22T08:00:00Z');
    expect(signInOutcome(429, { lockedUntil: '2026-11-22T08:15:00.000Z' }, null, now)).toEqual({
      ok: false,
      reason: 'locked',
      by: 'account',
      until: new Date('2026-11-22T08:15:00.000Z'),
    });
    expect(signInOutcome(429, { message: 'locked' }, '900', now)).toEqual({
      ok: false,
      reason: 'locked',
      by: 'account',
      until: new Date('2026-11-22T08:15:00.000Z'),
    });
    expect(signInOutcome(429, { message: 'locked' }, null, now)).toEqual({
      ok: false,
      reason: 'locked',
      by: 'account',
      until: null,
    });
  });

  it('tells a locked account from an address that tried too often (the server’s two 429s)', () => {
    const now = Date.parse('2026-11-22T08:00:00Z');
    const account = signInOutcome(
      429,
      { message: 'this account is locked after 5 wrong passwords; try again after 2026-11-22T08:15:00.000Z' },
      '900',
      now,
    );
    const address = signInOutcome(
      429,
      { message: 'too many sign-in attempts from this address; try again in 1 minute' },
      '60',
      now,
    );
    expect(account).toMatchObject({ reason: 'locked', by: 'account', until: new Date('2026-11-22T08:15:00Z') });
    expect(address).toMatchObject({ reason: 'locked', by: 'address', until: new Date('2026-11-22T08:01:00Z') });
  });

  it('reads a 5xx as the server unreachable and another refusal with its message', () => {
    expect(signInOutcome(502, null, null)).toEqual({ ok: false, reason: 'unreachable' });
    expect(signInOutcome(400, { message: 'body/username must match pattern' }, null)).toEqual({
      ok: false,
      reason: 'refused',
      message: 'body/username must match pattern',
    });
  });
});

describe('lockedUntil', () => {
  it('takes an HTTP date in Retry-After too, and ignores what is not a time', () => {
    expect(lockedUntil({}, 'Sun, 22 Nov 2026 08:15:00 GMT')).toEqual(new Date('2026-11-22T08:15:00Z'));
    expect(lockedUntil({ lockedUntil: 'soon' }, 'later')).toBeNull();
    expect(lockedUntil(null, null)).toBeNull();
  });
});

describe('asSessionViewer', () => {
  it('refuses a reply missing what the app reads or with an unknown role', () => {
    expect(asSessionViewer({ ...session, role: 'root' })).toBeNull();
    expect(asSessionViewer({ ...session, csrfToken: undefined })).toBeNull();
    expect(asSessionViewer({ ...session, scope: null })).toBeNull();
    expect(asSessionViewer('admin')).toBeNull();
  });

  it('falls back to the code when the scope has no name, and reads its level from the code', () => {
    expect(asSessionViewer({ ...session, scope: { code: '620724000000' } })?.scope).toEqual({
      code: '620724000000',
      name: '620724000000',
      level: 'county',
    });
  });
});
