import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../server/src/seed/seededRandom.js';

describe('SeededRandom', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = new SeededRandom(620724);
    const b = new SeededRandom(620724);
    expect(Array.from({ length: 50 }, () => a.next())).toEqual(Array.from({ length: 50 }, () => b.next()));
  });

  it('gives a different sequence for another seed', () => {
    const a = new SeededRandom(1);
    const b = new SeededRandom(2);
    expect(Array.from({ length: 5 }, () => a.next())).not.toEqual(Array.from({ length: 5 }, () => b.next()));
  });

  it('keeps draws in range', () => {
    const random = new SeededRandom(7);
    for (let n = 0; n < 1000; n++) {
      const u = random.next();
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      const k = random.int(4, 12);
      expect(k).toBeGreaterThanOrEqual(4);
      expect(k).toBeLessThanOrEqual(12);
    }
  });

  it('forks streams that are themselves deterministic', () => {
    const first = new SeededRandom(9).fork();
    const second = new SeededRandom(9).fork();
    expect(first.next()).toBe(second.next());
  });
});
