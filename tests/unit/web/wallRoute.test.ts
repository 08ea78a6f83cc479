import { describe, expect, it } from 'vitest';
import { matchRoute } from '../../../web/src/lib/routing/appRoute.js';
import { deadlineNow } from '../../../web/src/features/wall/wallDeadline.js';

describe('matchRoute for /wall', () => {
  it('reads the town and the rotation period from the query', () => {
    expect(matchRoute('/wall', '?town=620724101000&rotate=60')).toEqual({
      view: 'wall',
      town: '620724101000',
      rotateSeconds: 60,
    });
    expect(matchRoute('/wall/', '')).toEqual({ view: 'wall', town: null, rotateSeconds: null });
  });

  it('ignores a malformed town and a rotation shorter than ten seconds', () => {
    expect(matchRoute('/wall', '?town=abc&rotate=2')).toEqual({ view: 'wall', town: null, rotateSeconds: null });
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
