import { describe, expect, it } from 'vitest';
import { analysisWeeks, weekIndex } from '../../../server/src/domain/hotspots/analysisWeeks.js';

describe('analysisWeeks', () => {
  it('ends with the ISO week of `at` in China time, Mondays oldest first', () => {
    // Sunday 2026-12-06 20:00 UTC is Monday 2026-12-07 04:00 in China: a new week there.
    const weeks = analysisWeeks(new Date('2026-12-06T20:00:00Z'), 52);
    expect(weeks.mondays).toHaveLength(52);
    expect(weeks.mondays.at(-1)).toBe('2026-12-07');
    expect(weeks.mondays[0]).toBe('2025-12-15');
    expect(weeks.from.toISOString()).toBe('2025-12-14T16:00:00.000Z');
    expect(weeks.until.toISOString()).toBe('2026-12-06T20:00:00.000Z');
  });

  it('keeps Sunday 23:59 China time in the week that began on Monday', () => {
    const weeks = analysisWeeks(new Date('2026-12-06T15:59:00Z'), 2);
    expect(weeks.mondays).toEqual(['2026-11-23', '2026-11-30']);
  });

  it('gives every Monday exactly 7 days apart across a year end', () => {
    const weeks = analysisWeeks(new Date('2027-01-03T04:00:00Z'), 3);
    expect(weeks.mondays).toEqual(['2026-12-14', '2026-12-21', '2026-12-28']);
  });

  it('numbers an instant by the week it falls in', () => {
    const weeks = analysisWeeks(new Date('2026-12-09T04:00:00Z'), 52);
    expect(weekIndex(weeks, weeks.from)).toBe(0);
    expect(weekIndex(weeks, new Date(weeks.from.getTime() - 1))).toBe(-1);
    expect(weekIndex(weeks, new Date('2026-12-07T00:00:00+08:00'))).toBe(51);
    expect(weekIndex(weeks, new Date('2026-12-06T23:59:59+08:00'))).toBe(50);
  });
});
