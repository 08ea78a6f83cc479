/**
 * Working time in China: working days from a {@link WorkingDayCalendar}, working hours 08:30–17:30
 * China Standard Time (UTC+8, no daylight saving), 9 working hours a day.
 *
 * How a deadline of N working days is computed (the rule of 民法典 art. 201–203 for periods
 * counted in days, as 《行政许可法》 and local mediation rules apply it): the day the period starts
 * does not count; the period ends when office hours end (17:30) on the Nth working day after that
 * day. Entered Friday 10:00 with 1 working day → due Monday 17:30 (or the next working day when
 * Monday is a holiday; a 调休 make-up Saturday counts as a working day).
 * "Working time" between two instants is the part of it inside 08:30–17:30 on working days; the
 * 70 % warning point is 70 % of the working time from entry to due.
 */

/** Which China-local calendar dates (`YYYY-MM-DD`) are working days. */
export interface WorkingDayCalendar {
  isWorkingDay(date: string): boolean;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** China Standard Time is UTC+8 all year. */
export const CHINA_UTC_OFFSET_MS = 8 * HOUR_MS;
/** Office hours, minutes after China-local midnight. */
export const WORKDAY_START_MINUTES = 8 * 60 + 30;
export const WORKDAY_END_MINUTES = 17 * 60 + 30;
export const WORKDAY_MS = (WORKDAY_END_MINUTES - WORKDAY_START_MINUTES) * 60_000;
/** A calendar without one working day in ten years is a configuration error, not a long wait. */
const MAX_DAYS_SEARCHED = 3660;

/** The China-local calendar date of an instant, `YYYY-MM-DD`. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + CHINA_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant of China-local midnight starting `date`, in ms since the epoch. */
function chinaMidnightMs(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) - CHINA_UTC_OFFSET_MS;
}

/** The instant `date` at `minutes` past China-local midnight. */
export function chinaTime(date: string, minutes: number): Date {
  return new Date(chinaMidnightMs(date) + minutes * 60_000);
}

export function addCalendarDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** Monday to Friday, no holidays: for tests and for years no official calendar covers yet. */
export const weekdayCalendar: WorkingDayCalendar = {
  isWorkingDay: (date) => {
    const weekday = weekdayOf(date);
    return weekday !== 0 && weekday !== 6;
  },
};

/**
 * A fixed calendar: Monday–Friday, minus `holidays`, plus `makeUpWorkdays` (调休 weekend days
 * worked in exchange for a longer holiday). Tests use it to pin the rules to known dates.
 */
export function fixedCalendar(days: { holidays?: string[]; makeUpWorkdays?: string[] }): WorkingDayCalendar {
  const holidays = new Set(days.holidays ?? []);
  const makeUp = new Set(days.makeUpWorkdays ?? []);
  return {
    isWorkingDay: (date) => makeUp.has(date) || (!holidays.has(date) && weekdayCalendar.isWorkingDay(date)),
  };
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(date: string, calendar: WorkingDayCalendar): string {
  return dateOfDay(nextWorkingDayNumber(dayNumberOf(date), calendar));
}

/** The deadline of a period of `workingDays` starting at `start`: 17:30 on the Nth working day after start's day. */
export function endOfWorkingDaysAfter(start: Date, workingDays: number, calendar: WorkingDayCalendar): Date {
  if (!Number.isInteger(workingDays) || workingDays < 1) {
    throw new RangeError(`working days must be a positive integer, got ${workingDays}`);
  }
  let day = chinaDayNumber(start.getTime());
  for (let i = 0; i < workingDays; i++) day = nextWorkingDayNumber(day, calendar);
  return new Date(dayStartMs(day) + CLOSE_MS);
}

/** Working time in ms between two instants (0 when `to` is not after `from`). */
export function workingMsBetween(from: Date, to: Date, calendar: WorkingDayCalendar): number {
  const fromMs = from.getTime();
  const toMs = to.getTime();
  if (toMs <= fromMs) return 0;
  let total = 0;
  for (let day = chinaDayNumber(fromMs); dayStartMs(day) < toMs; day++) {
    if (!isWorkingDayNumber(day, calendar)) continue;
    const open = Math.max(fromMs, dayStartMs(day) + OPEN_MS);
    const close = Math.min(toMs, dayStartMs(day) + CLOSE_MS);
    if (close > open) total += close - open;
  }
  return total;
}

/**
 * The instant at which `ms` of working time has passed since `from`. Work that ends exactly at
 * closing time ends at 17:30, not at the next morning's 08:30.
 */
export function afterWorkingMs(from: Date, ms: number, calendar: WorkingDayCalendar): Date {
  if (ms <= 0) return new Date(from.getTime());
  let remaining = ms;
  const first = chinaDayNumber(from.getTime());
  for (let day = first; day < first + MAX_DAYS_SEARCHED; day++) {
    if (!isWorkingDayNumber(day, calendar)) continue;
    const open = Math.max(from.getTime(), dayStartMs(day) + OPEN_MS);
    const close = dayStartMs(day) + CLOSE_MS;
    if (close <= open) continue;
    if (close - open >= remaining) return new Date(open + remaining);
    remaining -= close - open;
  }
  throw new Error(`no working time within ${MAX_DAYS_SEARCHED} days after ${from.toISOString()}`);
}

// Deadline arithmetic runs over China-local day numbers (days since 1970-01-01 in UTC+8) rather
// than date strings: the seed computes ~100,000 deadlines.
const OPEN_MS = WORKDAY_START_MINUTES * 60_000;
const CLOSE_MS = WORKDAY_END_MINUTES * 60_000;
const dateStrings = new Map<number, string>();

function chinaDayNumber(ms: number): number {
  return Math.floor((ms + CHINA_UTC_OFFSET_MS) / DAY_MS);
}

function dayStartMs(day: number): number {
  return day * DAY_MS - CHINA_UTC_OFFSET_MS;
}

function dayNumberOf(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}

function dateOfDay(day: number): string {
  let date = dateStrings.get(day);
  if (date === undefined) {
    date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    dateStrings.set(day, date);
  }
  return date;
}

function isWorkingDayNumber(day: number, calendar: WorkingDayCalendar): boolean {
  return calendar.isWorkingDay(dateOfDay(day));
}

function nextWorkingDayNumber(day: number, calendar: WorkingDayCalendar): number {
  for (let next = day + 1; next <= day + MAX_DAYS_SEARCHED; next++) {
    if (isWorkingDayNumber(next, calendar)) return next;
  }
  throw new Error(`no working day within ${MAX_DAYS_SEARCHED} days after ${dateOfDay(day)}`);
}
