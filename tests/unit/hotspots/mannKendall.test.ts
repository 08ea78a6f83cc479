import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { mannKendall } from '../../../server/src/domain/hotspots/mannKendall.js';
import { twoSidedNormalP } from '../../../server/src/domain/hotspots/normalTail.js';

interface MkCase {
  name: string;
  series: number[];
  S: number;
  tau: number;
  z: number;
  p: number;
}

/** Made by scripts/fixtures/hotspots.R: cor.test(seq_along(x), x, method = "kendall", exact = FALSE, continuity = TRUE). */
const golden = JSON.parse(
  readFileSync(new URL('../../fixtures/hotspots/mannKendall.json', import.meta.url), 'utf8'),
) as { cases: MkCase[] };

const relative = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);

describe('mannKendall', () => {
  it.each(golden.cases.map((c) => [c.name, c] as const))('equals base R cor.test (kendall): %s', (_, c) => {
    const trend = mannKendall(c.series);
    expect(trend.S).toBe(c.S);
    expect(trend.tau).toBeCloseTo(c.tau, 13);
    expect(relative(trend.z, c.z)).toBeLessThan(1e-12);
    expect(relative(trend.p, c.p)).toBeLessThan(1e-10);
  });

  it('the fixture has ties where the tie correction matters', () => {
    const tied = golden.cases.filter((c) => new Set(c.series).size < c.series.length);
    expect(tied.length).toBeGreaterThanOrEqual(2);
  });

  it('a series without spread has no trend: S = 0, p = 1', () => {
    expect(mannKendall(new Array<number>(52).fill(0))).toMatchObject({ S: 0, tau: 0, z: 0, p: 1 });
  });

  it('a strictly rising series has S = n(n−1)/2 and tau = 1', () => {
    const trend = mannKendall(Array.from({ length: 52 }, (_, i) => i / 10));
    expect(trend.S).toBe(1326);
    expect(trend.tau).toBe(1);
    expect(trend.p).toBeLessThan(1e-15);
  });
});

describe('twoSidedNormalP', () => {
  it('is 1 at 0, 0.05 at the 97.5 % quantile and symmetric', () => {
    expect(twoSidedNormalP(0)).toBe(1);
    expect(twoSidedNormalP(1.959963984540054)).toBeCloseTo(0.05, 14);
    expect(twoSidedNormalP(-2.5)).toBe(twoSidedNormalP(2.5));
  });

  it('keeps tiny tails (R: 2 * pnorm(-10) = 1.5239706048321054e-23)', () => {
    expect(relative(twoSidedNormalP(10), 1.5239706048321054e-23)).toBeLessThan(1e-12);
  });
});
