import { describe, expect, it } from 'vitest';
import { caseSerialDate, formatCaseSerial, parseCaseSerial } from '../../server/src/domain/caseSerial.js';

describe('formatCaseSerial', () => {
  it('writes county code, date and a five-digit sequence', () => {
    expect(formatCaseSerial({ countyCode: '620724', date: '2026-03-14', sequence: 42 })).toBe('6207242026031400042');
  });

  it('rejects a sequence outside 1–99999, a bad county code or an impossible date', () => {
    expect(() => formatCaseSerial({ countyCode: '620724', date: '2026-03-14', sequence: 0 })).toThrow(RangeError);
    expect(() => formatCaseSerial({ countyCode: '620724', date: '2026-03-14', sequence: 100_000 })).toThrow(RangeError);
    expect(() => formatCaseSerial({ countyCode: '62072', date: '2026-03-14', sequence: 1 })).toThrow(RangeError);
    expect(() => formatCaseSerial({ countyCode: '620724', date: '2026-02-30', sequence: 1 })).toThrow(RangeError);
  });
});

describe('parseCaseSerial', () => {
  it('round-trips with formatCaseSerial', () => {
    for (const parts of [
      { countyCode: '620724', date: '2026-03-14', sequence: 42 },
      { countyCode: '620724', date: '2024-02-29', sequence: 99_999 },
      { countyCode: '620902', date: '2025-12-31', sequence: 1 },
    ]) {
      expect(parseCaseSerial(formatCaseSerial(parts))).toEqual(parts);
    }
  });

  it('returns null for text that is not a serial', () => {
    expect(parseCaseSerial('620724202603140004')).toBeNull(); // 18 digits
    expect(parseCaseSerial('6207242026031400042x')).toBeNull();
    expect(parseCaseSerial('6207242026023000001')).toBeNull(); // 30 February
    expect(parseCaseSerial('6207242026031400000')).toBeNull(); // sequence 0
  });
});

describe('caseSerialDate', () => {
  it('dates a report by the China calendar day, not the UTC one', () => {
    expect(caseSerialDate(new Date('2026-03-13T17:00:00Z'))).toBe('2026-03-14');
  });
});
