import type { SeededRandom } from './seededRandom.js';

/**
 * Obviously fake contact data. Phones use the 1390000xxxx block; ID numbers follow the 18-character
 * shape (`^[0-9]{17}[0-9X]$`) but carry the impossible birth date 0000-00-00 after the county code
 * (620724 0000 0000 …), so no real person can match one.
 */
export function syntheticPhone(random: SeededRandom): string {
  return '1390000' + String(random.int(0, 9999)).padStart(4, '0');
}

export function syntheticIdNumber(serial: number): string {
  const body = '62072400000000' + String(serial % 1000).padStart(3, '0');
  return body + (serial % 11 === 10 ? 'X' : String(serial % 11));
}
