import { describe, expect, it } from 'vitest';
import { shiftedStageClock, workingDaysAfter } from '../../../server/src/domain/deadlineShift.js';
import { stageClock, GAOTAI_CASE_DEADLINES } from '../../../server/src/domain/caseDeadline.js';
import { chinaTime, fixedCalendar, weekdayCalendar } from '../../../server/src/domain/workingDays.js';

const withNewYear = fixedCalendar({ holidays: ['2027-01-01', '2027-01-04'] });

describe('shiftedStageClock', () => {
  it('counts a deadline set on plain weekdays again over the holidays loaded later', () => {
    // Reported Thursday 31 December, 10:00, two working days at the village: Friday 1 and Monday 4
    // January on plain weekdays; both are holidays in the loaded year.
    const start = chinaTime('2026-12-31', 10 * 60);
    const clock = stageClock(start, 2, GAOTAI_CASE_DEADLINES, weekdayCalendar);
    expect(clock.stageDueAt).toEqual(chinaTime('2027-01-04', 17 * 60 + 30));
    const shifted = shiftedStageClock(clock, weekdayCalendar, withNewYear, GAOTAI_CASE_DEADLINES.warnShare);
    const expected = stageClock(start, 2, GAOTAI_CASE_DEADLINES, withNewYear);
    expect(expected.stageDueAt).toEqual(chinaTime('2027-01-06', 17 * 60 + 30));
    expect(shifted).toEqual({ stageDueAt: expected.stageDueAt, stageWarnAt: expected.stageWarnAt });
  });

  it('keeps an extension: the stage keeps every working day it was given', () => {
    const start = chinaTime('2026-12-30', 9 * 60);
    // 2 days + 3 extended = 5 working days on plain weekdays: 31 Dec, 1, 4, 5, 6 January.
    const due = chinaTime('2027-01-06', 17 * 60 + 30);
    expect(workingDaysAfter('2026-12-30', '2027-01-06', weekdayCalendar)).toBe(5);
    const shifted = shiftedStageClock({ stageStartedAt: start, stageDueAt: due }, weekdayCalendar, withNewYear, 0.7);
    expect(shifted?.stageDueAt).toEqual(chinaTime('2027-01-08', 17 * 60 + 30));
  });

  it('moves a deadline back when a year is withdrawn', () => {
    const start = chinaTime('2026-12-31', 10 * 60);
    const due = chinaTime('2027-01-06', 17 * 60 + 30);
    const shifted = shiftedStageClock({ stageStartedAt: start, stageDueAt: due }, withNewYear, weekdayCalendar, 0.7);
    expect(shifted?.stageDueAt).toEqual(chinaTime('2027-01-04', 17 * 60 + 30));
  });

  it('leaves alone a stage the change does not touch, and a due instant no count reproduces', () => {
    const start = chinaTime('2027-01-11', 10 * 60);
    const due = chinaTime('2027-01-13', 17 * 60 + 30);
    expect(shiftedStageClock({ stageStartedAt: start, stageDueAt: due }, weekdayCalendar, withNewYear, 0.7)).toBeNull();
    const byHand = chinaTime('2027-01-04', 12 * 60);
    expect(
      shiftedStageClock(
        { stageStartedAt: chinaTime('2026-12-31', 10 * 60), stageDueAt: byHand },
        weekdayCalendar,
        withNewYear,
        0.7,
      ),
    ).toBeNull();
  });
});
