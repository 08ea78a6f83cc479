import chineseDays from 'chinese-days';
import type { CalendarArrangement } from './calendarArrangement.js';
import { addCalendarDays, chinaDate, weekdayCalendar, type WorkingDayCalendar } from './workingDays.js';

/**
 * Where a day's working status comes from: an arrangement an administrator loaded (PUT
 * /api/calendar/years/:year, `npm run calendar -- import`), the data bundled with npm
 * `chinese-days`, or — for a year neither covers — plain Monday–Friday.
 */
export type CalendarSource = 'loaded' | 'bundled' | 'weekdays';

export interface CalendarDay {
  date: string;
  working: boolean;
  source: CalendarSource;
}

/** The bundled State Council data: npm `chinese-days` (MIT; no network; 2004 up to its release year). */
export interface BundledCalendar {
  covers(year: number): boolean;
  isWorkingDay(date: string): boolean;
}

export const chineseDaysBundle: BundledCalendar = {
  // Every year the package lists has 元旦; a year it does not know has no holiday at all.
  covers: (year) => chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0,
  isWorkingDay: (date) => chineseDays.isWorkday(date),
};

/** How many days ahead the calendar must be known before operators are warned (issue #17). */
export const COVERAGE_NOTICE_DAYS = 60;

/**
 * The official working-day calendar of 国务院办公厅关于节假日安排的通知: statutory holidays and the
 * 调休 make-up weekend workdays. A loaded year replaces the bundled data for that year (a
 * correction or a year published after the package); a year nobody covers counts Monday–Friday,
 * and {@link coveredUntil} says where that begins so it is never a silent fallback.
 */
export class OfficialCalendar implements WorkingDayCalendar {
  readonly #bundled: BundledCalendar;
  #loaded = new Map<number, { holidays: Set<string>; workdays: Set<string> }>();
  // Deadline arithmetic asks about the same few hundred dates again and again (the seed: ~100,000 times).
  readonly #days = new Map<string, CalendarDay>();
  readonly #bundledYears = new Map<number, boolean>();
  readonly #changeListeners = new Set<() => void>();

  constructor(bundled: BundledCalendar = chineseDaysBundle) {
    this.#bundled = bundled;
  }

  readonly isWorkingDay = (date: string): boolean => this.day(date).working;

  day(date: string): CalendarDay {
    let day = this.#days.get(date);
    if (day === undefined) {
      day = this.#computeDay(date);
      this.#days.set(date, day);
    }
    return day;
  }

  /** The source of a whole year: loaded wins over bundled. */
  sourceOf(year: number): CalendarSource {
    if (this.#loaded.has(year)) return 'loaded';
    return this.#bundledCovers(year) ? 'bundled' : 'weekdays';
  }

  covers(year: number): boolean {
    return this.sourceOf(year) !== 'weekdays';
  }

  /** Replaces every loaded year (the database's list, read at start and after a change). */
  replaceLoadedYears(years: ReadonlyMap<number, CalendarArrangement>): void {
    this.#loaded = new Map(
      [...years].map(([year, arrangement]) => [
        year,
        { holidays: new Set(arrangement.holidays), workdays: new Set(arrangement.workdays) },
      ]),
    );
    this.#days.clear();
    for (const listener of this.#changeListeners) listener();
  }

  /** The loaded years, as {@link replaceLoadedYears} took them. */
  loadedYears(): Map<number, CalendarArrangement> {
    return new Map(
      [...this.#loaded].map(([year, days]) => [year, { holidays: [...days.holidays], workdays: [...days.workdays] }]),
    );
  }

  /** Calls `listener` after every {@link replaceLoadedYears}; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.#changeListeners.add(listener);
    return () => this.#changeListeners.delete(listener);
  }

  /**
   * The last day of the unbroken run of covered years that contains `today`'s year (China time);
   * when today's year is not covered, the end of the last covered year before it; null if none is.
   */
  coveredUntil(today: Date = new Date()): string | null {
    let year = Number(chinaDate(today).slice(0, 4));
    if (this.covers(year)) {
      while (this.covers(year + 1)) year++;
      return `${year}-12-31`;
    }
    for (let earlier = year - 1; earlier >= year - 50; earlier--) {
      if (this.covers(earlier)) return `${earlier}-12-31`;
    }
    return null;
  }

  /**
   * The first day of the next {@link COVERAGE_NOTICE_DAYS} days the calendar does not cover, or null
   * when all of them are covered: from that day deadlines count plain weekdays.
   */
  firstUncoveredDay(now: Date = new Date()): string | null {
    const until = this.coveredUntil(now);
    const today = chinaDate(now);
    const horizon = addCalendarDays(today, COVERAGE_NOTICE_DAYS);
    if (until !== null && until >= horizon) return null;
    return until === null || until < today ? today : addCalendarDays(until, 1);
  }

  #bundledCovers(year: number): boolean {
    let covered = this.#bundledYears.get(year);
    if (covered === undefined) {
      covered = this.#bundled.covers(year);
      this.#bundledYears.set(year, covered);
    }
    return covered;
  }

  #computeDay(date: string): CalendarDay {
    const year = Number(date.slice(0, 4));
    const loaded = this.#loaded.get(year);
    if (loaded) {
      const working = loaded.workdays.has(date) || (!loaded.holidays.has(date) && weekdayCalendar.isWorkingDay(date));
      return { date, working, source: 'loaded' };
    }
    if (this.#bundledCovers(year)) return { date, working: this.#bundled.isWorkingDay(date), source: 'bundled' };
    return { date, working: weekdayCalendar.isWorkingDay(date), source: 'weekdays' };
  }
}

/** A calendar with exactly these loaded years over the bundled data. */
export function calendarWithYears(years: ReadonlyMap<number, CalendarArrangement>): OfficialCalendar {
  const calendar = new OfficialCalendar();
  calendar.replaceLoadedYears(years);
  return calendar;
}

/**
 * The process's default calendar: the seed, scripts and tests without an app. An app keeps its own
 * (`app.calendar`, routes/calendar/calendarSync.ts): the years loaded in its database, read at start
 * and again on every instance when an administrator loads or withdraws a year (the `calendar` event).
 */
export const chinaOfficialCalendar = new OfficialCalendar();

/** Whether `year` is covered (loaded or bundled) by the process's calendar. */
export function officialCalendarCovers(year: number): boolean {
  return chinaOfficialCalendar.covers(year);
}
