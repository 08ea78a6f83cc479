import type { VillagePlan } from './countyPlan.js';
import { offsetMetres } from './localDistance.js';
import type { SeededRandom } from './seededRandom.js';
import { syntheticIdNumber, syntheticPhone } from './syntheticContacts.js';
import { syntheticPersonName } from './syntheticNames.js';
import type { VillageGroupIndex } from './villageGroupIndex.js';

export interface HouseholdRow {
  id: number;
  house_no: string;
  size: number;
  town_code: string;
  village_code: string;
  group_code: string;
  lon: number;
  lat: number;
  head_name: string;
  phone: string;
  id_number: string;
}

/** Household sizes 1–8, most 2–4 (rural Gansu averages a little over 3 people). */
const sizeWeights = [8, 20, 26, 22, 12, 7, 3, 2];

/**
 * A village's households, scattered around its settlements with a Gaussian spread; each lies
 * inside the village and carries the code of the group grid that contains it. Coordinates are
 * rounded to 1e-7° (1 cm) before the group is looked up, so the stored point is the tested one.
 */
export function settlementHouseholds(
  village: VillagePlan,
  groups: VillageGroupIndex,
  random: SeededRandom,
  firstId: number,
): HouseholdRow[] {
  const rows: HouseholdRow[] = [];
  const numberInGroup = new Map<string, number>();
  for (const settlement of village.settlements) {
    for (let n = 0; n < settlement.households; n++) {
      let placed: { lon: number; lat: number; group: string } | null = null;
      for (let attempt = 0; !placed; attempt++) {
        const spread = settlement.spreadMetres * (attempt > 50 ? 0.3 : 1);
        const [x, y] = offsetMetres(settlement.centre, random.gaussian() * spread, random.gaussian() * spread);
        const lon = Math.round(x * 1e7) / 1e7;
        const lat = Math.round(y * 1e7) / 1e7;
        const group = groups.groupCodeAt([lon, lat]);
        if (group) placed = { lon, lat, group };
        else if (attempt > 200) throw new Error(`no household position found in village ${village.code}`);
      }
      const houseNumber = (numberInGroup.get(placed.group) ?? 0) + 1;
      numberInGroup.set(placed.group, houseNumber);
      const id = firstId + rows.length;
      rows.push({
        id,
        house_no: `${Number(placed.group.slice(12))}社${houseNumber}号`,
        size: random.weightedIndex(sizeWeights) + 1,
        town_code: village.townCode,
        village_code: village.code,
        group_code: placed.group,
        lon: placed.lon,
        lat: placed.lat,
        head_name: syntheticPersonName(random),
        phone: syntheticPhone(random),
        id_number: syntheticIdNumber(id),
      });
    }
  }
  return rows;
}
