import type { SeededRandom } from './seededRandom.js';

/**
 * Names for generated people, groups and lanes. People's names are built to look synthetic at a
 * glance (surname + 演/示/例 + a numeral-like character, e.g. 李演三) so a screenshot of demo data can
 * never be mistaken for a real resident.
 */
const surnames = [
  ...'王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
const markers = [...'演示例'];
const givens = [...'一二三四五六七八九十甲乙丙丁戊己庚辛壬癸'];

export function syntheticPersonName(random: SeededRandom): string {
  return random.pick(surnames) + random.pick(markers) + random.pick(givens);
}

const digits = [...'零一二三四五六七八九'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (1–99). */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`chineseNumeral supports 1–99, got ${n}`);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  const tensPart = tens === 0 ? '' : tens === 1 ? '十' : digits[tens] + '十';
  return tensPart + (ones === 0 ? '' : digits[ones]!);
}

/** 一组, 二组, … — all CJK so map labels use one font. */
export function groupName(sequence: number): string {
  return chineseNumeral(sequence) + '组';
}

export const laneNames = [
  '幸福巷',
  '新村路',
  '东街',
  '西街',
  '南街',
  '北街',
  '文化路',
  '团结巷',
  '和平巷',
  '胜利路',
  '振兴路',
  '兴隆巷',
  '富民路',
  '康宁巷',
  '育才路',
  '红星巷',
  '建设路',
  '民主巷',
  '光明路',
  '长安巷',
  '丰收路',
  '安居巷',
  '友谊路',
  '前进巷',
  '中心街',
  '跃进巷',
  '利民路',
  '永安巷',
  '吉祥巷',
  '顺安路',
  '和谐巷',
  '新风路',
  '绿洲路',
  '黑河巷',
  '果园巷',
  '学堂巷',
] as const;
