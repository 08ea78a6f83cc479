import chineseDays from 'chinese-days';
import { weekdayCalendar, type WorkingDayCalendar } from './workingDays.js';

/**
 * The official calendar of the State Council's 国务院办公厅关于节假日安排的通知: statutory holidays
 * and the 调休 make-up working days on weekends, from npm `chinese-days` (MIT; bundled data, no
 * network; 2004 onward, kept current each year when the notice for the next year is published,
 * usually in November). Chosen over `chinese-workday` and `holiday-calendar` because it is written
 * in TypeScript, has no dependencies, and is updated from the official notices by a maintained script.
 *
 * A year the package does not list yet counts Monday–Friday as working days; update the package
 * when the next year's notice is out (`officialCalendarCovers(year)` tells which years are listed).
 */
export const chinaOfficialCalendar: WorkingDayCalendar = {
  isWorkingDay: (date) => {
    let working = cache.get(date);
    if (working === undefined) {
      const year = Number(date.slice(0, 4));
      working = officialCalendarCovers(year) ? chineseDays.isWorkday(date) : weekdayCalendar.isWorkingDay(date);
      cache.set(date, working);
    }
    return working;
  },
};

// Deadline arithmetic asks about the same few hundred dates again and again (the seed: ~100,000 times).
const cache = new Map<string, boolean>();
const coveredYears = new Map<number, boolean>();

/** Whether the package lists the official holidays of `year` (every listed year has 元旦). */
export function officialCalendarCovers(year: number): boolean {
  let covered = coveredYears.get(year);
  if (covered === undefined) {
    covered = chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
    coveredYears.set(year, covered);
  }
  return covered;
}
