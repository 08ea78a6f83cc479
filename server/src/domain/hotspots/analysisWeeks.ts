import { addCalendarDays, chinaDate, chinaTime, weekdayOf } from '../workingDays.js';

const WEEK_MS = 7 * 86_400_000;

/** The weeks an analysis counts over: ISO weeks (Monday to Sunday, China time), the week of `at` last. */
export interface AnalysisWeeks {
  /** The Monday of each week as a China date, oldest first. */
  mondays: string[];
  /** 00:00 China time on the first Monday: counting starts here. */
  from: Date;
  /** Counting stops here (exclusive): `at` itself, inside the last week. */
  until: Date;
}

/**
 * The `count` ISO weeks ending with the week that holds `at`, in China time (UTC+8 all year, so
 * every week is exactly 7 × 24 h and a report's week is ⌊(reported − from) / 7 d⌋). Pure.
 */
export function analysisWeeks(at: Date, count: number): AnalysisWeeks {
  const today = chinaDate(at);
  const thisMonday = addCalendarDays(today, -((weekdayOf(today) + 6) % 7));
  const first = addCalendarDays(thisMonday, -7 * (count - 1));
  const mondays = Array.from({ length: count }, (_, week) => addCalendarDays(first, 7 * week));
  return { mondays, from: chinaTime(first, 0), until: at };
}

/** The index of the week an instant falls in (may be outside 0..count − 1). */
export function weekIndex(weeks: AnalysisWeeks, at: Date): number {
  return Math.floor((at.getTime() - weeks.from.getTime()) / WEEK_MS);
}
