import { describe, expect, it } from 'vitest';
import type { VillageAlert } from '../../../../server/src/contract/alerts.js';
import type { LiveEventMessage } from '../../../../server/src/contract/live.js';
import { parseGridCode } from '../../../../server/src/domain/gridCode.js';
import { alertEventConcerns } from '../../../../web/src/lib/alerts/alertEventConcerns.js';
import { latestVillageAlerts } from '../../../../web/src/lib/alerts/latestVillageAlerts.js';

const alert = (village: string, day: string): VillageAlert => ({
  village,
  villageName: `村${village.slice(-3)}`,
  town: `${village.slice(0, 9)}000`,
  day,
  statistic: 5,
  threshold: 4,
  baselinePerWeek: 1,
  categories: {},
  explanation: `${village} ${day}`,
  explanationEn: `${village} ${day}`,
  computedAt: '2026-12-07T18:00:00.000Z',
});

const alertEvent = (townCode: string): LiveEventMessage => ({
  type: 'event',
  id: 1,
  at: '2026-12-07T18:00:00.000Z',
  kind: 'alert',
  townCode,
  day: '2026-12-08',
  villages: [],
});

describe('latestVillageAlerts', () => {
  it('gives each village once, with its latest alert and the number of days, in the order of the latest', () => {
    const a = '620724101201';
    const b = '620724102203';
    const lines = latestVillageAlerts([
      alert(b, '2026-12-08'),
      alert(a, '2026-12-07'),
      alert(b, '2026-12-07'),
      alert(b, '2026-12-06'),
    ]);
    expect(lines.map((line) => [line.latest.village, line.latest.day, line.days])).toEqual([
      [b, '2026-12-08', 3],
      [a, '2026-12-07', 1],
    ]);
  });
});

describe('alertEventConcerns', () => {
  const grid = (code: string) => parseGridCode(code)!;
  it('takes a town’s event for the county, the town and the town’s villages and groups, not for others', () => {
    const event = alertEvent('620724101000');
    expect(alertEventConcerns(grid('620724'), event)).toBe(true);
    expect(alertEventConcerns(grid('620724101000'), event)).toBe(true);
    expect(alertEventConcerns(grid('620724101201'), event)).toBe(true);
    expect(alertEventConcerns(grid('620724101201003'), event)).toBe(true);
    expect(alertEventConcerns(grid('620724102000'), event)).toBe(false);
    expect(alertEventConcerns(grid('620724102203'), event)).toBe(false);
    expect(alertEventConcerns(grid('620725'), event)).toBe(false);
  });
  it('ignores events of other kinds', () => {
    const event: LiveEventMessage = {
      type: 'event',
      id: 2,
      at: '2026-12-07T18:00:00.000Z',
      kind: 'calendar',
      year: 2026,
      source: 'bundled',
      movedCases: 0,
    } as LiveEventMessage;
    expect(alertEventConcerns(grid('620724'), event)).toBe(false);
  });
});
