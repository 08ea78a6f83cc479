/**
 * The seasonal rhythm of the demo's case reports (issue #15 part 1): a relative weight per China
 * date and category, used to accept or reject a drawn report day. What it models, for a county of
 * the Hexi corridor that farms on irrigation water from the Heihe (Gaotai):
 *
 * - Land and irrigation disputes (land_boundary) peak at spring sowing and the first irrigation
 *   rounds (April–May: whose turn the water is, where a boundary ridge runs after ploughing) and
 *   again at the autumn harvest and the land transfers that follow it (September–October); they
 *   are rare while the fields lie frozen (December–February).
 * - Unpaid wages (labour_wages) pile up in the six weeks before the Spring Festival, when migrant
 *   workers come home and want the year's pay settled.
 * - Family disputes rise in the weeks around the festival, when families are together (support of
 *   parents, division of property, betrothal gifts).
 * - Environment complaints follow straw burning after the harvest (October–November) and odours of
 *   livestock farms in the summer heat; safety hazards follow heating and gas in winter and the
 *   summer flood season.
 * - In the festival holiday itself (eve to the sixth day) few cases are reported at all: the
 *   offices are closed and matters wait until after it.
 * - Weekends carry fewer reports than working days (the existing 0.6).
 *
 * The figures are judgement, not measurement: they make a year that looks like a farming county's
 * (and gives the hot spot analysis and the early warning something to find), nothing more.
 */

/** 正月初一 by Gregorian year (the festival's first day, as published calendars give it). */
const SPRING_FESTIVAL: Record<number, string> = {
  2020: '2020-01-25',
  2021: '2021-02-12',
  2022: '2022-02-01',
  2023: '2023-01-22',
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
  2028: '2028-01-26',
  2029: '2029-02-13',
  2030: '2030-02-03',
};

/** Month weights (January first) of the categories with a season of their own; others get ALL_YEAR. */
const MONTHS: Record<string, readonly number[]> = {
  land_boundary: [0.5, 0.5, 0.9, 1.8, 1.8, 1.1, 0.9, 0.9, 1.5, 1.5, 0.9, 0.6],
  environment: [0.7, 0.7, 0.8, 0.9, 1.0, 1.2, 1.3, 1.2, 1.0, 1.6, 1.5, 0.8],
  safety_hazard: [1.4, 1.3, 1.0, 0.9, 0.9, 1.0, 1.3, 1.3, 0.9, 0.9, 1.1, 1.4],
  neighbour_dispute: [0.9, 0.9, 1.0, 1.1, 1.1, 1.1, 1.1, 1.0, 1.0, 1.0, 0.9, 0.9],
};
const ALL_YEAR = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1] as const;

const DAY_MS = 86_400_000;

/** The largest weight {@link seasonalWeight} gives: the ceiling for rejection sampling. */
export const MAX_SEASONAL_WEIGHT = 2.5;

/** Days from the nearest Spring Festival to `date` (negative before it), or null outside the table. */
function daysFromSpringFestival(date: string): number | null {
  const year = Number(date.slice(0, 4));
  const day = Date.parse(`${date}T00:00:00Z`);
  let nearest: number | null = null;
  for (const candidate of [year - 1, year, year + 1]) {
    const festival = SPRING_FESTIVAL[candidate];
    if (festival === undefined) continue;
    const offset = Math.round((day - Date.parse(`${festival}T00:00:00Z`)) / DAY_MS);
    if (nearest === null || Math.abs(offset) < Math.abs(nearest)) nearest = offset;
  }
  return nearest;
}

/** Relative chance that a case of `category` is reported on China date `date` (YYYY-MM-DD). Pure. */
export function seasonalWeight(date: string, category: string): number {
  const month = Number(date.slice(5, 7)) - 1;
  let weight = (MONTHS[category] ?? ALL_YEAR)[month]!;
  const festival = daysFromSpringFestival(date);
  if (festival !== null) {
    if (festival >= -1 && festival <= 6) return weight * 0.3;
    if (category === 'labour_wages' && festival >= -42 && festival < -1) weight *= 2.5;
    if (category === 'family_dispute' && festival >= -21 && festival <= 21) weight *= 1.5;
  }
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6 ? weight * 0.6 : weight;
}
