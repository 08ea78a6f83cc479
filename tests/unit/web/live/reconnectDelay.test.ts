import { describe, expect, it } from 'vitest';
import { reconnectDelayMs } from '../../../../web/src/lib/live/reconnectDelay.js';

describe('reconnectDelayMs', () => {
  it('doubles the ceiling with each attempt, between half of it and all of it', () => {
    expect(reconnectDelayMs(0, { random: () => 0 })).toBe(250);
    expect(reconnectDelayMs(0, { random: () => 0.999999 })).toBe(500);
    expect(reconnectDelayMs(3, { random: () => 0 })).toBe(2_000);
    expect(reconnectDelayMs(3, { random: () => 0.5 })).toBe(3_000);
  });

  it('never waits longer than the cap however many attempts failed', () => {
    expect(reconnectDelayMs(40, { random: () => 0.999999 })).toBe(30_000);
    expect(reconnectDelayMs(40, { random: () => 0 })).toBe(15_000);
  });

  it('spreads walls that retry at the same attempt over different delays', () => {
    const delays = new Set(Array.from({ length: 50 }, () => reconnectDelayMs(4)));
    expect(delays.size).toBeGreaterThan(10);
  });
});
