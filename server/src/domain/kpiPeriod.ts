/**
 * The periods the command-centre KPIs count over, in China time (UTC+8 all year: China has no
 * daylight saving, so a fixed offset is exact). Pure: the caller passes `now`.
 */
const chinaOffsetMs = 8 * 3_600_000;
const dayMs = 86_400_000;

/** Patrol slots (DOMAIN.md "Online patrols"): a slot is due once its window has ended, China time. */
export const patrolSlotEnds = { am: 11.5, pm: 17.5 } as const;
export type PatrolSlot = keyof typeof patrolSlotEnds;

/**
 * The slot a look at a village's cameras at `now` counts for: the morning until its window ends at
 * 11:30 China time, the afternoon from then on (a look in the evening is a late afternoon patrol).
 */
export function patrolSlotAt(now: Date): PatrolSlot {
  const local = now.getTime() + chinaOffsetMs;
  const hour = (local - Math.floor(local / dayMs) * dayMs) / 3_600_000;
  return hour < patrolSlotEnds.am ? 'am' : 'pm';
}

export interface KpiPeriod {
  /** Today's China date, `YYYY-MM-DD` (the `patrols.day` of today). */
  today: string;
  /** 00:00 China time today, as an instant. */
  dayStart: Date;
  /** 00:00 China time on the 1st of this month, as an instant. */
  monthStart: Date;
  /** The slots whose window has ended by `now` (a patrol done early in a later slot also counts, see kpiRepo). */
  slotsDue: PatrolSlot[];
}

export function kpiPeriod(now: Date): KpiPeriod {
  const local = now.getTime() + chinaOffsetMs;
  const dayStartLocal = Math.floor(local / dayMs) * dayMs;
  const today = new Date(dayStartLocal).toISOString().slice(0, 10);
  const localDate = new Date(dayStartLocal);
  const monthStartLocal = Date.UTC(localDate.getUTCFullYear(), localDate.getUTCMonth(), 1);
  const hour = (local - dayStartLocal) / 3_600_000;
  const slotsDue = (Object.keys(patrolSlotEnds) as PatrolSlot[]).filter((slot) => hour >= patrolSlotEnds[slot]);
  return {
    today,
    dayStart: new Date(dayStartLocal - chinaOffsetMs),
    monthStart: new Date(monthStartLocal - chinaOffsetMs),
    slotsDue,
  };
}

/** A share in 0..1, or null when nothing was counted (a wall shows "—", not 0 % or 100 %). */
export function shareOf(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}
