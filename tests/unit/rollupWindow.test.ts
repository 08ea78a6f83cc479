import { describe, expect, it } from 'vitest';
import { kpiPeriod } from '../../server/src/domain/kpiPeriod.js';
import { hourStart, rollupBucket, rollupWindowPlan, type RollupSince } from '../../server/src/domain/rollupWindow.js';
import { mulberry32 } from '../../server/src/seed/seededRandom.js';

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

/** Where each window starts, computed apart from the plan. */
function windowStart(since: RollupSince, now: Date): number {
  if (since === 'all') return Number.NEGATIVE_INFINITY;
  const period = kpiPeriod(now);
  return (since === 'day' ? period.dayStart : period.monthStart).getTime();
}

/** How many times the plan counts instant `t`: once in a whole bucket, once in the exact part, or not. */
function timesCounted(since: RollupSince, now: Date, t: Date, upTo: 'before' | 'at'): number {
  const plan = rollupWindowPlan(since, now);
  let times = 0;
  for (const range of plan.ranges) {
    const bucket = rollupBucket(range.grain, t).getTime();
    if ((range.from === null || bucket >= range.from.getTime()) && bucket < range.to.getTime()) times++;
  }
  const exactEnd = upTo === 'before' ? t.getTime() < now.getTime() : t.getTime() <= now.getTime();
  if (t.getTime() >= plan.exactFrom.getTime() && exactEnd) times++;
  return times;
}

describe('rollupWindowPlan', () => {
  it('counts every instant of the window exactly once and nothing outside it, at any now', () => {
    const random = mulberry32(12);
    const base = Date.UTC(2026, 0, 1);
    for (let trial = 0; trial < 300; trial++) {
      // Any instant over two years, often right at a boundary (China midnight, a month's first hour).
      const now = new Date(base + Math.floor(random() * 730 * dayMs) - (trial % 3 === 0 ? (trial % 7) * 1000 : 0));
      for (const since of ['all', 'month', 'day'] as const) {
        for (const upTo of ['before', 'at'] as const) {
          const start = windowStart(since, now);
          const samples = [
            new Date(now.getTime()),
            new Date(now.getTime() - 1),
            new Date(now.getTime() + 1),
            hourStart(now),
            new Date(hourStart(now).getTime() - 1),
            ...Array.from({ length: 20 }, () => new Date(now.getTime() + Math.floor((random() - 0.8) * 90 * dayMs))),
          ];
          if (Number.isFinite(start)) samples.push(new Date(start), new Date(start - 1));
          for (const t of samples) {
            const inside = t.getTime() >= start && (upTo === 'before' ? t < now : t <= now);
            expect(
              timesCounted(since, now, t, upTo),
              `${since} ${upTo} now=${now.toISOString()} t=${t.toISOString()}`,
            ).toBe(inside ? 1 : 0);
          }
        }
      }
    }
  });

  it('reads at most a month range, the days of this month and the hours of today', () => {
    const now = new Date('2026-12-07T11:51:09Z'); // 19:51 China time on 7 December
    const plan = rollupWindowPlan('all', now);
    expect(plan.ranges).toEqual([
      { grain: 'month', from: null, to: new Date('2026-11-30T16:00:00Z') },
      { grain: 'day', from: new Date('2026-11-30T16:00:00Z'), to: new Date('2026-12-06T16:00:00Z') },
      { grain: 'hour', from: new Date('2026-12-06T16:00:00Z'), to: new Date('2026-12-07T11:00:00Z') },
    ]);
    expect(plan.exactFrom).toEqual(new Date('2026-12-07T11:00:00Z'));
    expect(rollupWindowPlan('day', now).ranges).toEqual([plan.ranges[2]]);
  });

  it('drops empty ranges on the first day of a month and in the first hour of a day', () => {
    const now = new Date('2026-11-30T16:20:00Z'); // 00:20 China time on 1 December
    expect(rollupWindowPlan('month', now).ranges).toEqual([]);
    expect(rollupWindowPlan('all', now).ranges).toEqual([
      { grain: 'month', from: null, to: new Date('2026-11-30T16:00:00Z') },
    ]);
  });
});

describe('rollupBucket', () => {
  it('puts an instant in its UTC hour and its China day and month', () => {
    const at = new Date('2026-11-30T16:59:59.999Z'); // 00:59 China time on 1 December
    expect(rollupBucket('hour', at)).toEqual(new Date('2026-11-30T16:00:00Z'));
    expect(rollupBucket('day', at)).toEqual(new Date('2026-11-30T16:00:00Z'));
    expect(rollupBucket('month', at)).toEqual(new Date('2026-11-30T16:00:00Z'));
    expect(rollupBucket('month', new Date('2026-11-30T15:59:59Z'))).toEqual(new Date('2026-10-31T16:00:00Z'));
  });
});
