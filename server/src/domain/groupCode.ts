/**
 * Villager-group codes (see DOMAIN.md "Codes"). Groups have no official code, so gridmap assigns
 * the 12-digit village code + a 3-digit sequence (15 digits, e.g. `620724105201003`). A village's
 * groups are numbered west→east, then north→south for groups at the same longitude, by their
 * label point (the stored ST_PointOnSurface). Sequences are never reused: a new group takes the
 * next number after the highest ever issued.
 */

/** [longitude, latitude] in degrees (EPSG:4326). */
export type LonLat = readonly [number, number];

const villageCodePattern = /^[0-9]{12}$/;
const groupCodePattern = /^([0-9]{12})([0-9]{3})$/;
export const maxGroupSequence = 999;

export function formatGroupCode(villageCode: string, sequence: number): string {
  if (!villageCodePattern.test(villageCode)) throw new RangeError(`not a 12-digit village code: ${villageCode}`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > maxGroupSequence) {
    throw new RangeError(`group sequence must be 1–${maxGroupSequence}, got ${sequence}`);
  }
  return villageCode + String(sequence).padStart(3, '0');
}

export function parseGroupCode(code: string): { villageCode: string; sequence: number } | null {
  const match = groupCodePattern.exec(code);
  if (!match || match[2] === '000') return null;
  return { villageCode: match[1]!, sequence: Number(match[2]) };
}

/** West before east; at the same longitude, north before south. */
export function compareWestToEastNorthToSouth(a: LonLat, b: LonLat): number {
  return a[0] - b[0] || b[1] - a[1];
}

/**
 * Codes for a village's groups, numbered by the rule, returned in the input order
 * (`codes[i]` belongs to `labelPoints[i]`).
 */
export function assignGroupCodes(villageCode: string, labelPoints: readonly LonLat[]): string[] {
  const order = labelPoints
    .map((point, index) => ({ point, index }))
    .sort((a, b) => compareWestToEastNorthToSouth(a.point, b.point) || a.index - b.index);
  const codes = new Array<string>(labelPoints.length);
  order.forEach(({ index }, rank) => {
    codes[index] = formatGroupCode(villageCode, rank + 1);
  });
  return codes;
}

/** The code for a new group of a village: one past the highest sequence ever issued there. */
export function nextGroupCode(villageCode: string, issuedCodes: readonly string[]): string {
  let highest = 0;
  for (const code of issuedCodes) {
    const parsed = parseGroupCode(code);
    if (parsed && parsed.villageCode === villageCode) highest = Math.max(highest, parsed.sequence);
  }
  return formatGroupCode(villageCode, highest + 1);
}
