import { describe, expect, it } from 'vitest';
import { scaleBarFor } from '../../../server/src/domain/boards/scaleBar.js';

describe('scaleBarFor', () => {
  it('picks the longest 1, 2 or 5 × 10ⁿ metres that fits', () => {
    // 2.5 m a point, 200 pt at most: 500 m ≤ 500 m.
    expect(scaleBarFor(2.5, 200)).toEqual({ metres: 500, points: 200, label: '500 米' });
    // 999 m fit: 500 m.
    expect(scaleBarFor(4.995, 200)).toMatchObject({ metres: 500, label: '500 米' });
    expect(scaleBarFor(11, 200)).toMatchObject({ metres: 2000, label: '2 公里' });
    expect(scaleBarFor(0.6, 200)).toMatchObject({ metres: 100, label: '100 米' });
  });

  it('never draws longer than asked', () => {
    for (const scale of [0.013, 0.37, 1, 3.3, 17, 123]) {
      const bar = scaleBarFor(scale, 190);
      expect(bar.points).toBeLessThanOrEqual(190);
      expect(bar.points).toBeGreaterThan(190 / 5);
      expect(bar.points * scale).toBeCloseTo(bar.metres, 6);
    }
  });

  it('refuses a scale or length that is not positive', () => {
    expect(() => scaleBarFor(0, 100)).toThrow(RangeError);
    expect(() => scaleBarFor(1, -1)).toThrow(RangeError);
  });
});
