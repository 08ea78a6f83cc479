import { describe, expect, it } from 'vitest';
import {
  CHECK_CODE_ALPHABET,
  CHECK_CODE_LENGTH,
  caseCheckCodeOf,
  makeCaseCheckCode,
} from '../../server/src/domain/caseCheckCode.js';
import { caseLinkPath, caseLinkUrl } from '../../server/src/domain/caseLink.js';

describe('makeCaseCheckCode', () => {
  it('takes six characters of the alphabet by the picks it is given', () => {
    const picks = [0, 1, 30, 8, 9, 15];
    expect(makeCaseCheckCode(() => picks.shift()!)).toBe(
      [0, 1, 30, 8, 9, 15].map((index) => CHECK_CODE_ALPHABET[index]).join(''),
    );
  });

  it('asks for numbers below the alphabet’s size and never uses 0, O, 1, I or L', () => {
    const asked: number[] = [];
    for (let n = 0; n < 200; n++) {
      const code = makeCaseCheckCode((size) => (asked.push(size), n % size));
      expect(code).toMatch(new RegExp(`^[${CHECK_CODE_ALPHABET}]{${CHECK_CODE_LENGTH}}$`));
    }
    expect(new Set(asked)).toEqual(new Set([CHECK_CODE_ALPHABET.length]));
    expect(CHECK_CODE_ALPHABET).not.toMatch(/[01OIL]/);
  });

  it('makes codes with crypto.randomInt that differ from one another', () => {
    const codes = new Set(Array.from({ length: 50 }, () => makeCaseCheckCode()));
    expect(codes.size).toBeGreaterThan(45);
  });
});

describe('caseCheckCodeOf', () => {
  it('accepts a code typed in lower case or with spaces around', () => {
    expect(caseCheckCodeOf(' k7m2pq ')).toBe('K7M2PQ');
  });

  it.each([
    ['too short', 'K7M2P'],
    ['too long', 'K7M2PQR'],
    ['an ambiguous character', 'K7M2P0'],
    ['punctuation', "K7'2PQ"],
  ])('refuses %s', (_, text) => {
    expect(caseCheckCodeOf(text)).toBeNull();
  });
});

describe('caseLinkUrl', () => {
  it('joins the origin and /c/<serial>', () => {
    expect(caseLinkUrl('http://10.0.0.5:3000', '6207242026031400042')).toBe(
      'http://10.0.0.5:3000/c/6207242026031400042',
    );
  });

  it('keeps a configured public URL’s path and drops its trailing slash', () => {
    expect(caseLinkUrl('https://gridmap.example.cn/gaotai/', '6207242026031400042')).toBe(
      'https://gridmap.example.cn/gaotai/c/6207242026031400042',
    );
  });

  it('refuses anything but a 19-digit serial', () => {
    expect(() => caseLinkPath('62072420260314')).toThrow(RangeError);
    expect(() => caseLinkPath('../../x')).toThrow(RangeError);
  });
});
