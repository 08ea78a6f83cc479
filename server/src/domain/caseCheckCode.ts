import { randomInt } from 'node:crypto';

/**
 * The check code (查询码) of a case (issue #14 part 5): with the serial it opens the case's public
 * progress page to the person who reported it. Digits and capitals without 0/O and 1/I/L, so a
 * code read off a slip or over the phone is never mistaken; migration 016 uses the same alphabet.
 * Six of 31 characters: 887 million codes, against a lookup rate-limited per address.
 */
export const CHECK_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CHECK_CODE_LENGTH = 6;

/** `pick(n)` is a uniform integer in [0, n): crypto.randomInt by default, a fixed sequence in tests. */
export function makeCaseCheckCode(pick: (n: number) => number = randomInt): string {
  let code = '';
  for (let i = 0; i < CHECK_CODE_LENGTH; i++) code += CHECK_CODE_ALPHABET[pick(CHECK_CODE_ALPHABET.length)];
  return code;
}

/** A code as a person typed it (any case, spaces around), or null when it cannot be one. */
export function caseCheckCodeOf(text: string): string | null {
  const code = text.trim().toUpperCase();
  if (code.length !== CHECK_CODE_LENGTH) return null;
  return [...code].every((character) => CHECK_CODE_ALPHABET.includes(character)) ? code : null;
}
