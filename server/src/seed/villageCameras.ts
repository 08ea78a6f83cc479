import type { VillagePlan } from './countyPlan.js';
import { offsetMetres } from './localDistance.js';
import type { SeededRandom } from './seededRandom.js';
import type { HouseholdRow } from './settlementHouseholds.js';
import type { StreetRow } from './settlementStreets.js';
import type { VillageGroupIndex } from './villageGroupIndex.js';

export interface CameraRow {
  id: string;
  name: string;
  site: 'road' | 'junction' | 'public_place' | 'village_entrance' | 'household';
  status: 'online' | 'offline';
  last_seen: string;
  town_code: string;
  village_code: string;
  group_code: string;
  lon: number;
  lat: number;
}

/**
 * GB/T 28181 device id: the county's 10-digit centre code (its 6-digit code + 0000, e.g.
 * 6207240000 for 高台县), the device type (131 camera, 132 IP camera — household cameras pooled
 * into the platform) and a 7-digit serial, counted per county.
 */
export function cameraDeviceId(countyCode: string, type: 131 | 132, serial: number): string {
  return `${countyCode.slice(0, 6)}0000${type}${String(serial).padStart(7, '0')}`;
}

const siteNames: Record<CameraRow['site'], string[]> = {
  village_entrance: ['村口东', '村口西', '村口南', '村口北'],
  junction: ['十字路口', '丁字路口', '路口'],
  public_place: ['村委会', '文化广场', '卫生室', '小学门口', '村部'],
  road: ['村道', '干渠路', '田间路'],
  household: ['农户'],
};

/**
 * 雪亮工程 cameras of one village: entrances at the settlements' edges, junctions and public places
 * in the centres, a few along lanes, and a few household cameras; ~4 % offline, last seen hours to
 * days ago.
 */
export function villageCameras(
  village: VillagePlan,
  groups: VillageGroupIndex,
  streets: readonly StreetRow[],
  households: readonly HouseholdRow[],
  random: SeededRandom,
  firstSerial: number,
  now: Date,
): CameraRow[] {
  const rows: CameraRow[] = [];
  const add = (site: CameraRow['site'], at: number[], label: string) => {
    const lon = Math.round(at[0]! * 1e7) / 1e7;
    const lat = Math.round(at[1]! * 1e7) / 1e7;
    const group = groups.groupCodeAt([lon, lat]);
    if (!group) return;
    const offline = random.chance(0.04);
    const lastSeen = offline
      ? new Date(now.getTime() - random.between(2, 24 * 6) * 3_600_000)
      : new Date(now.getTime() - random.between(5, 120) * 1000);
    const serial = firstSerial + rows.length;
    rows.push({
      id: cameraDeviceId(village.code, site === 'household' ? 132 : 131, serial),
      name: `${village.name}${label}`.slice(0, 64),
      site,
      status: offline ? 'offline' : 'online',
      last_seen: lastSeen.toISOString(),
      town_code: village.townCode,
      village_code: village.code,
      group_code: group,
      lon,
      lat,
    });
  };
  village.settlements.forEach((settlement, index) => {
    const suffix = index === 0 ? '' : `${index + 1}`;
    const entrances = index === 0 ? 2 : 1;
    for (let n = 0; n < entrances; n++) {
      const angle = random.between(0, 2 * Math.PI);
      const distance = settlement.spreadMetres * random.between(1.5, 2.2);
      add(
        'village_entrance',
        offsetMetres(settlement.centre, distance * Math.cos(angle), distance * Math.sin(angle)),
        suffix + siteNames.village_entrance[n % 4]!,
      );
    }
    const centreSites = index === 0 ? random.int(2, 4) : 1;
    for (let n = 0; n < centreSites; n++) {
      const site = n % 2 === 0 ? 'junction' : 'public_place';
      add(
        site,
        offsetMetres(settlement.centre, random.gaussian() * 60, random.gaussian() * 60),
        suffix + random.pick(siteNames[site]),
      );
    }
  });
  for (const street of streets) {
    if (random.chance(0.45))
      add('road', street.coordinates[random.int(0, street.coordinates.length - 1)]!, street.name);
  }
  const householdCameras = households.length > 0 ? random.int(0, 3) : 0;
  for (let n = 0; n < householdCameras; n++) {
    const house = random.pick(households);
    add('household', [house.lon, house.lat], `${siteNames.household[0]}${house.house_no}`);
  }
  return rows;
}
