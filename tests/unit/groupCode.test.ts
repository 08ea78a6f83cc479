import { describe, expect, it } from 'vitest';
import { assignGroupCodes, formatGroupCode, nextGroupCode, parseGroupCode } from '../../server/src/domain/groupCode.js';

describe('groupCode', () => {
  it('formats a village code and a sequence as 15 digits', () => {
    expect(formatGroupCode('620724105201', 3)).toBe('620724105201003');
  });

  it('round-trips a code through parse and format', () => {
    const parsed = parseGroupCode('620724105201012');
    expect(parsed).toEqual({ villageCode: '620724105201', sequence: 12 });
    expect(formatGroupCode(parsed!.villageCode, parsed!.sequence)).toBe('620724105201012');
  });

  it('rejects malformed codes and sequences', () => {
    expect(parseGroupCode('62072410520100')).toBeNull();
    expect(parseGroupCode('620724105201000')).toBeNull();
    expect(() => formatGroupCode('620724105201', 0)).toThrow(RangeError);
    expect(() => formatGroupCode('62072410520', 1)).toThrow(RangeError);
  });

  it('numbers groups west to east, returning codes in the input order', () => {
    const codes = assignGroupCodes('620724105201', [
      [99.53, 39.36],
      [99.51, 39.3],
      [99.52, 39.4],
    ]);
    expect(codes).toEqual(['620724105201003', '620724105201001', '620724105201002']);
  });

  it('numbers groups at the same longitude north to south', () => {
    const codes = assignGroupCodes('620724105201', [
      [99.5, 39.3],
      [99.5, 39.4],
      [99.4, 39.2],
    ]);
    expect(codes).toEqual(['620724105201003', '620724105201002', '620724105201001']);
  });

  it('never reuses a sequence: a new group follows the highest issued one', () => {
    expect(nextGroupCode('620724105201', ['620724105201001', '620724105201007', '620724106201009'])).toBe(
      '620724105201008',
    );
    expect(nextGroupCode('620724105201', [])).toBe('620724105201001');
  });
});
