/** A grid's count as the plan reports it (GET /api/plans/:id/grids properties). */
export interface BalanceInput {
  code: string;
  name: string;
  parentCode: string | null;
  level: string;
  households: number;
}

export type BalanceClass = 'even' | 'uneven' | 'far';

export interface BalanceRow extends BalanceInput {
  /** The mean households of the grid and its siblings (same parent, same level). */
  target: number;
  /** (households − target) / target × 100, rounded to one decimal; 0 when the target is 0. */
  deviationPct: number;
  balance: BalanceClass;
}

/** Deviation bands in percent, like a redistricting tool's balance column: within 20 % even, beyond 50 % far. */
export const balanceBands = { uneven: 20, far: 50 } as const;

/**
 * Each grid against the mean of its siblings. Siblings share a parent and a level, so a town plan's
 * villages are balanced against villages and its groups against the groups of the same village.
 * Rows come back in the input's order.
 */
export function balanceRows(grids: readonly BalanceInput[]): BalanceRow[] {
  const totals = new Map<string, { sum: number; count: number }>();
  const keyOf = (grid: BalanceInput) => `${grid.level}|${grid.parentCode ?? ''}`;
  for (const grid of grids) {
    const total = totals.get(keyOf(grid)) ?? { sum: 0, count: 0 };
    total.sum += grid.households;
    total.count += 1;
    totals.set(keyOf(grid), total);
  }
  return grids.map((grid) => {
    const total = totals.get(keyOf(grid))!;
    const target = total.sum / total.count;
    const deviationPct = target === 0 ? 0 : Math.round(((grid.households - target) / target) * 1000) / 10;
    const size = Math.abs(deviationPct);
    const balance: BalanceClass = size > balanceBands.far ? 'far' : size > balanceBands.uneven ? 'uneven' : 'even';
    return { ...grid, target: Math.round(target * 10) / 10, deviationPct, balance };
  });
}
