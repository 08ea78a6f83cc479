import { describe, expect, it } from 'vitest';
import { matchRoute } from '../../../web/src/lib/routing/appRoute.js';

describe('matchRoute', () => {
  it('shows the county map at / and /map', () => {
    expect(matchRoute('/')).toEqual({ view: 'map', code: null });
    expect(matchRoute('/map')).toEqual({ view: 'map', code: null });
    expect(matchRoute('/map/')).toEqual({ view: 'map', code: null });
  });

  it('frames a grid given by a county, town, village or group code', () => {
    for (const code of ['620724', '620724105000', '620724105201', '620724105201003']) {
      expect(matchRoute(`/map/${code}`)).toEqual({ view: 'map', code });
    }
  });

  it('sends malformed codes and unknown paths to the not-found view with the path', () => {
    expect(matchRoute('/map/62072')).toEqual({ view: 'notFound', path: '/map/62072' });
    expect(matchRoute('/map/620724/extra')).toEqual({ view: 'notFound', path: '/map/620724/extra' });
    expect(matchRoute('/nowhere')).toEqual({ view: 'notFound', path: '/nowhere' });
  });

  it('lists plans at /plan and opens one plan by its number at /plan/:id', () => {
    expect(matchRoute('/plan')).toEqual({ view: 'plans' });
    expect(matchRoute('/plans/')).toEqual({ view: 'plans' });
    expect(matchRoute('/plan/42')).toEqual({ view: 'plan', id: '42' });
    expect(matchRoute('/plan/abc')).toEqual({ view: 'notFound', path: '/plan/abc' });
  });

  it('opens the sign-in page with the page to return to, and the audit log', () => {
    expect(matchRoute('/login', '?next=%2Fmap%2F620724101000')).toEqual({ view: 'login', next: '/map/620724101000' });
    expect(matchRoute('/login', '')).toEqual({ view: 'login', next: null });
    expect(matchRoute('/audit', '')).toEqual({ view: 'audit' });
  });

  it('opens the API token page', () => {
    expect(matchRoute('/tokens', '')).toEqual({ view: 'tokens' });
  });
});
