import { poissonCusum } from '../hotspots/cusum.js';
import { alertExplanation, type CategoryName } from './alertExplanation.js';

/**
 * The early warning of issue #15 part 5: a daily Poisson CUSUM per village over its own history.
 * Pure: no I/O.
 *
 * Parameters, and why:
 * - History: the 364 days (52 weeks) up to the day judged, as the hot spot analysis counts.
 * - Monitored: the last 35 days (5 weeks); the baseline is the village's mean daily count over the
 *   days before them (algo.cusum's `range`: the steps before it give m), floored at one case in four
 *   weeks so a village that had none does not alarm on its first.
 * - The CUSUM is Lucas's Poisson CUSUM in case units (cusum.ts with trans 'none': C_t = max(0,
 *   C_{t−1} + x_t − k)): daily counts are mostly 0 or 1, where the standardised transforms turn
 *   one case into a jump of several standard deviations. k = (μ1 − μ0) / ln(μ1/μ0) is the optimal
 *   reference value for a shift from μ0 to μ1; μ1 = 1.3 μ0 (a 30 % rise) so a village worsening
 *   over weeks is caught, not only a burst.
 * - h = 4: an alarm needs about four cases more than the baseline expects, accumulated. For a
 *   typical village (one case in three weeks) that is six cases within five weeks against two
 *   expected, under 1 % by chance (Poisson); for a busy village a sustained rise of a case a week.
 */
export const ALERT_HISTORY_DAYS = 364;
export const ALERT_WINDOW_DAYS = 35;
export const ALERT_RISE = 1.3;
export const ALERT_THRESHOLD = 4;
const MIN_BASELINE_PER_DAY = 1 / 28;

export interface VillageHistory {
  /** Cases per day, oldest first; the last day is the day judged. At least {@link ALERT_WINDOW_DAYS} + 1 days. */
  daily: readonly number[];
  /** Cases per category per day over the same days. */
  byCategory: Readonly<Record<string, readonly number[]>>;
}

export interface AlertFinding {
  /** Index into `daily` of the alarmed day. */
  dayIndex: number;
  statistic: number;
  threshold: number;
  /** Baseline cases per week. */
  baselinePerWeek: number;
  /** Cases per category in the 5 weeks ending that day (zero counts left out). */
  categories: Record<string, number>;
  explanationZh: string;
  explanationEn: string;
}

/** Lucas's reference value for a Poisson shift from `m0` to `m1` per step. */
export function poissonReference(m0: number, m1: number): number {
  return (m1 - m0) / Math.log(m1 / m0);
}

/** The alarmed days of the monitored window of one village, each explained in words. */
export function villageAlerts(history: VillageHistory, names: ReadonlyMap<string, CategoryName>): AlertFinding[] {
  const { daily } = history;
  const from = daily.length - ALERT_WINDOW_DAYS;
  if (from < 1) throw new RangeError(`villageAlerts: ${daily.length} days leave no baseline before the window`);
  const m0 = Math.max(MIN_BASELINE_PER_DAY, daily.slice(0, from).reduce((a, b) => a + b, 0) / from);
  const k = poissonReference(m0, ALERT_RISE * m0);
  const run = poissonCusum(daily, from, { k, h: ALERT_THRESHOLD, m: m0, trans: 'none' });
  const findings: AlertFinding[] = [];
  run.alarm.forEach((alarm, t) => {
    if (!alarm) return;
    const dayIndex = from + t;
    const start = dayIndex + 1 - ALERT_WINDOW_DAYS;
    const weekly = Array.from({ length: 5 }, (_, w) =>
      daily.slice(start + 7 * w, start + 7 * (w + 1)).reduce((a, b) => a + b, 0),
    );
    const categories: Record<string, number> = {};
    for (const [code, days] of Object.entries(history.byCategory)) {
      const n = days.slice(start, dayIndex + 1).reduce((a, b) => a + b, 0);
      if (n > 0) categories[code] = n;
    }
    const words = alertExplanation({ weekly, baselinePerWeek: 7 * m0, categories }, names);
    findings.push({
      dayIndex,
      statistic: run.cusum[t]!,
      threshold: ALERT_THRESHOLD,
      baselinePerWeek: 7 * m0,
      categories,
      explanationZh: words.zh,
      explanationEn: words.en,
    });
  });
  return findings;
}
