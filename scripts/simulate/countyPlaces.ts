import { bbox, booleanPointInPolygon } from '@turf/turf';
import type { Feature, MultiPolygon } from 'geojson';
import type { GridCollection, GridDetail } from '../../server/src/contract/grids.js';
import { pickWeighted, type Random } from './caseStream.js';
import type { GridmapClient } from './gridmapClient.js';

type GroupFeature = GridCollection['features'][number];

export interface Village {
  code: string;
  name: string;
  /** How often cases come from here: the village's households (more people, more disputes). */
  weight: number;
  groups: GroupFeature[];
}

/** Where cases happen: the county's villages, weighted, each with its group grids to place a case in. */
export class CountyPlaces {
  private constructor(readonly villages: Village[]) {}

  /** Reads the villages, their household counts and their group grids through the API (once, at start). */
  static async load(client: GridmapClient): Promise<CountyPlaces> {
    const villages = await client.get<GridCollection>('/api/grids?level=village&simplify=200');
    const groups = await client.get<GridCollection>('/api/grids?level=group&simplify=5');
    if (villages.status !== 200 || groups.status !== 200) {
      throw new Error(`the server did not list its grids (HTTP ${villages.status} / ${groups.status}); is it seeded?`);
    }
    const groupsOf = new Map<string, GroupFeature[]>();
    for (const group of groups.body.features) {
      const parent = group.properties.parentCode ?? '';
      groupsOf.set(parent, [...(groupsOf.get(parent) ?? []), group]);
    }
    const households = new Map<string, number>();
    // Four at a time: enough to load ~150 villages in seconds without crowding a small server.
    const queue = villages.body.features.map((feature) => feature.properties.code);
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let code = queue.shift(); code !== undefined; code = queue.shift()) {
          const detail = await client.get<GridDetail>(`/api/grids/${code}`);
          if (detail.status === 200) households.set(code, detail.body.properties.stats.households);
        }
      }),
    );
    const list = villages.body.features
      .map((feature) => ({
        code: feature.properties.code,
        name: feature.properties.name,
        weight: Math.max(
          1,
          households.get(feature.properties.code) ?? (groupsOf.get(feature.properties.code)?.length ?? 0) * 30,
        ),
        groups: groupsOf.get(feature.properties.code) ?? [],
      }))
      .filter((village) => village.groups.length > 0);
    if (list.length === 0) throw new Error('the server has no village with group grids to report cases in');
    return new CountyPlaces(list);
  }

  /** A village (by weight) and a point inside one of its group grids. */
  pick(random: Random): { village: Village; lon: number; lat: number } {
    const village = pickWeighted(this.villages, (item) => item.weight, random);
    const group = village.groups[Math.floor(random() * village.groups.length)]!;
    return { village, ...pointInside(group, random) };
  }
}

/** A uniform point inside the grid (rejection sampling in its box), or its label point after 30 misses. */
function pointInside(group: GroupFeature, random: Random): { lon: number; lat: number } {
  const feature = group as unknown as Feature<MultiPolygon>;
  const [west, south, east, north] = bbox(feature);
  for (let attempt = 0; attempt < 30; attempt += 1) {
    const lon = west + random() * (east - west);
    const lat = south + random() * (north - south);
    if (booleanPointInPolygon([lon, lat], feature)) return { lon, lat };
  }
  const [lon, lat] = group.properties.labelPoint ?? [(west + east) / 2, (south + north) / 2];
  return { lon: lon!, lat: lat! };
}
