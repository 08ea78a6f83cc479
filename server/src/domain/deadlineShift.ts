import { stageWarnAt } from './caseDeadline.js';
import {
  WORKDAY_END_MINUTES,
  addCalendarDays,
  chinaDate,
  chinaTime,
  endOfWorkingDaysAfter,
  type WorkingDayCalendar,
} from './workingDays.js';

export interface ShiftedClock {
  stageWarnAt: Date;
  stageDueAt: Date;
}

/** The days between two China dates after `from`, up to and including `to`, that are working days. */
export function workingDaysAfter(from: string, to: string, calendar: WorkingDayCalendar): number {
  let count = 0;
  for (let day = addCalendarDays(from, 1); day <= to; day = addCalendarDays(day, 1)) {
    if (calendar.isWorkingDay(day)) count++;
  }
  return count;
}

/**
 * A running stage's clock under a changed calendar (an administrator loaded or withdrew a year).
 * The stage keeps the number of working days it was given — the category's days plus any
 * extension, counted under the calendar in force when its deadline was set (`before`) — and they
 * are counted again under `after`: a deadline set on plain weekdays before the year's notice was
 * loaded moves past the holidays the notice names. null when nothing changes, or when the due
 * instant is not the 17:30 close of a working day under `before` (it was set by hand or by an
 * older rule, and no count of working days reproduces it).
 */
export function shiftedStageClock(
  stage: { stageStartedAt: Date; stageDueAt: Date },
  before: WorkingDayCalendar,
  after: WorkingDayCalendar,
  warnShare: number,
): ShiftedClock | null {
  const dueDate = chinaDate(stage.stageDueAt);
  if (chinaTime(dueDate, WORKDAY_END_MINUTES).getTime() !== stage.stageDueAt.getTime()) return null;
  if (!before.isWorkingDay(dueDate)) return null;
  const workingDays = workingDaysAfter(chinaDate(stage.stageStartedAt), dueDate, before);
  if (workingDays < 1) return null;
  const due = endOfWorkingDaysAfter(stage.stageStartedAt, workingDays, after);
  if (due.getTime() === stage.stageDueAt.getTime()) return null;
  return { stageDueAt: due, stageWarnAt: stageWarnAt(stage.stageStartedAt, due, warnShare, after) };
}
