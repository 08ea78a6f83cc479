import { describe, expect, it } from 'vitest';
import { matchRoute } from '../../../web/src/lib/routing/appRoute.js';
import { routeGate } from '../../../web/src/lib/session/routeAccess.js';
import { caseLinkPath } from '../../../server/src/domain/caseLink.js';

describe('the case link /c/<serial> (一案一码)', () => {
  const serial = '6207242026031400042';

  it('opens for the path the QR code holds, with the check code when the link carries one', () => {
    expect(matchRoute(caseLinkPath(serial), '')).toEqual({ view: 'caseLink', serial, code: null });
    expect(matchRoute(`/c/${serial}/`, '?code=K7M2PQ')).toEqual({ view: 'caseLink', serial, code: 'K7M2PQ' });
  });

  it('is no case link for anything but 19 digits', () => {
    for (const path of ['/c/620724202603140004', '/c/62072420260314000421', '/c/abc', `/c/${serial}/x`, '/c'])
      expect(matchRoute(path, '').view, path).toBe('notFound');
  });

  it('is open without a session and while the session is asked for (the view itself sends a signed-in viewer on)', () => {
    for (const state of ['signedOut', 'loading', 'unreachable'] as const)
      expect(routeGate('caseLink', { state, role: null, expired: false })).toBe('open');
    expect(routeGate('caseLink', { state: 'signedIn', role: 'wall', expired: false })).toBe('open');
  });
});
