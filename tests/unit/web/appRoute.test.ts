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
});
