import type { DivisionRecord } from '../gaotaiReference.js';
import { chineseNumeral } from '../syntheticNames.js';

/**
 * The prefecture demo (issue #12): 张掖市 and its six counties. Names and 6-digit codes of the
 * prefecture and counties are real (GB/T 2260); the town names are the counties' real towns and
 * townships; their 12-digit codes, every village and everything below are synthetic
 * (data/reference/README.md, "Prefecture demo"). Households are sized from the 2020 census
 * population (七普, rounded) at ~3.1 people per household; Gaotai keeps its own demo size.
 */
export interface DemoCounty {
  code: string;
  name: string;
  /** Households at full size. */
  households: number;
  /** Real towns and townships (镇/乡); a code is assigned to each in this order. */
  towns: readonly string[];
}

export const zhangyePrefecture = { code: '620700000000', name: '张掖市', parentCode: '620000000000' } as const;

/** Gaotai is seeded from its real divisions (gaotai-divisions.json); the other five from this list. */
export const gaotaiCountyCode = '620724000000';

export const zhangyeCounties: readonly DemoCounty[] = [
  {
    code: '620702000000',
    name: '甘州区',
    households: 167_000, // ~519,000 people
    towns: [
      '梁家墩镇',
      '上秦镇',
      '大满镇',
      '沙井镇',
      '乌江镇',
      '甘浚镇',
      '新墩镇',
      '党寨镇',
      '碱滩镇',
      '三闸镇',
      '小满镇',
      '明永镇',
      '长安镇',
      '龙渠乡',
      '安阳乡',
      '花寨乡',
      '靖安乡',
      '平山湖蒙古族乡',
    ],
  },
  {
    code: '620721000000',
    name: '肃南裕固族自治县',
    households: 12_000, // ~37,000 people
    towns: ['红湾寺镇', '皇城镇', '康乐镇', '马蹄藏族乡', '白银蒙古族乡', '大河乡', '明花乡', '祁丰藏族乡'],
  },
  {
    code: '620722000000',
    name: '民乐县',
    households: 59_000, // ~183,000 people
    towns: ['洪水镇', '六坝镇', '新天镇', '南古镇', '永固镇', '三堡镇', '南丰镇', '民联镇', '顺化镇', '丰乐镇'],
  },
  {
    code: '620723000000',
    name: '临泽县',
    households: 43_000, // ~133,000 people
    towns: ['沙河镇', '新华镇', '蓼泉镇', '平川镇', '板桥镇', '鸭暖镇', '倪家营镇'],
  },
  { code: gaotaiCountyCode, name: '高台县', households: 45_000, towns: [] },
  {
    code: '620725000000',
    name: '山丹县',
    households: 51_000, // ~158,000 people
    towns: ['清泉镇', '位奇镇', '霍城镇', '陈户镇', '大马营镇', '东乐镇', '老军乡', '李桥乡'],
  },
];

/** About this many households to a synthetic village (Hexi corridor villages: 250–450). */
const householdsPerVillage = 330;

/**
 * Division records of a synthetic county: its towns (codes 100, 101, …; 2xx for 乡) and, per town,
 * villages named after it (沙河一村, 沙河二村, …) — enough for `households` at ~330 a village.
 */
export function syntheticDivisions(county: DemoCounty, households: number): DivisionRecord[] {
  const prefix = county.code.slice(0, 6);
  const records: DivisionRecord[] = [
    { code: county.code, name: county.name, level: 'county', type: 'county', parentCode: zhangyePrefecture.code },
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
