import { describe, expect, it } from 'vitest';
import {
  autoEscalationAt,
  caseDeadlineState,
  GAOTAI_CASE_DEADLINES,
  stageClock,
  stageWorkingDays,
  withCategoryDeadlines,
} from '../../server/src/domain/caseDeadline.js';
import { fixedCalendar, weekdayCalendar } from '../../server/src/domain/workingDays.js';

const china = (local: string) => new Date(`${local}+08:00`);
const nationalDay2025 = fixedCalendar({
  holidays: ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08'],
  makeUpWorkdays: ['2025-09-28', '2025-10-11'],
});

describe('GAOTAI_CASE_DEADLINES', () => {
  it('gives the four-level seven-day method: group 1, village 2, justice office 2, centre 2', () => {
    expect(GAOTAI_CASE_DEADLINES.stageWorkingDays).toEqual({ group: 1, village: 2, town_justice: 2, town_centre: 2 });
    const total = Object.values(GAOTAI_CASE_DEADLINES.stageWorkingDays).reduce((a, b) => a + b, 0);
    expect(total).toBe(7);
  });
});

describe('withCategoryDeadlines', () => {
  it('takes per-level days from an object or an array in level order', () => {
    const config = withCategoryDeadlines([
      { code: 'land_acquisition', sla_days: { town_centre: 5 } },
      { code: 'labour_wages', sla_days: [1, 3, 3, 4] },
    ]);
    expect(stageWorkingDays(config, 'land_acquisition', 'town_centre')).toBe(5);
    expect(stageWorkingDays(config, 'land_acquisition', 'village')).toBe(2);
    expect(stageWorkingDays(config, 'labour_wages', 'village')).toBe(3);
    expect(stageWorkingDays(config, 'labour_wages', 'town_centre')).toBe(4);
  });

  it('ignores shapes and numbers it cannot use and keeps the defaults', () => {
    const config = withCategoryDeadlines([
      { code: 'a', sla_days: null },
      { code: 'b', sla_days: { village: 0, town_justice: 1.5, county: 3, group: '2' } },
      { code: 'c', sla_days: 'three' },
    ]);
    expect(config.categoryStageWorkingDays).toEqual({});
    expect(stageWorkingDays(config, 'b', 'village')).toBe(2);
  });
});

describe('stageClock', () => {
  it('warns at 70 % of the working time and falls due at 17:30 of the last day', () => {
    const clock = stageClock(china('2025-11-10T08:30:00'), 1, GAOTAI_CASE_DEADLINES, weekdayCalendar);
    expect(clock.stageDueAt).toEqual(china('2025-11-11T17:30:00'));
    // 18 working hours; 70 % = 12 h 36 min: all of Monday and 3 h 36 min of Tuesday.
    expect(clock.stageWarnAt).toEqual(china('2025-11-11T12:06:00'));
  });

  it('measures the 70 % point in working time across a weekend', () => {
    const clock = stageClock(china('2025-11-14T10:00:00'), 1, GAOTAI_CASE_DEADLINES, weekdayCalendar);
    expect(clock.stageDueAt).toEqual(china('2025-11-17T17:30:00'));
    // 16.5 working hours; 70 % = 11 h 33 min: 7 h 30 min on Friday, 4 h 03 min on Monday.
    expect(clock.stageWarnAt).toEqual(china('2025-11-17T12:33:00'));
  });

  it('lets a stage entered during a national holiday start after it', () => {
    const clock = stageClock(china('2025-10-04T10:00:00'), 2, GAOTAI_CASE_DEADLINES, nationalDay2025);
    expect(clock.stageDueAt).toEqual(china('2025-10-10T17:30:00'));
    expect(clock.stageWarnAt).toEqual(china('2025-10-10T12:06:00'));
  });

  it('falls due on a make-up Saturday', () => {
    const clock = stageClock(china('2025-10-10T09:00:00'), 1, GAOTAI_CASE_DEADLINES, nationalDay2025);
    expect(clock.stageDueAt).toEqual(china('2025-10-11T17:30:00'));
  });
});

describe('autoEscalationAt', () => {
  it('allows four working hours of grace after the due instant', () => {
    expect(autoEscalationAt(china('2025-11-14T17:30:00'), GAOTAI_CASE_DEADLINES, weekdayCalendar)).toEqual(
      china('2025-11-17T12:30:00'),
    );
  });
});

describe('caseDeadlineState', () => {
  const stage = {
    status: 'mediating',
    stageWarnAt: china('2025-11-11T12:06:00'),
    stageDueAt: china('2025-11-11T17:30:00'),
  };

  it('is green before the warning point', () => {
    expect(caseDeadlineState(stage, china('2025-11-11T12:05:59'))).toBe('green');
  });

  it('is yellow from the 70 % point up to and including the due instant', () => {
    expect(caseDeadlineState(stage, china('2025-11-11T12:06:00'))).toBe('yellow');
    expect(caseDeadlineState(stage, china('2025-11-11T17:30:00'))).toBe('yellow');
  });

  it('is red once overdue', () => {
    expect(caseDeadlineState(stage, china('2025-11-11T17:30:01'))).toBe('red');
  });

  it('is green for a case whose clock has stopped', () => {
    expect(caseDeadlineState({ ...stage, status: 'closed' }, china('2025-12-01T09:00:00'))).toBe('green');
    expect(caseDeadlineState({ stageWarnAt: null, stageDueAt: null }, china('2025-12-01T09:00:00'))).toBe('green');
  });
});
