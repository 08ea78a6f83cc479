import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, maskPhone } from '../../server/src/domain/personalData.js';

describe('maskName', () => {
  it('keeps the surname of a three-character name and masks the rest', () => {
    expect(maskName('张三丰')).toBe('张**');
  });

  it('masks one character of a two-character name', () => {
    expect(maskName('李四')).toBe('李*');
  });

  it('masks a one-character name entirely', () => {
    expect(maskName('王')).toBe('*');
  });

  it('counts characters, not UTF-16 units, for names with supplementary-plane characters', () => {
    expect(maskName('𠀋演示')).toBe('𠀋**');
  });

  it('leaves an empty name empty', () => {
    expect(maskName('')).toBe('');
  });
});

describe('maskPhone', () => {
  it('keeps the first three and last four digits of a mobile number', () => {
    expect(maskPhone('13912345678')).toBe('139****5678');
  });

  it('keeps only the last four digits of a number that is not 11 digits long', () => {
    expect(maskPhone('87654321')).toBe('****4321');
  });

  it('masks a number of four digits or fewer entirely', () => {
    expect(maskPhone('110')).toBe('***');
  });
});

describe('maskIdNumber', () => {
  it('keeps the first six and last four characters of an 18-character ID', () => {
    expect(maskIdNumber('62072419900101123X')).toBe('620724********123X');
  });

  it('hides the birth date', () => {
    expect(maskIdNumber('620724199001011234')).not.toContain('19900101');
  });

  it('keeps only the last four characters of an old 15-digit ID', () => {
    expect(maskIdNumber('620724900101123')).toBe('***********1123');
  });
});
