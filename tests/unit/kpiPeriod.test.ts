import { describe, expect, it } from 'vitest';
import { kpiPeriod, shareOf, patrolSlotAt } from '../../server/src/domain/kpiPeriod.js';

describe('kpiPeriod', () => {
  it('starts the day and the month at midnight China time, which is 16:00 UTC the day before', () => {
    const period = kpiPeriod(new Date('2026-12-01T01:00:00Z'));
    expect(period.today).toBe('2026-12-01');
    expect(period.dayStart.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(period.monthStart.toISOString()).toBe('2026-11-30T16:00:00.000Z');
  });

  it('already counts the next China day from 16:00 UTC', () => {
    const period = kpiPeriod(new Date('2026-11-30T16:30:00Z'));
    expect(period.today).toBe('2026-12-01');
    expect(kpiPeriod(new Date('2026-11-30T15:59:59Z')).today).toBe('2026-11-30');
  });

  it('counts a patrol slot as due once its window has ended (am 11:30, pm 17:30 China time)', () => {
    expect(kpiPeriod(new Date('2026-11-22T03:29:00Z')).slotsDue).toEqual([]);
    expect(kpiPeriod(new Date('2026-11-22T03:30:00Z')).slotsDue).toEqual(['am']);
    expect(kpiPeriod(new Date('2026-11-22T09:29:59Z')).slotsDue).toEqual(['am']);
    expect(kpiPeriod(new Date('2026-11-22T09:30:00Z')).slotsDue).toEqual(['am', 'pm']);
  });

  it('starts January in the right year across the new year', () => {
    const period = kpiPeriod(new Date('2026-12-31T17:00:00Z'));
    expect(period.today).toBe('2027-01-01');
    expect(period.monthStart.toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });
});

describe('shareOf', () => {
  it('is null, not zero, when nothing was counted', () => {
    expect(shareOf(0, 0)).toBeNull();
    expect(shareOf(3, 4)).toBe(0.75);
  });
});

describe('patrolSlotAt', () => {
  it('counts a look at the cameras for the morning until 11:30 China time, for the afternoon from then on', () => {
    expect(patrolSlotAt(new Date('2026-12-06T16:00:00Z'))).toBe('am'); // 00:00 on the 7th in China
    expect(patrolSlotAt(new Date('2026-12-07T03:29:59Z'))).toBe('am'); // 11:29:59
    expect(patrolSlotAt(new Date('2026-12-07T03:30:00Z'))).toBe('pm'); // 11:30
    expect(patrolSlotAt(new Date('2026-12-07T15:59:59Z'))).toBe('pm'); // 23:59:59, a late afternoon patrol
  });
});
