import type { PublicMonthCount } from '@contract/publicVillage.js';

/** One month's pair of bars in the chart's own units (0..height), taller for more cases. */
export interface MonthBars {
  month: string;
  /** The month number as written under the bar ("11"). */
  label: string;
  reported: { count: number; height: number };
  closed: { count: number; height: number };
}

/**
 * Bar heights for the monthly case chart: the busiest month fills `height`; a month with none
 * has no bar. Pure, so the chart component only draws.
 */
export function monthBars(counts: readonly PublicMonthCount[], height: number): MonthBars[] {
  const most = Math.max(1, ...counts.flatMap((row) => [row.reported, row.closed]));
  const scale = (count: number) => ({ count, height: (count / most) * height });
  return counts.map((row) => ({
    month: row.month,
    label: String(Number(row.month.slice(5))),
    reported: scale(row.reported),
    closed: scale(row.closed),
  }));
}
