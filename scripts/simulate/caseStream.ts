import type { CaseLevel } from '../../server/src/domain/caseLevel.js';
import type { CaseStatus } from '../../server/src/domain/caseLifecycle.js';

/**
 * What a county's case stream looks like, for the simulator: which categories come in how often,
 * and what happens to an open case next. Pure: the random source is passed in.
 */
export type Random = () => number;

/** Relative frequency of each category (neighbour and family disputes dominate the field reports). */
export const CATEGORY_WEIGHTS: Readonly<Record<string, number>> = {
  neighbour_dispute: 30,
  family_dispute: 16,
  land_boundary: 14,
  labour_wages: 8,
  safety_hazard: 10,
  environment: 8,
  public_order: 6,
  land_acquisition: 4,
  other: 4,
};
/** A category the table does not know (the list is configurable) still comes up now and then. */
export const UNKNOWN_CATEGORY_WEIGHT = 3;

export const SUMMARIES: Readonly<Record<string, readonly string[]>> = {
  neighbour_dispute: ['两户因排水沟堵塞发生争执', '邻里因院墙高度发生口角', '宅前道路占用引发邻里矛盾'],
  family_dispute: ['夫妻因赡养老人问题发生争吵', '兄弟分家析产意见不一'],
  land_boundary: ['两户承包地地界不清发生纠纷', '林地边界界桩被移动'],
  labour_wages: ['务工人员反映工资被拖欠', '合作社季节工工钱未结清'],
  safety_hazard: ['村道桥梁护栏断裂', '空置房屋墙体开裂有倒塌风险', '灌溉渠边无防护'],
  environment: ['河道有人倾倒建筑垃圾', '养殖场粪污外溢'],
  public_order: ['村口夜间有人聚集饮酒滋事', '农机具被盗'],
  land_acquisition: ['群众对征地补偿标准有异议'],
  other: ['群众反映路灯损坏'],
};

/** One item of `items` with probability proportional to its weight. */
export function pickWeighted<T>(items: readonly T[], weightOf: (item: T) => number, random: Random): T {
  if (items.length === 0) throw new RangeError('pickWeighted needs at least one item');
  const weights = items.map((item) => Math.max(0, weightOf(item)));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  if (!(total > 0)) throw new RangeError('pickWeighted needs a positive total weight');
  let target = random() * total;
  for (let index = 0; index < items.length; index += 1) {
    target -= weights[index]!;
    if (target < 0) return items[index]!;
  }
  return items[items.length - 1]!;
}

/** Milliseconds to the next event of a Poisson stream with `meanMs` between events (exponential gaps). */
export function exponentialDelayMs(meanMs: number, random: Random): number {
  // 1 - random() is in (0, 1], so the logarithm is finite.
  return -Math.log(1 - random()) * meanMs;
}

export type SimulatedAction = 'accept' | 'mediate' | 'resolve' | 'escalate' | 'close' | 'reopen' | 'void';

const TOP_LEVEL: CaseLevel = 'town_centre';

/**
 * The next thing that happens to a case, following the four-level method: most cases are
 * accepted, mediated and resolved where they are; some are escalated a level (never past the
 * town centre); a resolved case is closed after the follow-up visit or, rarely, reopened; a few
 * reports are voided as duplicates. Null: nothing more happens (closed, transferred, voided).
 */
export function nextCaseAction(status: CaseStatus, level: CaseLevel, random: Random): SimulatedAction | null {
  const roll = random();
  switch (status) {
    case 'registered':
      return roll < 0.04 ? 'void' : 'accept';
    case 'accepted':
      return 'mediate';
    case 'mediating':
      return roll < 0.18 && level !== TOP_LEVEL ? 'escalate' : 'resolve';
    case 'resolved':
      return roll < 0.08 ? 'reopen' : 'close';
    default:
      return null;
  }
}
