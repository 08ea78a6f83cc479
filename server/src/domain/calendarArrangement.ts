import { weekdayOf } from './workingDays.js';

/**
 * One year's arrangement as the State Council's 国务院办公厅关于节假日安排的通知 publishes it: the
 * statutory holiday dates (weekend days inside a holiday included) and the 调休 make-up working
 * days, which are always a Saturday or a Sunday. Pure: no I/O.
 */
export interface CalendarArrangement {
  holidays: string[];
  workdays: string[];
}

export type ArrangementCheck = { ok: true; arrangement: CalendarArrangement } | { ok: false; problem: string };

/** The first and last year an arrangement may be given for (the bundled data starts in 2004). */
export const FIRST_CALENDAR_YEAR = 2004;
export const LAST_CALENDAR_YEAR = 2100;

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written `YYYY-MM-DD` (2027-02-30 is not one). */
export function isCalendarDate(text: string): boolean {
  const match = datePattern.exec(text);
  if (!match) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/**
 * Checks an arrangement for `year` and returns it sorted and without repeats. Refused: a date that
 * is not a real `YYYY-MM-DD` date, a date outside the year, a day listed both as holiday and as
 * workday, a make-up workday on a Monday–Friday (it would change nothing: the notice only moves
 * weekend days), and a year without any holiday (every year has 元旦 and 春节; an empty list is a
 * file read wrongly, and it would mark the year as covered).
 */
export function checkArrangement(year: number, input: CalendarArrangement): ArrangementCheck {
  if (!Number.isInteger(year) || year < FIRST_CALENDAR_YEAR || year > LAST_CALENDAR_YEAR) {
    return { ok: false, problem: `year must be ${FIRST_CALENDAR_YEAR}–${LAST_CALENDAR_YEAR}, got ${year}` };
  }
  for (const [list, name] of [
    [input.holidays, 'holidays'],
    [input.workdays, 'workdays'],
  ] as const) {
    for (const date of list) {
      if (!isCalendarDate(date)) return { ok: false, problem: `${name}: "${date}" is not a date (YYYY-MM-DD)` };
      if (Number(date.slice(0, 4)) !== year) return { ok: false, problem: `${name}: ${date} is not in ${year}` };
    }
  }
  const holidays = [...new Set(input.holidays)].sort();
  const workdays = [...new Set(input.workdays)].sort();
  if (holidays.length === 0) return { ok: false, problem: `holidays: the ${year} arrangement lists no holiday` };
  const holidaySet = new Set(holidays);
  const both = workdays.find((date) => holidaySet.has(date));
  if (both) return { ok: false, problem: `${both} is listed both as a holiday and as a workday` };
  const weekday = workdays.find((date) => weekdayOf(date) !== 0 && weekdayOf(date) !== 6);
  if (weekday)
    return { ok: false, problem: `workdays: ${weekday} is a Monday–Friday; make-up workdays are weekend days` };
  return { ok: true, arrangement: { holidays, workdays } };
}
