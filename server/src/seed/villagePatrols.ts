import type { SeededRandom } from './seededRandom.js';

export interface PatrolRow {
  town_code: string;
  village_code: string;
  day: string;
  slot: 'am' | 'pm';
  done_at: string;
  member_id: number;
  cameras_viewed: number;
}

const chinaOffsetMs = 8 * 3_600_000;
const dayMs = 86_400_000;

/**
 * Online patrols (探头站岗、鼠标巡逻) of one village over the last 30 China-time days: a morning
 * slot (08:30–11:30) and an afternoon slot (14:30–17:30); ~90 % of slots done, none in the future.
 * A missed slot has no row.
 */
export function villagePatrols(
  townCode: string,
  villageCode: string,
  staffIds: readonly number[],
  cameraCount: number,
  random: SeededRandom,
  now: Date,
): PatrolRow[] {
  const rows: PatrolRow[] = [];
  const todayStart = Math.floor((now.getTime() + chinaOffsetMs) / dayMs) * dayMs - chinaOffsetMs;
  const completion = random.between(0.82, 0.97);
  for (let back = 29; back >= 0; back--) {
    const dayStart = todayStart - back * dayMs;
    const day = new Date(dayStart + chinaOffsetMs).toISOString().slice(0, 10);
    for (const slot of ['am', 'pm'] as const) {
      const startHour = slot === 'am' ? 8.5 : 14.5;
      const doneAt = dayStart + (startHour + random.between(0, 3)) * 3_600_000;
      if (doneAt > now.getTime() || !random.chance(completion)) continue;
      rows.push({
        town_code: townCode,
        village_code: villageCode,
        day,
        slot,
        done_at: new Date(doneAt).toISOString(),
        member_id: random.pick(staffIds),
        cameras_viewed: cameraCount === 0 ? 0 : random.int(Math.ceil(cameraCount / 2), cameraCount),
      });
    }
  }
  return rows;
}
