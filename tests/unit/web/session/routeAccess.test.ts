import { describe, expect, it } from 'vitest';
import { ACCESS_ROLES } from '@domain/accessRole.js';
import { homePath, loginPath, mayOpen, routeGate, safeNextPath } from '../../../../web/src/lib/session/routeAccess.js';

describe('which roles may open which view', () => {
  it('opens the map to every role but the wall', () => {
    expect(ACCESS_ROLES.filter((role) => mayOpen(role, 'map'))).toEqual(ACCESS_ROLES.filter((r) => r !== 'wall'));
  });

  it('opens the report page to grid staff, village cadres, town leaders and the county admin', () => {
    expect(ACCESS_ROLES.filter((role) => mayOpen(role, 'report')).sort()).toEqual(
      ['county_admin', 'grid_staff', 'town_leader', 'village_cadre'].sort(),
    );
  });

  it('opens the wall to the wall, the county admin and town leaders, and the audit log to the auditor and the county admin', () => {
    expect(ACCESS_ROLES.filter((role) => mayOpen(role, 'wall')).sort()).toEqual(
      ['county_admin', 'town_leader', 'wall'].sort(),
    );
    expect(ACCESS_ROLES.filter((role) => mayOpen(role, 'audit')).sort()).toEqual(['auditor', 'county_admin']);
  });

  it('opens the API token page to every role but the wall (issue #16)', () => {
    expect(ACCESS_ROLES.filter((role) => !mayOpen(role, 'tokens'))).toEqual(['wall']);
  });

  it('opens the plans to planners, the county admin and town leaders (who read their town’s)', () => {
    for (const view of ['plans', 'plan']) {
      expect(ACCESS_ROLES.filter((role) => mayOpen(role, view)).sort()).toEqual(
        ['county_admin', 'planner', 'town_leader'].sort(),
      );
    }
  });

  it('opens a view it does not know yet to the roles of the map', () => {
    expect(ACCESS_ROLES.filter((role) => mayOpen(role, 'someNewView'))).toEqual(
      ACCESS_ROLES.filter((role) => mayOpen(role, 'map')),
    );
  });

  it('sends each role to a start page it may open', () => {
    for (const role of ACCESS_ROLES) {
      const home = homePath(role);
      const view = home === '/' ? 'map' : home.slice(1);
      expect(mayOpen(role, view), `${role} → ${home}`).toBe(true);
    }
    expect(homePath('wall')).toBe('/wall');
    expect(homePath('grid_staff')).toBe('/report');
  });
});

describe('the page to return to after signing in', () => {
  it('keeps paths of this app with their query', () => {
    expect(safeNextPath('/map/620724101000')).toBe('/map/620724101000');
    expect(safeNextPath('/wall?town=620724101000&rotate=60')).toBe('/wall?town=620724101000&rotate=60');
  });

  it('refuses other origins, the sign-in page itself and nonsense', () => {
    for (const next of [
      '//evil.example/x',
      '/\\evil.example',
      'https://evil.example/',
      'map',
      '',
      null,
      '/login',
      '/login?next=/',
    ]) {
      expect(safeNextPath(next), String(next)).toBeNull();
    }
  });

  it('builds /login?next=… and leaves the start page out', () => {
    expect(loginPath('/wall?town=620724101000')).toBe('/login?next=%2Fwall%3Ftown%3D620724101000');
    expect(loginPath('/')).toBe('/login');
    expect(loginPath('//evil.example')).toBe('/login');
  });
});

describe('routeGate', () => {
  const signedIn = (role: (typeof ACCESS_ROLES)[number]) => ({ state: 'signedIn' as const, role, expired: false });

  it('opens the sign-in and not-found pages to anyone, at once', () => {
    expect(routeGate('login', { state: 'loading', role: null, expired: false })).toBe('open');
    expect(routeGate('notFound', { state: 'signedOut', role: null, expired: false })).toBe('open');
  });

  it('waits for the session before opening a view, and says when the server does not answer', () => {
    expect(routeGate('map', { state: 'loading', role: null, expired: false })).toBe('loading');
    expect(routeGate('wall', { state: 'unreachable', role: null, expired: false })).toBe('unreachable');
  });

  it('asks for sign-in without a session; a wall whose session ended asks to sign in again, full screen', () => {
    expect(routeGate('map', { state: 'signedOut', role: null, expired: false })).toBe('signIn');
    expect(routeGate('map', { state: 'signedOut', role: null, expired: true })).toBe('signIn');
    expect(routeGate('wall', { state: 'signedOut', role: null, expired: false })).toBe('signIn');
    expect(routeGate('wall', { state: 'signedOut', role: null, expired: true })).toBe('signInAgain');
  });

  it('opens a view to the roles it allows and says 无权限 to the others', () => {
    expect(routeGate('audit', signedIn('auditor'))).toBe('open');
    expect(routeGate('audit', signedIn('town_leader'))).toBe('forbidden');
    expect(routeGate('map', signedIn('wall'))).toBe('forbidden');
  });
});
