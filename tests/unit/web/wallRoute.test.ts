import { describe, expect, it } from 'vitest';
import { matchRoute } from '../../../web/src/lib/routing/appRoute.js';
import { deadlineNow } from '../../../web/src/features/wall/wallDeadline.js';
import { touredLevel } from '../../../web/src/features/wall/wallPlaces.js';

describe('matchRoute for /wall', () => {
  it('reads the town and the rotation period from the query', () => {
    expect(matchRoute('/wall', '?town=620724101000&rotate=60')).toEqual({
      view: 'wall',
      town: '620724101000',
      county: null,
      rotateSeconds: 60,
    });
    expect(matchRoute('/wall/', '')).toEqual({ view: 'wall', town: null, county: null, rotateSeconds: null });
  });

  it('reads a county in its 6- or 12-digit form (#12: a prefecture wall shows one county)', () => {
    expect(matchRoute('/wall', '?county=620723')).toMatchObject({ view: 'wall', county: '620723' });
    expect(matchRoute('/wall', '?county=620723000000&rotate=30')).toMatchObject({
      county: '620723000000',
      rotateSeconds: 30,
    });
  });

  it('ignores a malformed town or county and a rotation shorter than ten seconds', () => {
    expect(matchRoute('/wall', '?town=abc&rotate=2')).toEqual({
      view: 'wall',
      town: null,
      county: null,
      rotateSeconds: null,
    });
    expect(matchRoute('/wall', '?county=620723101000')).toMatchObject({ county: null });
    expect(matchRoute('/wall', '?county=6207')).toMatchObject({ county: null });
  });
});

describe('deadlineNow', () => {
  const warn = '2026-11-20T06:00:00.000Z';
  const due = '2026-11-22T09:30:00.000Z';
  it('turns a case yellow at its warn point and red once its stage deadline passes, without asking the server', () => {
    expect(deadlineNow('green', warn, due, Date.parse(warn) - 1)).toBe('green');
    expect(deadlineNow('green', warn, due, Date.parse(warn))).toBe('yellow');
    expect(deadlineNow('yellow', warn, due, Date.parse(due) - 1)).toBe('yellow');
    expect(deadlineNow('yellow', warn, due, Date.parse(due) + 1)).toBe('red');
  });
  it("keeps the server's state when the case has no deadline instants", () => {
    expect(deadlineNow('green', null, null, Date.parse(due) + 1)).toBe('green');
    expect(deadlineNow('yellow', null, null, 0)).toBe('yellow');
  });
});

describe('touredLevel', () => {
  it('tours a prefecture’s counties and a county’s towns, and nothing below a county (#12)', () => {
    expect(touredLevel('prefecture')).toBe('county');
    expect(touredLevel('county')).toBe('town');
    expect(touredLevel('town')).toBeNull();
    expect(touredLevel('village')).toBeNull();
  });
});
