import { describe, expect, it } from 'vitest';
import { matchRoute } from '../../../web/src/lib/routing/appRoute.js';
import { routeGate } from '../../../web/src/lib/session/routeAccess.js';
import { monthBars } from '../../../web/src/features/publicVillage/villageMonthBars.js';

describe('the public village page /p/<code> (一村一码)', () => {
  it('opens for a 12-digit village code and for nothing else', () => {
    expect(matchRoute('/p/620724105201', '')).toEqual({ view: 'publicVillage', code: '620724105201' });
    expect(matchRoute('/p/620724105201/', '')).toEqual({ view: 'publicVillage', code: '620724105201' });
    for (const path of ['/p/62072410520', '/p/620724105201003', '/p/abc', '/p/620724105201/x', '/p'])
      expect(matchRoute(path, '').view, path).toBe('notFound');
  });

  it('is open with no session at all, while the session is still being asked for, and when it is unreachable', () => {
    for (const state of ['signedOut', 'loading', 'unreachable'] as const)
      expect(routeGate('publicVillage', { state, role: null, expired: false })).toBe('open');
    expect(routeGate('report', { state: 'signedOut', role: null, expired: false })).toBe('signIn');
  });
});

describe('monthBars', () => {
  it('gives the busiest month the whole height and a month with no case no bar', () => {
    const bars = monthBars(
      [
        { month: '2026-10', reported: 0, closed: 0 },
        { month: '2026-11', reported: 8, closed: 2 },
      ],
      120,
    );
    expect(bars.map((bar) => bar.label)).toEqual(['10', '11']);
    expect(bars[0]!.reported.height).toBe(0);
    expect(bars[1]!.reported).toEqual({ count: 8, height: 120 });
    expect(bars[1]!.closed).toEqual({ count: 2, height: 30 });
  });

  it('draws twelve empty months without dividing by zero', () => {
    const bars = monthBars(
      Array.from({ length: 12 }, (_, index) => ({
        month: `2026-${String(index + 1).padStart(2, '0')}`,
        reported: 0,
        closed: 0,
      })),
      120,
    );
    expect(bars.every((bar) => bar.reported.height === 0 && bar.closed.height === 0)).toBe(true);
  });
});
