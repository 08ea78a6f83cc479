import type { Polygon } from 'geojson';
import type { Database } from '../../db/database.js';
import { planCounty } from '../countyLayout.js';
import { gaotaiProfile } from '../gaotaiProfile.js';
import { readGaotaiDivisions } from '../gaotaiReference.js';
import { largestPart } from '../outlineParts.js';
import { nodeCountyPlans } from '../planNoding.js';
import { seedCases } from '../seedCases.js';
import {
  demoHouseholds,
  insertCaseCategories,
  moveIdentitiesPastSeededIds,
  seededTables,
  transactionDatabase,
} from '../seedDemoCounty.js';
import { SeededRandom } from '../seededRandom.js';
import { insertDivisions, insertGrids, writeCounty, type CountyRowCounts } from '../writeCounty.js';
import { countyHouseholds } from './countyHouseholds.js';
import { seedPrefectureAccounts } from './prefectureAccounts.js';
import { prefectureOutline } from './prefectureOutline.js';
import { syntheticCountyProfile } from './syntheticCountyProfile.js';
import { prefectureCode, readCountyOutlines, readZhangyeDivisions } from './zhangyeReference.js';

export interface PrefectureSeedOptions {
  /**
   * PRNG seed; the same seed gives the same prefecture. County N draws from seed + (N − 620700),
   * so at the default 620700 高台县 is laid out exactly as the county demo lays it out.
   */
  seed?: number;
  /** The moment the demo is generated relative to (patrols, camera last_seen, cases). Default now. */
  now?: Date;
  /**
   * Households (and cases) as a share of each county's full size, in (0, 1]; default 1. Tests and
   * browser tests seed a small prefecture with 0.05 (~20,000 households) in seconds; the towns and
   * villages stay the real ones at any size.
   */
  householdScale?: number;
  /** Told one line per county as it is planned, written and given its cases. */
  onProgress?: (line: string) => void;
}

export interface CountySeedSummary extends CountyRowCounts {
  code: string;
  name: string;
  cases: number;
}

export interface PrefectureSeedSummary {
  counties: number;
  perCounty: CountySeedSummary[];
  households: number;
  grids: number;
  cases: number;
  accounts: number;
  milliseconds: number;
}

/** The county seeded from Gaotai's own layout (real towns at hand-placed seats, the Hei River). */
const gaotaiCode = '620724000000';

/**
 * The prefecture demo (issue #12): 张掖市 with its six counties — 高台县 as the county demo, the
 * other five synthetic inside their real outlines with their real towns and villages (names and
 * codes, NBS 2023) — and the prefecture grid, the union of its counties. All counties are planned
 * first and noded together, so neighbouring counties' grids share their border vertex chains, then
 * written in one transaction with bulk inserts. Deterministic for a given seed, size and `now`.
 */
export async function seedDemoPrefecture(
  db: Database,
  options: PrefectureSeedOptions = {},
): Promise<PrefectureSeedSummary> {
  const started = performance.now();
  const householdScale = options.householdScale ?? 1;
  if (!(householdScale > 0 && householdScale <= 1)) {
    throw new RangeError(`householdScale must be in (0, 1], got ${householdScale}`);
  }
  const say = options.onProgress ?? (() => {});
  const now = options.now ?? new Date();
  const seed = options.seed ?? 620700;
  const { prefecture, counties: divisionsByCounty } = readZhangyeDivisions();
  // A grid is one piece (the partition check's non_contiguous): 肃南's three exclaves (皇城, 明花,
  // 大泉沟; data/reference/README.md) are left out and the county is its main body. No county
  // touches only an exclave, so the prefecture stays one polygon without holes.
  const outlines = readCountyOutlines().map((county) => ({ ...county, geometry: largestPart(county.geometry) }));
  const prefectureShape = { geometry: prefectureOutline(outlines) as Polygon };

  const counties = outlines.map((outline, index) => {
    const random = new SeededRandom(seed + Number(outline.code.slice(0, 6)) - 620700);
    const divisions = outline.code === gaotaiCode ? readGaotaiDivisions() : divisionsByCounty.get(outline.code);
    if (!divisions) throw new Error(`zhangye-divisions.json has no divisions for ${outline.code}`);
    const households = Math.round((countyHouseholds[outline.code] ?? demoHouseholds) * householdScale);
    const planned = performance.now();
    const layoutRandom = random.fork();
    const profile =
      outline.code === gaotaiCode
        ? gaotaiProfile
        : syntheticCountyProfile(
            outline.geometry,
            divisions.filter((record) => record.level === 'town'),
            outline.labelPoint,
            layoutRandom,
          );
    const plan = planCounty(outline.geometry, divisions, layoutRandom, { scale: 1, households, profile, node: false });
    const villages = plan.towns.reduce((sum, town) => sum + town.villages.length, 0);
    say(
      `${index + 1}/${outlines.length} ${plan.name}: planned ${plan.towns.length} towns, ${villages} villages, ` +
        `${households.toLocaleString('en')} households in ${seconds(planned)}`,
    );
    return { plan, random, households, division: divisions.find((record) => record.level === 'county')! };
  });
  nodeCountyPlans(
    counties.map((county) => county.plan),
    [{ get: () => prefectureShape.geometry, set: (shape) => (prefectureShape.geometry = shape as Polygon) }],
  );
  const validFrom = new Date(now.getTime() - 400 * 86_400_000).toISOString();

  return db.transaction(async (sql) => {
    await insertDivisions(sql, [
      {
        code: prefecture.code,
        name: prefecture.name,
        level: 'prefecture',
        type: 'prefecture',
        parent_code: prefecture.parentCode,
      },
    ]);
    let grids = await insertGrids(
      sql,
      [
        {
          code: prefecture.code,
          level: 'prefecture',
          name: prefecture.name,
          parent_code: null,
          geom: JSON.stringify(prefectureShape.geometry),
        },
      ],
      validFrom,
    );
    const summaries: CountySeedSummary[] = [];
    const next = { household: 1, member: 1 };
    for (const [index, county] of counties.entries()) {
      const written = performance.now();
      const rows = await writeCounty(sql, county.plan, {
        division: { type: county.division.type, parentCode: prefectureCode },
        parentGridCode: prefectureCode,
        people: county.random.fork(),
        now,
        validFrom,
        firstIds: { ...next },
      });
      next.household += rows.households;
      next.member += rows.members;
      grids += rows.grids;
      summaries.push({ code: county.plan.code, name: county.plan.name, ...rows, cases: 0 });
      say(
        `${index + 1}/${counties.length} ${county.plan.name}: wrote ${rows.households.toLocaleString('en')} households, ` +
          `${rows.grids.toLocaleString('en')} grids, ${rows.cameras.toLocaleString('en')} cameras in ${seconds(written)}`,
      );
    }
    await insertCaseCategories(sql);
    await moveIdentitiesPastSeededIds(sql);
    for (const [index, county] of counties.entries()) {
      const drawn = performance.now();
      const cases = await seedCases(transactionDatabase(db, sql), {
        now,
        random: county.random.fork().next,
        scale: county.households / demoHouseholds,
        countyCode: county.plan.code,
      });
      summaries[index]!.cases = cases.cases;
      say(
        `${index + 1}/${counties.length} ${county.plan.name}: ${cases.cases.toLocaleString('en')} cases in ${seconds(drawn)}`,
      );
    }
    const accounts = await seedPrefectureAccounts(
      sql,
      prefectureCode,
      gaotaiCode,
      counties.map((county) => county.plan.code).filter((code) => code !== gaotaiCode),
    );
    // Fresh statistics for the planner: without them the first queries over ~400,000 new rows
    // (the partition check over the whole hierarchy: 150 s instead of 3 s) run on guesses until
    // autovacuum gets round to the tables.
    await sql.exec(`ANALYZE ${[...seededTables, 'accounts'].join(', ')}`);
    return {
      counties: summaries.length,
      perCounty: summaries,
      households: summaries.reduce((sum, county) => sum + county.households, 0),
      grids,
      cases: summaries.reduce((sum, county) => sum + county.cases, 0),
      accounts,
      milliseconds: Math.round(performance.now() - started),
    };
  });
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}
