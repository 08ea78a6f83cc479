import type { Polygon } from 'geojson';
import type { Database } from '../../../server/src/db/database.js';
import { seedDemoCounty } from '../../../server/src/seed/seedDemoCounty.js';
import { syntheticDivisions, type DemoCounty } from '../../../server/src/seed/syntheticDivisions.js';
import { chineseNumeral } from '../../../server/src/seed/syntheticNames.js';

/**
 * A synthetic province for `bench:scale`: `counties` counties of the demo county's size (45,000
 * households each: 60 → 2.7 M), six to a prefecture, laid out as rectangles of ~55 × 55 km on a
 * lattice. Province code 99 (none is real), prefectures 9901…, counties 990101…. Bench-only: the
 * outlines are squares, the towns and villages those of the prefecture demo's synthetic counties.
 */
export interface ProvinceSeeded {
  prefectures: string[];
  counties: string[];
  households: number;
  seconds: number;
}

const side = 0.6; // degrees of longitude; ~0.5 of latitude makes a square near 40° N
const perPrefecture = 6;

export async function seedSyntheticProvince(
  db: Database,
  counties: number,
  say: (line: string) => void,
): Promise<ProvinceSeeded> {
  const started = performance.now();
  const prefectures: string[] = [];
  const countyCodes: string[] = [];
  let households = 0;
  for (let index = 0; index < counties; index++) {
    const prefectureNumber = Math.floor(index / perPrefecture) + 1;
    const prefecture = `99${String(prefectureNumber).padStart(2, '0')}00000000`;
    if (!prefectures.includes(prefecture)) prefectures.push(prefecture);
    const code = `${prefecture.slice(0, 4)}${String((index % perPrefecture) + 1).padStart(2, '0')}000000`;
    const county: DemoCounty = {
      code,
      name: `示例${chineseNumeral(prefectureNumber)}市${chineseNumeral((index % perPrefecture) + 1)}县`,
      households: 45_000,
      towns: Array.from({ length: 9 }, (_, t) => `示${chineseNumeral(t + 1)}镇`),
    };
    const column = index % 10;
    const row = Math.floor(index / 10);
    const west = 80 + column * side;
    const south = 36 + row * side * 0.8;
    const outline: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [west, south],
          [west + side, south],
          [west + side, south + side * 0.8],
          [west, south + side * 0.8],
          [west, south],
        ],
      ],
    };
    const divisions = syntheticDivisions(county, county.households).map((record) =>
      record.level === 'county' ? { ...record, parentCode: prefecture } : record,
    );
    const summary = await seedDemoCounty(db, {
      seed: 990_000 + index,
      accounts: false,
      county: { divisions, outline, households: county.households, parentCode: prefecture },
    });
    households += summary.households;
    countyCodes.push(code);
    say(
      `${index + 1}/${counties} ${county.name}: ${summary.households} households in ${(summary.milliseconds / 1000).toFixed(1)} s`,
    );
  }
  for (const prefecture of prefectures) {
    await db.sql`
      INSERT INTO grids (code, level, name, parent_code, version, status, valid_from, geom, label_point, area_m2)
      SELECT ${prefecture}, 'prefecture', ${`示例${chineseNumeral(Number(prefecture.slice(2, 4)))}市`}, NULL, 1,
        'published', u.valid_from, u.g, ST_PointOnSurface(u.g), ST_Area(u.g::geography)
      FROM (SELECT ST_Multi(ST_Union(geom)) AS g, min(valid_from) AS valid_from FROM grids
            WHERE level = 'county' AND parent_code = ${prefecture} AND valid_to IS NULL) AS u`;
  }
  return { prefectures, counties: countyCodes, households, seconds: (performance.now() - started) / 1000 };
}
