import { describe, expect, it } from 'vitest';
import { chinaOfficialCalendar, officialCalendarCovers } from '../../server/src/domain/holidayCalendar.js';
import {
  afterWorkingMs,
  chinaDate,
  endOfWorkingDaysAfter,
  fixedCalendar,
  nextWorkingDay,
  weekdayCalendar,
  workingMsBetween,
} from '../../server/src/domain/workingDays.js';

const HOUR = 3_600_000;
const china = (local: string) => new Date(`${local}+08:00`);

/** National Day 2025 as the State Council announced it: 1–8 October off, Sunday 28 September and Saturday 11 October worked. */
const nationalDay2025 = fixedCalendar({
  holidays: ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08'],
  makeUpWorkdays: ['2025-09-28', '2025-10-11'],
});

describe('chinaDate', () => {
  it('gives the calendar date in China time, 8 hours ahead of UTC', () => {
    expect(chinaDate(new Date('2025-10-31T15:59:59Z'))).toBe('2025-10-31');
    expect(chinaDate(new Date('2025-10-31T16:00:00Z'))).toBe('2025-11-01');
  });
});

describe('fixedCalendar', () => {
  it('works Monday to Friday, not on holidays, and on make-up weekend days', () => {
    expect(nationalDay2025.isWorkingDay('2025-09-26')).toBe(true); // Friday
    expect(nationalDay2025.isWorkingDay('2025-09-27')).toBe(false); // Saturday
    expect(nationalDay2025.isWorkingDay('2025-09-28')).toBe(true); // make-up Sunday
    expect(nationalDay2025.isWorkingDay('2025-10-01')).toBe(false); // National Day, a Wednesday
    expect(nationalDay2025.isWorkingDay('2025-10-11')).toBe(true); // make-up Saturday
  });
});

describe('endOfWorkingDaysAfter', () => {
  it('does not count the starting day and ends at 17:30 on the Nth working day', () => {
    expect(endOfWorkingDaysAfter(china('2025-11-11T10:00:00'), 1, weekdayCalendar)).toEqual(
      china('2025-11-12T17:30:00'),
    );
    expect(endOfWorkingDaysAfter(china('2025-11-11T10:00:00'), 2, weekdayCalendar)).toEqual(
      china('2025-11-13T17:30:00'),
    );
  });

  it('carries a Friday report over the weekend to Monday', () => {
    expect(endOfWorkingDaysAfter(china('2025-11-14T10:00:00'), 1, weekdayCalendar)).toEqual(
      china('2025-11-17T17:30:00'),
    );
  });

  it('counts a report after closing time from the next working day like any other', () => {
    expect(endOfWorkingDaysAfter(china('2025-11-14T22:00:00'), 1, weekdayCalendar)).toEqual(
      china('2025-11-17T17:30:00'),
    );
  });

  it('skips the whole National Day holiday', () => {
    expect(endOfWorkingDaysAfter(china('2025-09-30T10:00:00'), 1, nationalDay2025)).toEqual(
      china('2025-10-09T17:30:00'),
    );
    expect(endOfWorkingDaysAfter(china('2025-10-04T10:00:00'), 2, nationalDay2025)).toEqual(
      china('2025-10-10T17:30:00'),
    );
  });

  it('counts a 调休 make-up Saturday as a working day', () => {
    expect(endOfWorkingDaysAfter(china('2025-10-10T09:00:00'), 1, nationalDay2025)).toEqual(
      china('2025-10-11T17:30:00'),
    );
    expect(endOfWorkingDaysAfter(china('2025-09-27T09:00:00'), 1, nationalDay2025)).toEqual(
      china('2025-09-28T17:30:00'),
    );
  });

  it('rejects a period that is not a whole positive number of days', () => {
    expect(() => endOfWorkingDaysAfter(china('2025-11-11T10:00:00'), 0, weekdayCalendar)).toThrow(RangeError);
    expect(() => endOfWorkingDaysAfter(china('2025-11-11T10:00:00'), 1.5, weekdayCalendar)).toThrow(RangeError);
  });
});

describe('workingMsBetween', () => {
  it('counts only 08:30–17:30 on working days', () => {
    expect(workingMsBetween(china('2025-11-14T10:00:00'), china('2025-11-17T17:30:00'), weekdayCalendar)).toBe(
      16.5 * HOUR,
    );
    expect(workingMsBetween(china('2025-11-15T06:00:00'), china('2025-11-17T09:30:00'), weekdayCalendar)).toBe(
      1 * HOUR,
    );
    expect(workingMsBetween(china('2025-09-30T17:00:00'), china('2025-10-09T09:00:00'), nationalDay2025)).toBe(
      1 * HOUR,
    );
  });

  it('is zero when the end is not after the start', () => {
    expect(workingMsBetween(china('2025-11-14T10:00:00'), china('2025-11-14T10:00:00'), weekdayCalendar)).toBe(0);
    expect(workingMsBetween(china('2025-11-14T10:00:00'), china('2025-11-13T10:00:00'), weekdayCalendar)).toBe(0);
  });
});

describe('afterWorkingMs', () => {
  it('continues on the next working morning when the day runs out', () => {
    expect(afterWorkingMs(china('2025-11-14T16:30:00'), 2 * HOUR, weekdayCalendar)).toEqual(
      china('2025-11-17T09:30:00'),
    );
  });

  it('ends at closing time, not the next morning, when the work fills the day exactly', () => {
    expect(afterWorkingMs(china('2025-11-14T16:30:00'), 1 * HOUR, weekdayCalendar)).toEqual(
      china('2025-11-14T17:30:00'),
    );
  });

  it('starts a report made before opening at 08:30', () => {
    expect(afterWorkingMs(china('2025-11-14T06:00:00'), 1 * HOUR, weekdayCalendar)).toEqual(
      china('2025-11-14T09:30:00'),
    );
  });
});

describe('nextWorkingDay', () => {
  it('finds the day after a holiday run', () => {
    expect(nextWorkingDay('2025-09-30', nationalDay2025)).toBe('2025-10-09');
  });

  it('gives up with an error on a calendar with no working days', () => {
    expect(() => nextWorkingDay('2025-01-01', { isWorkingDay: () => false })).toThrow(/no working day/);
  });
});

describe('chinaOfficialCalendar', () => {
  it('agrees with the State Council notice for National Day 2025', () => {
    for (const date of ['2025-09-28', '2025-10-09', '2025-10-11'])
      expect(chinaOfficialCalendar.isWorkingDay(date)).toBe(true);
    for (const date of ['2025-09-27', '2025-10-01', '2025-10-06', '2025-10-08']) {
      expect(chinaOfficialCalendar.isWorkingDay(date)).toBe(false);
    }
  });

  it('knows the 2026 Spring Festival and its make-up Saturdays', () => {
    expect(chinaOfficialCalendar.isWorkingDay('2026-02-14')).toBe(true); // Saturday, worked
    expect(chinaOfficialCalendar.isWorkingDay('2026-02-16')).toBe(false); // Monday, 除夕 holiday
    expect(chinaOfficialCalendar.isWorkingDay('2026-02-23')).toBe(false); // Monday, last holiday day
    expect(chinaOfficialCalendar.isWorkingDay('2026-02-28')).toBe(true); // Saturday, worked
  });

  it('covers 2025 and 2026', () => {
    expect(officialCalendarCovers(2025)).toBe(true);
    expect(officialCalendarCovers(2026)).toBe(true);
  });

  it('counts Monday to Friday in a year the package does not list', () => {
    expect(officialCalendarCovers(2100)).toBe(false);
    expect(chinaOfficialCalendar.isWorkingDay('2100-01-01')).toBe(true); // a Friday
    expect(chinaOfficialCalendar.isWorkingDay('2100-01-02')).toBe(false); // a Saturday
  });
});
