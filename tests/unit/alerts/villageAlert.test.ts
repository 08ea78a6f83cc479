import { describe, expect, it } from 'vitest';
import {
  ALERT_HISTORY_DAYS,
  ALERT_THRESHOLD,
  ALERT_WINDOW_DAYS,
  poissonReference,
  villageAlerts,
} from '../../../server/src/domain/alerts/villageAlert.js';
import { poissonCusum } from '../../../server/src/domain/hotspots/cusum.js';

const names = new Map([['land_boundary', { zh: '土地纠纷', en: 'disputes over land' }]]);
/** A history with `base` cases every `every` days, then `recent` appended. */
function history(every: number, recent: number[]): number[] {
  const daily = Array.from({ length: ALERT_HISTORY_DAYS - recent.length }, (_, d) => (d % every === 0 ? 1 : 0));
  return [...daily, ...recent];
}

describe('poissonReference', () => {
  it('is Lucas’s k = (μ1 − μ0) / ln(μ1/μ0), between the two means', () => {
    expect(poissonReference(1, 2)).toBeCloseTo(1 / Math.log(2), 12);
    const k = poissonReference(0.2, 0.26);
    expect(k).toBeGreaterThan(0.2);
    expect(k).toBeLessThan(0.26);
  });
});

describe('villageAlerts', () => {
  it('raises nothing for a village going on as it always did', () => {
    const daily = history(5, []);
    expect(villageAlerts({ daily, byCategory: { land_boundary: daily } }, names)).toEqual([]);
  });

  it('flags a sudden rise on the days the CUSUM reaches the threshold, explained from the data', () => {
    const recent = new Array<number>(ALERT_WINDOW_DAYS).fill(0);
    for (let d = 21; d < ALERT_WINDOW_DAYS; d += 2) recent[d] = 1;
    const daily = history(10, recent);
    const found = villageAlerts({ daily, byCategory: { land_boundary: daily } }, names);
    expect(found.length).toBeGreaterThan(0);
    // The same run through the CUSUM with the documented parameters.
    const from = daily.length - ALERT_WINDOW_DAYS;
    const m0 = daily.slice(0, from).reduce((a, b) => a + b, 0) / from;
    const run = poissonCusum(daily, from, {
      k: poissonReference(m0, 1.3 * m0),
      h: ALERT_THRESHOLD,
      m: m0,
      trans: 'none',
    });
    expect(found.map((f) => f.dayIndex)).toEqual(run.alarm.flatMap((alarm, t) => (alarm ? [from + t] : [])));
    const last = found.at(-1)!;
    expect(last.dayIndex).toBe(ALERT_HISTORY_DAYS - 1);
    expect(last.statistic).toBeCloseTo(run.cusum.at(-1)!, 12);
    expect(last.baselinePerWeek).toBeCloseTo(7 * m0, 12);
    expect(last.categories).toEqual({ land_boundary: 7 });
    expect(last.explanationZh).toMatch(/^近5周中有2周高于基线（7件，基线约[\d.]+件），主要为土地纠纷$/);
    expect(last.explanationEn).toMatch(
      /^2 of the last 5 weeks above baseline \(7 cases against about [\d.]+ expected\), mostly disputes over land$/,
    );
  });

  it('does not alarm on the first case of a village that had none (the baseline floor)', () => {
    const daily = new Array<number>(ALERT_HISTORY_DAYS).fill(0);
    daily[ALERT_HISTORY_DAYS - 1] = 1;
    expect(villageAlerts({ daily, byCategory: {} }, names)).toEqual([]);
  });

  it('refuses a history too short for a baseline', () => {
    expect(() => villageAlerts({ daily: new Array(ALERT_WINDOW_DAYS).fill(0), byCategory: {} }, names)).toThrow(
      RangeError,
    );
  });
});
