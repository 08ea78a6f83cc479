import { booleanPointInPolygon, lineIntersect, lineString, polygonToLine } from '@turf/turf';
import type { Feature, LineString, MultiLineString, Polygon, Position } from 'geojson';
import type { VillagePlan } from './countyPlan.js';
import { offsetMetres } from './localDistance.js';
import type { SeededRandom } from './seededRandom.js';
import { laneNames } from './syntheticNames.js';
import type { VillageGroupIndex } from './villageGroupIndex.js';

export interface StreetRow {
  name: string;
  chief_id: number;
  town_code: string;
  village_code: string;
  group_code: string;
  coordinates: Position[];
}

/**
 * Responsibility streets (街长制): 2–8 lanes through each settlement, laid out as a rough grid of
 * parallel lanes in two directions, each bent slightly in the middle, shortened until it lies
 * wholly inside the village. A lane belongs to the group containing its midpoint and has a party
 * member as street chief.
 */
export function settlementStreets(
  village: VillagePlan,
  groups: VillageGroupIndex,
  chiefIds: readonly number[],
  random: SeededRandom,
): StreetRow[] {
  const rows: StreetRow[] = [];
  const boundary = polygonToLine(village.geometry) as Feature<LineString | MultiLineString>;
  const names = random.shuffle([...laneNames]);
  for (const settlement of village.settlements) {
    const count = random.int(2, Math.min(8, 2 + Math.floor(settlement.households / 40)));
    const heading = random.between(-0.3, 0.3);
    for (let index = 0; index < count; index++) {
      const across = index % 2 === 1;
      const angle = heading + (across ? Math.PI / 2 : 0);
      const rank = Math.floor(index / 2) - Math.floor(count / 4);
      const offset = rank * settlement.spreadMetres * 0.8 + random.between(-30, 30);
      let half = settlement.spreadMetres * random.between(1.2, 2.2);
      for (let attempt = 0; attempt < 5; attempt++, half *= 0.7) {
        const coordinates = lane(settlement.centre, angle, offset, half, random);
        if (!insideVillage(coordinates, village.geometry, boundary)) continue;
        const middle = coordinates[1]!;
        const group = groups.groupCodeAt(middle);
        if (!group) continue;
        rows.push({
          name:
            names[rows.length % names.length]! +
            (rows.length >= names.length ? String(Math.floor(rows.length / names.length) + 1) : ''),
          chief_id: random.pick(chiefIds),
          town_code: village.townCode,
          village_code: village.code,
          group_code: group,
          coordinates,
        });
        break;
      }
    }
  }
  return rows;
}

function lane(centre: Position, angle: number, offset: number, half: number, random: SeededRandom): Position[] {
  const dx = Math.cos(angle);
  const dy = Math.sin(angle);
  const point = (along: number, side: number) => {
    const [x, y] = offsetMetres(centre, along * dx - (offset + side) * dy, along * dy + (offset + side) * dx);
    return [Math.round(x * 1e7) / 1e7, Math.round(y * 1e7) / 1e7];
  };
  return [point(-half, 0), point(random.between(-0.2, 0.2) * half, random.between(-25, 25)), point(half, 0)];
}

function insideVillage(
  coordinates: Position[],
  village: Polygon,
  boundary: Feature<LineString | MultiLineString>,
): boolean {
  if (!coordinates.every((p) => booleanPointInPolygon(p, village, { ignoreBoundary: true }))) return false;
  return lineIntersect(lineString(coordinates), boundary).features.length === 0;
}
