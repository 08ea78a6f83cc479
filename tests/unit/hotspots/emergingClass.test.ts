import { describe, expect, it } from 'vitest';
import { emergingClass } from '../../../server/src/domain/hotspots/emergingClass.js';
import { emergingHotSpots } from '../../../server/src/domain/hotspots/emergingHotSpots.js';
import { mannKendall } from '../../../server/src/domain/hotspots/mannKendall.js';
import type { EmergingClassId } from '../../../server/src/contract/hotspots.js';

const WEEKS = 52;
const HOT = 3;
const COLD = -3;
/** Not significant at either sign (|z| < 1.96). */
const CALM = 0.4;

/** A z series: `base` everywhere, `z` in the weeks `at` selects. */
function series(base: number, z: number, at: (week: number) => boolean): number[] {
  return Array.from({ length: WEEKS }, (_, week) => (at(week) ? z : base));
}

/** A small wiggle that keeps a series' trend insignificant (alternating, no monotone drift). */
const wiggle = (values: number[]) => values.map((value, week) => value + (week % 2 === 0 ? 0.05 : -0.05));

function classOf(z: number[]): EmergingClassId {
  return emergingClass(z, mannKendall(z)).id;
}

describe('emergingClass: the published rules on z series', () => {
  const rising = (from: number) => Array.from({ length: WEEKS }, (_, week) => from + week * 0.05);
  const falling = (from: number) => Array.from({ length: WEEKS }, (_, week) => from - week * 0.05);
  const table: [EmergingClassId, number[], string][] = [
    ['new_hot', series(CALM, HOT, (w) => w === 51), 'hot in the final week only'],
    ['consecutive_hot', series(CALM, HOT, (w) => w >= 48), 'one final run of 4 hot weeks, nothing before'],
    ['intensifying_hot', rising(2), 'hot in every week, z rising significantly'],
    ['persistent_hot', wiggle(series(HOT, HOT, () => true)), 'hot in every week, no trend'],
    [
      'persistent_hot',
      wiggle(series(HOT, CALM, (w) => w % 10 === 3)),
      'hot in 47 of 52 weeks (90 %), final hot, no trend',
    ],
    ['diminishing_hot', falling(5), 'hot in every week, z falling significantly'],
    ['sporadic_hot', series(CALM, HOT, (w) => w % 10 === 1), 'hot on and off, final hot, never cold'],
    [
      'oscillating_hot',
      series(CALM, HOT, (w) => w === 51 || w === 30).map((z, w) => (w === 10 ? COLD : z)),
      'final hot after a cold week',
    ],
    ['oscillating_hot', series(COLD, HOT, (w) => w === 51), 'cold for 51 weeks, hot now: oscillating, not new'],
    ['historical_hot', wiggle(series(HOT, CALM, (w) => w >= 48)), 'hot 48 weeks, the last 4 calm'],
    ['new_cold', series(CALM, COLD, (w) => w === 51), 'cold in the final week only'],
    ['consecutive_cold', series(CALM, COLD, (w) => w >= 45), 'one final run of 7 cold weeks'],
    ['intensifying_cold', falling(-2), 'cold in every week, z falling (colder) significantly'],
    ['persistent_cold', wiggle(series(COLD, COLD, () => true)), 'cold in every week, no trend'],
    ['diminishing_cold', rising(-5), 'cold in every week, z rising (warmer) significantly'],
    ['sporadic_cold', series(CALM, COLD, (w) => w % 7 === 2), 'cold on and off, final cold, never hot'],
    ['oscillating_cold', series(HOT, COLD, (w) => w === 51), 'hot for 51 weeks, cold now'],
    ['historical_cold', wiggle(series(COLD, CALM, (w) => w === 51)), 'cold 51 weeks, calm in the final one'],
    ['none', wiggle(series(CALM, CALM, () => true)), 'never significant'],
    ['none', series(CALM, HOT, (w) => w % 3 === 0 && w < 50), 'often hot (17 weeks) but not lately and < 90 %'],
  ];

  it.each(table.map(([id, z, why]) => [id, why, z] as const))('%s: %s', (expected, why, z) => {
    expect(classOf(z), why).toBe(expected);
  });

  it('reaches every class', () => {
    expect(new Set(table.map(([id]) => id)).size).toBe(17);
  });

  it('counts 47 of 52 weeks as 90 % and 46 as less', () => {
    expect(classOf(wiggle(series(HOT, CALM, (w) => w % 10 === 3)))).toBe('persistent_hot');
    expect(classOf(wiggle(series(HOT, CALM, (w) => w % 10 === 3 || w === 25)))).toBe('sporadic_hot');
  });

  it('takes |z| ≥ 1.96 as significant at 95 % and 1.95 as not', () => {
    expect(classOf(series(CALM, 1.96, (w) => w === 51))).toBe('new_hot');
    expect(classOf(series(CALM, 1.95, (w) => w === 51))).toBe('none');
  });
});

/**
 * A synthetic cube: a 9 × 9 lattice with queen neighbours, a background whose weekly mean and
 * spread stay the same (every value 0–3, shifted by the week), and one pattern planted on the 3 × 3
 * block around the centre. The centre's class must be the planted one.
 */
describe('emergingHotSpots: planted patterns on a synthetic cube', () => {
  const side = 9;
  const cells = side * side;
  const centre = 4 * side + 4;
  const block = new Set([-1, 0, 1].flatMap((dr) => [-1, 0, 1].map((dc) => centre + dr * side + dc)));
  const neighbours = Array.from({ length: cells }, (_, i) => {
    const [r, c] = [Math.floor(i / side), i % side];
    const list: number[] = [];
    for (let dr = -1; dr <= 1; dr++)
      for (let dc = -1; dc <= 1; dc++) {
        const [nr, nc] = [r + dr, c + dc];
        if ((dr || dc) && nr >= 0 && nr < side && nc >= 0 && nc < side) list.push(nr * side + nc);
      }
    return list;
  });
  const background = (cell: number, week: number) => (3 * (cell + week)) % 4;

  /** The centre's class when the block's count in a week is `planted(week, backgroundCount)`. */
  function centreClass(planted: (week: number, count: number) => number, others = background): EmergingClassId {
    const counts = Array.from({ length: cells }, (_, cell) =>
      Array.from({ length: WEEKS }, (_, week) =>
        block.has(cell) ? planted(week, background(cell, week)) : others(cell, week),
      ),
    );
    return emergingHotSpots({ counts, neighbours })[centre]!.class;
  }

  const cube: [EmergingClassId, (week: number, count: number) => number][] = [
    ['none', (_, count) => count],
    ['new_hot', (week, count) => count + (week === 51 ? 10 : 0)],
    ['consecutive_hot', (week, count) => count + (week >= 47 ? 10 : 0)],
    ['sporadic_hot', (week, count) => count + (week % 12 === 3 ? 10 : 0)],
    ['persistent_hot', (_, count) => count + 8],
    ['intensifying_hot', (week, count) => count + 3 + week / 5],
    ['diminishing_hot', (week, count) => count + 14 - week / 5],
    ['historical_hot', (week, count) => count + (week < 48 ? 10 : 0)],
    ['oscillating_hot', (week, count) => (week >= 10 && week < 16 ? 0 : count + (week === 51 ? 10 : 0))],
    ['new_cold', (week, count) => (week === 51 ? 0 : count)],
    ['persistent_cold', () => 0],
    ['historical_cold', (week, count) => (week < 50 ? 0 : count)],
  ];

  it.each(cube)('plants %s', (expected, planted) => {
    expect(centreClass(planted)).toBe(expected);
  });

  it('plants intensifying and diminishing cold spots by a background that rises or falls around an empty block', () => {
    const risingAround = (cell: number, week: number) => background(cell, week) + week / 8;
    const fallingAround = (cell: number, week: number) => background(cell, week) + (52 - week) / 8;
    expect(centreClass(() => 0, risingAround)).toBe('intensifying_cold');
    expect(centreClass(() => 0, fallingAround)).toBe('diminishing_cold');
  });
});
