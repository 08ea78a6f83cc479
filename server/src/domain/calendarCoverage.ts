import type { CalendarSource, OfficialCalendar } from './holidayCalendar.js';
import { chinaDate } from './workingDays.js';

/** How far ahead the working-day calendar is known (contract/calendar.ts describes each field). */
export interface CalendarCoverage {
  coveredUntil: string | null;
  firstUncoveredDay: string | null;
  years: Array<{ year: number; source: CalendarSource }>;
}

/** Coverage as the API, /health and the startup check report it. */
export function calendarCoverage(calendar: OfficialCalendar, now: Date): CalendarCoverage {
  const year = Number(chinaDate(now).slice(0, 4));
  return {
    coveredUntil: calendar.coveredUntil(now),
    firstUncoveredDay: calendar.firstUncoveredDay(now),
    years: [year - 1, year, year + 1, year + 2].map((each) => ({ year: each, source: calendar.sourceOf(each) })),
  };
}

/** The operator's warning when the next 60 days are not all covered; null when they are. */
export function calendarWarning(coverage: CalendarCoverage): string | null {
  if (coverage.firstUncoveredDay === null) return null;
  const year = coverage.firstUncoveredDay.slice(0, 4);
  return (
    `the working-day calendar ends ${coverage.coveredUntil ?? 'before today'}: from ${coverage.firstUncoveredDay} deadlines ` +
    `count Monday–Friday only. Load the ${year} holiday arrangement: npm run calendar -- import <file> ` +
    `(or PUT /api/calendar/years/${year})`
  );
}
