import { describe, expect, it } from 'vitest';
import {
  OfficialCalendar,
  calendarWithYears,
  type BundledCalendar,
} from '../../../server/src/domain/holidayCalendar.js';
import { calendarCoverage, calendarWarning } from '../../../server/src/domain/calendarCoverage.js';
import { chinaTime } from '../../../server/src/domain/workingDays.js';

// Bundled data that knows 2025 and 2026 (2026-10-01 a holiday, 2026-09-27 a make-up Sunday), as
// chinese-days 1.5 does.
const bundled: BundledCalendar = {
  covers: (year) => year === 2025 || year === 2026,
  isWorkingDay: (date) =>
    date === '2026-09-27' || (date !== '2026-10-01' && ![0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay())),
};
const test2027 = { holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: ['2027-01-09'] };

describe('OfficialCalendar', () => {
  it('says where each day comes from: bundled, loaded or plain weekdays', () => {
    const calendar = new OfficialCalendar(bundled);
    expect(calendar.day('2026-10-01')).toEqual({ date: '2026-10-01', working: false, source: 'bundled' });
    expect(calendar.day('2026-09-27')).toEqual({ date: '2026-09-27', working: true, source: 'bundled' });
    expect(calendar.day('2027-01-01')).toEqual({ date: '2027-01-01', working: true, source: 'weekdays' }); // a Friday
    calendar.replaceLoadedYears(new Map([[2027, test2027]]));
    expect(calendar.day('2027-01-01')).toEqual({ date: '2027-01-01', working: false, source: 'loaded' });
    expect(calendar.day('2027-01-09')).toEqual({ date: '2027-01-09', working: true, source: 'loaded' }); // a Saturday worked
    expect(calendar.day('2027-01-10')).toEqual({ date: '2027-01-10', working: false, source: 'loaded' }); // a Sunday
    expect(calendar.day('2027-01-04')).toEqual({ date: '2027-01-04', working: true, source: 'loaded' });
  });

  it('lets a loaded year replace the bundled data for that whole year', () => {
    const calendar = new OfficialCalendar(bundled);
    calendar.replaceLoadedYears(new Map([[2026, { holidays: ['2026-10-02'], workdays: [] }]]));
    expect(calendar.sourceOf(2026)).toBe('loaded');
    expect(calendar.isWorkingDay('2026-10-01')).toBe(true); // the correction does not list it
    expect(calendar.isWorkingDay('2026-10-02')).toBe(false);
    expect(calendar.isWorkingDay('2026-09-27')).toBe(false); // a plain Sunday again
  });

  it('tells how far it is covered, from today', () => {
    const calendar = new OfficialCalendar(bundled);
    const today = chinaTime('2026-12-07', 9 * 60);
    expect(calendar.coveredUntil(today)).toBe('2026-12-31');
    expect(calendar.firstUncoveredDay(today)).toBe('2027-01-01');
    // Early in the year the next one need not be known yet.
    expect(calendar.firstUncoveredDay(chinaTime('2026-03-01', 9 * 60))).toBeNull();
    // Past the end: today itself is the first day counted on plain weekdays.
    expect(calendar.coveredUntil(chinaTime('2027-03-01', 9 * 60))).toBe('2026-12-31');
    expect(calendar.firstUncoveredDay(chinaTime('2027-03-01', 9 * 60))).toBe('2027-03-01');
    calendar.replaceLoadedYears(new Map([[2027, test2027]]));
    expect(calendar.coveredUntil(today)).toBe('2027-12-31');
    expect(calendar.firstUncoveredDay(today)).toBeNull();
  });

  it('tells its listeners when the loaded years change, and forgets the days it had worked out', () => {
    const calendar = new OfficialCalendar(bundled);
    expect(calendar.isWorkingDay('2027-01-01')).toBe(true);
    let changes = 0;
    const stop = calendar.onChange(() => changes++);
    calendar.replaceLoadedYears(new Map([[2027, test2027]]));
    expect(calendar.isWorkingDay('2027-01-01')).toBe(false);
    stop();
    calendar.replaceLoadedYears(new Map());
    expect(calendar.isWorkingDay('2027-01-01')).toBe(true);
    expect(changes).toBe(1);
  });

  it('uses the bundled chinese-days data by default', () => {
    const calendar = calendarWithYears(new Map());
    expect(calendar.day('2026-02-16')).toEqual({ date: '2026-02-16', working: false, source: 'bundled' }); // 除夕
    expect(calendar.sourceOf(2100)).toBe('weekdays');
  });
});

describe('calendar coverage and its warning', () => {
  it('warns within 60 days of the end, naming the year to load and how', () => {
    const calendar = new OfficialCalendar(bundled);
    const coverage = calendarCoverage(calendar, chinaTime('2026-12-07', 9 * 60));
    expect(coverage).toEqual({
      coveredUntil: '2026-12-31',
      firstUncoveredDay: '2027-01-01',
      years: [
        { year: 2025, source: 'bundled' },
        { year: 2026, source: 'bundled' },
        { year: 2027, source: 'weekdays' },
        { year: 2028, source: 'weekdays' },
      ],
    });
    const warning = calendarWarning(coverage);
    expect(warning).toContain('from 2027-01-01 deadlines count Monday–Friday only');
    expect(warning).toContain('npm run calendar -- import');
    expect(warning).toContain('/api/calendar/years/2027');
  });

  it('is silent when the next 60 days are covered', () => {
    const calendar = new OfficialCalendar(bundled);
    expect(calendarWarning(calendarCoverage(calendar, chinaTime('2026-10-01', 9 * 60)))).toBeNull();
  });
});
