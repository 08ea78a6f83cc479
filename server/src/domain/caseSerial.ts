import { chinaDate } from './workingDays.js';

/**
 * Case serial numbers: county code (6 digits) + report date in China time `YYYYMMDD` + a 5-digit
 * sequence within the county and day, e.g. `6207242026031400042`.
 */
export interface CaseSerial {
  countyCode: string;
  /** China-local report date, `YYYY-MM-DD`. */
  date: string;
  /** 1 … 99999 */
  sequence: number;
}

const SERIAL = /^(\d{6})(\d{4})(\d{2})(\d{2})(\d{5})$/;
export const MAX_CASE_SEQUENCE = 99_999;

export function formatCaseSerial(serial: CaseSerial): string {
  if (!/^\d{6}$/.test(serial.countyCode)) throw new RangeError(`county code must be 6 digits: ${serial.countyCode}`);
  if (!isCalendarDate(serial.date)) throw new RangeError(`not a date: ${serial.date}`);
  if (!Number.isInteger(serial.sequence) || serial.sequence < 1 || serial.sequence > MAX_CASE_SEQUENCE) {
    throw new RangeError(`sequence must be 1 … ${MAX_CASE_SEQUENCE}: ${serial.sequence}`);
  }
  return `${serial.countyCode}${serial.date.replaceAll('-', '')}${String(serial.sequence).padStart(5, '0')}`;
}

/** The parts of a serial, or null when it is not one (wrong length, impossible date, sequence 0). */
export function parseCaseSerial(text: string): CaseSerial | null {
  const match = SERIAL.exec(text);
  if (!match) return null;
  const [, countyCode, year, month, day, sequence] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const date = `${year}-${month}-${day}`;
  const number = Number(sequence);
  if (!isCalendarDate(date) || number < 1) return null;
  return { countyCode, date, sequence: number };
}

/** The serial date part for a case reported at `at` (China time). */
export function caseSerialDate(at: Date): string {
  return chinaDate(at);
}

function isCalendarDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}
