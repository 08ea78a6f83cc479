/**
 * Masks for residents' and members' personal data (DOMAIN.md: personal data is masked by default,
 * wall displays never show it). The read API applies the same rules in SQL
 * (`repos/personalDataSql.ts`); tests check the two agree. Pure: no I/O.
 */
const MASK = '*';

/** 张三丰 → 张**: the surname stays, every other character is masked; a one-character name is fully masked. */
export function maskName(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= 1) return MASK.repeat(chars.length);
  return chars[0] + MASK.repeat(chars.length - 1);
}

/** 13912345678 → 139****5678 (mobile prefix and last four kept); anything shorter keeps only its last four. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\s+/g, '');
  if (digits.length === 11) return `${digits.slice(0, 3)}****${digits.slice(7)}`;
  return keepLast(digits, 4);
}

/**
 * Resident ID: the first 6 (region) and last 4 kept, the birth date and sequence masked —
 * 18 characters give `620724********123X`; other lengths mask all but the last four.
 */
export function maskIdNumber(idNumber: string): string {
  const id = idNumber.trim();
  if (id.length === 18) return `${id.slice(0, 6)}${MASK.repeat(8)}${id.slice(14)}`;
  return keepLast(id, 4);
}

function keepLast(text: string, visible: number): string {
  if (text.length <= visible) return MASK.repeat(text.length);
  return MASK.repeat(text.length - visible) + text.slice(-visible);
}
