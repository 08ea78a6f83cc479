import { maxDeviationPercent } from './planRules.js';
import type { PlanProblem } from './planProblem.js';

export interface BalancedGrid {
  code: string;
  parentCode: string;
  households: number;
}

/** Percent deviation of `count` from `target`, one decimal; 0 when the target is 0. */
export function deviationPercent(count: number, target: number): number {
  if (target <= 0) return 0;
  return Math.round(((count - target) / target) * 1000) / 10;
}

/**
 * `imbalance` warnings: each grid's household count against the mean of its siblings (the grids
 * of the same parent), when it deviates by more than {@link maxDeviationPercent}. Siblings with no
 * households at all have no meaningful target and are skipped.
 */
export function imbalanceProblems(grids: readonly BalancedGrid[], limit = maxDeviationPercent): PlanProblem[] {
  const byParent = new Map<string, BalancedGrid[]>();
  for (const grid of grids) {
    const siblings = byParent.get(grid.parentCode) ?? [];
    siblings.push(grid);
    byParent.set(grid.parentCode, siblings);
  }
  const problems: PlanProblem[] = [];
  for (const [parentCode, siblings] of byParent) {
    if (siblings.length < 2) continue;
    const target = siblings.reduce((sum, grid) => sum + grid.households, 0) / siblings.length;
    if (target <= 0) continue;
    for (const grid of siblings) {
      const deviation = deviationPercent(grid.households, target);
      if (Math.abs(deviation) <= limit) continue;
      problems.push({
        kind: 'imbalance',
        severity: 'warning',
        code: grid.code,
        parentCode,
        households: grid.households,
        target: Math.round(target * 10) / 10,
        deviation_pct: deviation,
      });
    }
  }
  return problems;
}
