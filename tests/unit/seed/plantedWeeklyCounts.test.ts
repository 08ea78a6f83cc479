import { describe, expect, it } from 'vitest';
import { plantedWeeklyCounts } from '../../../server/src/seed/plantedHotspots.js';

/** The planted clusters' weekly counts (server/src/seed/plantedHotspots.ts). */
describe('plantedWeeklyCounts', () => {
  it('rises for the intensifying cluster and falls for the diminishing one, week by week', () => {
    const up = plantedWeeklyCounts('intensifying', 52, 1, 1);
    const down = plantedWeeklyCounts('diminishing', 52, 1, 1);
    expect([up[0], up[51]]).toEqual([6, 16]);
    // The last whole week before the running one; the running week keeps its floor (below).
    expect([down[0], down[50]]).toEqual([16, 6]);
    for (let week = 1; week < 51; week++) {
      expect(up[week]!).toBeGreaterThanOrEqual(up[week - 1]!);
      expect(down[week]!).toBeLessThanOrEqual(down[week - 1]!);
    }
  });

  it('plants the new cluster in the last week only', () => {
    const counts = plantedWeeklyCounts('new', 52, 1, 1);
    expect(counts.slice(0, 51).every((n) => n === 0)).toBe(true);
    expect(counts[51]).toBe(14);
  });

  it('gives every cluster at least 8 in a week only just begun, whatever its rate', () => {
    for (const kind of ['intensifying', 'diminishing', 'new'] as const) {
      expect(plantedWeeklyCounts(kind, 52, 0.01, 1)[51]).toBe(8);
      expect(plantedWeeklyCounts(kind, 52, 0.01, 0.2)[51]).toBe(8);
    }
    // Late in the week the rate rules again.
    expect(plantedWeeklyCounts('intensifying', 52, 0.9, 1)[51]).toBe(14);
  });
});
