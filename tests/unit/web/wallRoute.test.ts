import { describe, expect, it } from 'vitest';
import { matchRoute } from '../../../web/src/lib/routing/appRoute.js';
import { deadlineNow } from '../../../web/src/components/wall/wallDeadline.js';

describe('matchRoute for /wall', () => {
  it('reads the town and the rotation period from the query', () => {
    expect(matchRoute('/wall', '?town=620724101000&rotate=60')).toEqual({ view: 'wall', town: '620724101000', rotateSeconds: 60 });
    expect(matchRoute('/wall/', '')).toEqual({ view: 'wall', town: null, rotateSeconds: null });
  });

  it('ignores a malformed town and a rotation shorter than ten seconds', () => {
    expect(matchRoute('/wall', '?town=abc&rotate=2')).toEqual({ view: 'wall', town: null, rotateSeconds: null });
  });
});

describe('deadlineNow', () => {
  const due = '2026-11-22T09:30:00.000Z';
  it('turns a case red once its stage deadline passes, without asking the server', () => {
    expect(deadlineNow('yellow', due, Date.parse(due) - 1)).toBe('yellow');
    expect(deadlineNow('yellow', due, Date.parse(due) + 1)).toBe('red');
    expect(deadlineNow('green', null, Date.parse(due) + 1)).toBe('green');
  });
});
