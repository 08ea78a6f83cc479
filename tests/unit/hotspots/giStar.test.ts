import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { giStarZ } from '../../../server/src/domain/hotspots/giStar.js';

interface GiCase {
  name: string;
  counts: number[];
  neighbours: number[][];
  z: number[];
}

/** Made by scripts/fixtures/hotspots.R: spdep::localG(x, nb2listw(include.self(nb), style = "B")). */
const golden = JSON.parse(readFileSync(new URL('../../fixtures/hotspots/giStar.json', import.meta.url), 'utf8')) as {
  meta: { spdep: string };
  cases: GiCase[];
};

const withSelf = (neighbours: number[][]) => neighbours.map((list, self) => [self, ...list]);

describe('giStarZ', () => {
  it.each(golden.cases.map((c) => [c.name, c] as const))('equals spdep localG with include.self: %s', (_, c) => {
    const z = giStarZ(c.counts, withSelf(c.neighbours));
    expect(z).toHaveLength(c.z.length);
    z.forEach((value, i) => expect(value).toBeCloseTo(c.z[i]!, 11));
  });

  it('gives 0, not NaN, in a step where every location has the same count', () => {
    expect(giStarZ([0, 0, 0, 0], withSelf([[1], [0, 2], [1, 3], [2]]))).toEqual([0, 0, 0, 0]);
    expect(giStarZ([3, 3, 3], withSelf([[1], [0, 2], [1]]))).toEqual([0, 0, 0]);
  });

  it('gives 0 to a neighbourhood that is every location (no spread to compare with)', () => {
    const z = giStarZ([1, 5, 2], [[0, 1, 2], [1], [2]]);
    expect(z[0]).toBe(0);
    expect(z[1]).toBeGreaterThan(0);
  });

  it('refuses counts and neighbourhoods of different lengths', () => {
    expect(() => giStarZ([1, 2], [[0]])).toThrow(/2 counts but 1 neighbourhoods/);
  });
});
