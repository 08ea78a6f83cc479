import { describe, expect, it } from 'vitest';
import { balanceRows } from '../../../../web/src/features/plan/editing/householdBalance.js';

const grid = (code: string, parentCode: string, households: number, level = 'group') => ({
  code,
  name: code,
  parentCode,
  level,
  households,
});

describe('balanceRows', () => {
  it('compares each grid with the mean of its siblings and classes the deviation', () => {
    const rows = balanceRows([grid('a', 'V1', 100), grid('b', 'V1', 100), grid('c', 'V1', 40), grid('d', 'V1', 160)]);
    expect(rows.map((row) => row.target)).toEqual([100, 100, 100, 100]);
    expect(rows.map((row) => row.deviationPct)).toEqual([0, 0, -60, 60]);
    expect(rows.map((row) => row.balance)).toEqual(['even', 'even', 'far', 'far']);
  });

  it('balances groups only against groups of the same village, and villages against villages', () => {
    const rows = balanceRows([
      grid('V1', 'T', 300, 'village'),
      grid('V2', 'T', 100, 'village'),
      grid('a', 'V1', 10),
      grid('b', 'V2', 90),
    ]);
    expect(rows.map((row) => row.target)).toEqual([200, 200, 10, 90]);
    expect(rows.map((row) => row.deviationPct)).toEqual([50, -50, 0, 0]);
    expect(rows.map((row) => row.balance)).toEqual(['uneven', 'uneven', 'even', 'even']);
  });

  it('reports no deviation when the siblings have no households at all', () => {
    expect(balanceRows([grid('a', 'V', 0), grid('b', 'V', 0)]).map((row) => row.deviationPct)).toEqual([0, 0]);
  });
});
