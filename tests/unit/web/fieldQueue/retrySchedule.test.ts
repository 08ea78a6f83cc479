import { describe, expect, it } from 'vitest';
import { retryAfterMs, retryDelayMs } from '../../../../web/src/lib/fieldQueue/retrySchedule.js';

describe('retryDelayMs', () => {
  it('doubles from 5 s after each failure, between half and all of the ceiling', () => {
    expect(retryDelayMs(1, { random: () => 0 })).toBe(2_500);
    expect(retryDelayMs(1, { random: () => 0.999999 })).toBe(5_000);
    expect(retryDelayMs(2, { random: () => 0 })).toBe(5_000);
    expect(retryDelayMs(3, { random: () => 0.5 })).toBe(15_000);
  });

  it('never waits more than 5 minutes however often it failed', () => {
    expect(retryDelayMs(40, { random: () => 0.999999 })).toBe(300_000);
    expect(retryDelayMs(1000, { random: () => 0 })).toBe(150_000);
  });

  it('waits at least what the server asked in Retry-After', () => {
    expect(retryDelayMs(1, { retryAfter: '60', random: () => 0 })).toBe(60_000);
    const now = Date.parse('2026-12-08T00:00:00Z');
    expect(retryDelayMs(1, { retryAfter: 'Tue, 08 Dec 2026 00:02:00 GMT', now, random: () => 0 })).toBe(120_000);
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates, ignores what it cannot read, caps at an hour', () => {
    expect(retryAfterMs(null)).toBe(0);
    expect(retryAfterMs('soon')).toBe(0);
    expect(retryAfterMs(' 7 ')).toBe(7_000);
    expect(retryAfterMs('999999')).toBe(3_600_000);
    expect(retryAfterMs('Tue, 08 Dec 2026 00:00:00 GMT', Date.parse('2026-12-08T00:01:00Z'))).toBe(0);
  });
});
