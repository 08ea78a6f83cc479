import { describe, expect, it } from 'vitest';
import { matchRoute } from '../../../../web/src/lib/routing/appRoute.js';

describe('matchRoute for the field report page', () => {
  it('opens the report page at /report, with or without a trailing slash', () => {
    expect(matchRoute('/report')).toEqual({ view: 'report' });
    expect(matchRoute('/report/')).toEqual({ view: 'report' });
  });

  it('does not take paths below /report for the report page', () => {
    expect(matchRoute('/report/123')).toEqual({ view: 'notFound', path: '/report/123' });
  });
});
