import { describe, expect, it } from 'vitest';
import { checkArrangement, isCalendarDate } from '../../../server/src/domain/calendarArrangement.js';

// A test arrangement shaped like the State Council's notices (not the official 2027 one).
const arrangement2027 = {
  holidays: ['2027-01-01', '2027-01-02', '2027-01-03', '2027-02-06', '2027-02-07', '2027-02-08'],
  workdays: ['2027-01-30', '2027-02-20'],
};

describe('isCalendarDate', () => {
  it('takes real YYYY-MM-DD dates only', () => {
    expect(isCalendarDate('2027-02-28')).toBe(true);
    expect(isCalendarDate('2028-02-29')).toBe(true); // a leap year
    expect(isCalendarDate('2027-02-29')).toBe(false);
    expect(isCalendarDate('2027-13-01')).toBe(false);
    expect(isCalendarDate('2027-1-01')).toBe(false);
    expect(isCalendarDate('2027-01-01T00:00')).toBe(false);
    expect(isCalendarDate('')).toBe(false);
  });
});

describe('checkArrangement', () => {
  it('returns the arrangement sorted, without repeats', () => {
    const checked = checkArrangement(2027, {
      holidays: ['2027-01-03', '2027-01-01', '2027-01-02', '2027-01-01'],
      workdays: ['2027-02-20', '2027-01-30'],
    });
    expect(checked).toEqual({
      ok: true,
      arrangement: { holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: ['2027-01-30', '2027-02-20'] },
    });
  });

  it('accepts a year shaped like a real notice', () => {
    expect(checkArrangement(2027, arrangement2027).ok).toBe(true);
  });

  it.each([
    ['a malformed date', 2027, { ...arrangement2027, holidays: ['2027-1-1'] }, 'holidays: "2027-1-1" is not a date'],
    [
      'an impossible date',
      2027,
      { ...arrangement2027, workdays: ['2027-02-30'] },
      'workdays: "2027-02-30" is not a date',
    ],
    ['a date outside the year', 2027, { ...arrangement2027, holidays: ['2026-12-31'] }, '2026-12-31 is not in 2027'],
    [
      'a day both holiday and workday',
      2027,
      { holidays: ['2027-01-01', '2027-01-30'], workdays: ['2027-01-30'] },
      '2027-01-30 is listed both as a holiday and as a workday',
    ],
    [
      'a make-up workday on a weekday',
      2027,
      { ...arrangement2027, workdays: ['2027-01-04'] },
      '2027-01-04 is a Monday–Friday',
    ],
    ['no holiday at all', 2027, { holidays: [], workdays: [] }, 'lists no holiday'],
    ['a year out of range', 1999, arrangement2027, 'year must be 2004–2100'],
  ])('refuses %s, naming it', (_name, year, input, problem) => {
    const checked = checkArrangement(year, input);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.problem).toContain(problem);
  });
});
