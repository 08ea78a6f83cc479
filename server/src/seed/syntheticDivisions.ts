import type { DivisionRecord } from './gaotaiReference.js';
import { chineseNumeral } from './syntheticNames.js';

/** A county made up for a benchmark: its code, name, size and town names. */
export interface DemoCounty {
  code: string;
  name: string;
  /** Households at full size. */
  households: number;
  /** Town names; a code is assigned to each in this order (1xx for 镇, 2xx for 乡). */
  towns: readonly string[];
}

/** About this many households to a synthetic village (Hexi corridor villages: 250–450). */
const householdsPerVillage = 330;

/**
 * Division records of a made-up county (bench:scale's synthetic province): its towns and, per town,
 * villages named after it (沙河一村, 沙河二村, …) — enough for `households` at ~330 a village. The
 * prefecture demo does not use this: its counties have their real towns and villages.
 */
export function syntheticDivisions(county: DemoCounty, households: number): DivisionRecord[] {
  const prefix = county.code.slice(0, 6);
  const records: DivisionRecord[] = [
    {
      code: county.code,
      name: county.name,
      level: 'county',
      type: 'county',
      parentCode: `${prefix.slice(0, 4)}00000000`,
    },
  ];
  const villagesPerTown = Math.max(
    1,
    Math.min(40, Math.round(households / county.towns.length / householdsPerVillage)),
  );
  county.towns.forEach((townName, index) => {
    const township = townName.endsWith('乡');
    const code = `${prefix}${township ? 200 + index : 100 + index}000`;
    records.push({
      code,
      name: townName,
      level: 'town',
      type: township ? 'township' : 'town',
      parentCode: county.code,
    });
    const stem = townName.replace(/(蒙古族|藏族)?[镇乡]$/, '');
    for (let v = 1; v <= villagesPerTown; v++) {
      const name = `${stem}${chineseNumeral(v)}村`;
      records.push({
        code: `${code.slice(0, 9)}${String(200 + v).padStart(3, '0')}`,
        name: `${name}村民委员会`,
        shortName: name,
        level: 'village',
        type: 'village_committee',
        parentCode: code,
      });
    }
  });
  return records;
}
