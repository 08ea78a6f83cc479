/**
 * The months a village's public page counts cases over: the current month and the eleven before,
 * in China time (UTC+8 all year, no daylight saving: a fixed offset is exact). Pure: the caller
 * passes `now`.
 */
const chinaOffsetMs = 8 * 3_600_000;

export interface MonthCount {
  /** `YYYY-MM`, China time. */
  month: string;
  reported: number;
  closed: number;
}

export interface PublicMonths {
  /** Oldest first, `YYYY-MM`. */
  months: string[];
  /** 00:00 China time on the 1st of the oldest month, as an instant: where counting starts. */
  since: Date;
}

export function publicMonths(now: Date, count = 12): PublicMonths {
  const local = new Date(now.getTime() + chinaOffsetMs);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth();
  const months = Array.from({ length: count }, (_, index) => {
    const first = new Date(Date.UTC(year, month - (count - 1) + index, 1));
    return first.toISOString().slice(0, 7);
  });
  return { months, since: new Date(Date.UTC(year, month - (count - 1), 1) - chinaOffsetMs) };
}

/** Every month of `months` with its counts, 0 where `counted` has none; counts of other months are dropped. */
export function monthCounts(months: readonly string[], counted: readonly MonthCount[]): MonthCount[] {
  const byMonth = new Map(counted.map((row) => [row.month, row]));
  return months.map((month) => ({
    month,
    reported: byMonth.get(month)?.reported ?? 0,
    closed: byMonth.get(month)?.closed ?? 0,
  }));
}
