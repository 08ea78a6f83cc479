import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { poissonCusum, type CusumTransform } from '../../../server/src/domain/hotspots/cusum.js';

interface CusumCase {
  name: string;
  observed: number[];
  from: number;
  k: number;
  h: number;
  m: number | null;
  trans: CusumTransform;
  cusum: number[];
  alarm: boolean[];
  upperbound: number[];
  usedM: number;
}

/** Made by scripts/fixtures/cusum.R: surveillance::algo.cusum. */
const golden = JSON.parse(readFileSync(new URL('../../fixtures/hotspots/cusum.json', import.meta.url), 'utf8')) as {
  cases: CusumCase[];
};

describe('poissonCusum', () => {
  it.each(golden.cases.map((c) => [c.name, c] as const))('equals surveillance::algo.cusum: %s', (_, c) => {
    const result = poissonCusum(c.observed, c.from, {
      k: c.k,
      h: c.h,
      trans: c.trans,
      ...(c.m === null ? {} : { m: c.m }),
    });
    expect(result.m).toBeCloseTo(c.usedM, 12);
    expect(result.alarm).toEqual(c.alarm);
    expect(result.cusum).toHaveLength(c.cusum.length);
    result.cusum.forEach((value, t) => expect(value).toBeCloseTo(c.cusum[t]!, 10));
    result.upperbound.forEach((value, t) => expect(value).toBeCloseTo(c.upperbound[t]!, 8));
  });

  it('the fixture raises alarms in the outbreak and none at the steady rate', () => {
    expect(golden.cases.find((c) => c.name.startsWith('an outbreak in'))!.alarm).toContain(true);
    expect(golden.cases.find((c) => c.name.startsWith('steady'))!.alarm.filter(Boolean).length).toBeLessThan(3);
  });

  it('refuses a start that leaves no baseline or nothing to monitor', () => {
    expect(() => poissonCusum([1, 2, 3], 0)).toThrow(/baseline/);
    expect(() => poissonCusum([1, 2, 3], 3)).toThrow(/baseline/);
  });
});
