import { kpiPeriod } from './kpiPeriod.js';

/**
 * How a count of instants up to `now` is read from the rollup timeline (migration 010): the
 * timeline counts instants per UTC hour, China day and China month, and a window from a month or
 * day boundary (or from the beginning) up to `now` is tiled exactly by whole months before this
 * month, whole days of this month before today, whole hours of today before this hour, and the
 * current hour's instants read from the base table. Each hour nests in a China day (UTC+8 is a
 * whole number of hours) and each day in a month, so the pieces neither overlap nor leave gaps.
 * Pure: the caller passes `now`.
 */
export type RollupGrain = 'hour' | 'day' | 'month';

/** Where a window starts: the beginning of time, 00:00 China time on the 1st of this month, or today. */
export type RollupSince = 'all' | 'month' | 'day';

export interface RollupRange {
  grain: RollupGrain;
  /** First bucket start included; null: from the beginning. */
  from: Date | null;
  /** Bucket starts before this are included. */
  to: Date;
}

export interface RollupWindowPlan {
  /** The whole buckets: at most 12 + 31 + 24 rows per code and series in practice. */
  ranges: RollupRange[];
  /** The instants in `[exactFrom, now]` (or `< now`) are counted in the base table. */
  exactFrom: Date;
}

const hourMs = 3_600_000;

/** The start of the UTC hour `at` is in (also the start of its China hour). */
export function hourStart(at: Date): Date {
  return new Date(Math.floor(at.getTime() / hourMs) * hourMs);
}

export function rollupWindowPlan(since: RollupSince, now: Date): RollupWindowPlan {
  const { dayStart, monthStart } = kpiPeriod(now);
  const hour = hourStart(now);
  const ranges: RollupRange[] = [];
  if (since === 'all') ranges.push({ grain: 'month', from: null, to: monthStart });
  if (since !== 'day') ranges.push({ grain: 'day', from: monthStart, to: dayStart });
  ranges.push({ grain: 'hour', from: dayStart, to: hour });
  return { ranges: ranges.filter((range) => range.from === null || range.from < range.to), exactFrom: hour };
}

/** The start of the bucket of `grain` that `at` falls in (what migration 010's gridmap_rollup_bucket computes). */
export function rollupBucket(grain: RollupGrain, at: Date): Date {
  if (grain === 'hour') return hourStart(at);
  const period = kpiPeriod(at);
  return grain === 'day' ? period.dayStart : period.monthStart;
}
