import { describe, expect, it } from 'vitest';
import { monthCounts, publicMonths } from '../../server/src/domain/publicMonths.js';

describe('publicMonths', () => {
  it('counts the current China month and the eleven before, oldest first', () => {
    const { months, since } = publicMonths(new Date('2026-11-15T04:00:00Z'));
    expect(months).toHaveLength(12);
    expect(months[0]).toBe('2025-12');
    expect(months[11]).toBe('2026-11');
    expect(since.toISOString()).toBe('2025-11-30T16:00:00.000Z');
  });

  it('is already in the next month at 00:30 China time on the 1st (16:30 UTC the day before)', () => {
    const { months } = publicMonths(new Date('2026-11-30T16:30:00Z'));
    expect(months[11]).toBe('2026-12');
    expect(months[0]).toBe('2026-01');
  });

  it('crosses a year boundary backwards from January', () => {
    expect(publicMonths(new Date('2027-01-10T00:00:00Z'), 3).months).toEqual(['2026-11', '2026-12', '2027-01']);
  });
});

describe('monthCounts', () => {
  it('fills months without cases with zeros and drops months outside the window', () => {
    const counts = monthCounts(
      ['2026-10', '2026-11'],
      [
        { month: '2026-11', reported: 4, closed: 2 },
        { month: '2025-01', reported: 9, closed: 9 },
      ],
    );
    expect(counts).toEqual([
      { month: '2026-10', reported: 0, closed: 0 },
      { month: '2026-11', reported: 4, closed: 2 },
    ]);
  });
});
