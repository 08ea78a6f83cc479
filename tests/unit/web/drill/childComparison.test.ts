import { describe, expect, it } from 'vitest';
import type { DossierChild } from '@contract/dossier.js';
import { compareChildren } from '../../../../web/src/features/map/childComparison.js';

const child = (code: string, open: number | null, coverage: number | null): DossierChild => ({
  code,
  name: `村${code}`,
  level: 'village',
  labelPoint: null,
  measures: {
    households: 100,
    openCases: open ?? 0,
    overdueCases: 0,
    openPer100Households: open,
    linkCoverage: coverage,
    cameraOnlineRate: null,
  },
});

describe('compareChildren', () => {
  const children = [child('3', 1, 0.5), child('1', 0.5, 0.9), child('4', null, null), child('2', 4, 0.2)];

  it('keeps the administrative order whatever the measure: compared, not ranked', () => {
    for (const measure of ['openPer100Households', 'linkCoverage', 'overdueCases', 'cameraOnlineRate'] as const) {
      expect(compareChildren(children, measure).rows.map((row) => row.child.code)).toEqual(['1', '2', '3', '4']);
    }
  });

  it('draws each value as a share of the largest, a grid without a value as no bar', () => {
    const { rows } = compareChildren(children, 'openPer100Households');
    expect(rows.map((row) => [row.value, row.bar])).toEqual([
      [0.5, 0.125],
      [4, 1],
      [1, 0.25],
      [null, 0],
    ]);
  });

  it('marks the median of the grids that have a value (the middle one, or the mean of the middle two)', () => {
    expect(compareChildren(children, 'openPer100Households').median).toEqual({ value: 1, bar: 0.25 });
    expect(compareChildren(children.slice(0, 2), 'linkCoverage').median).toEqual({ value: 0.7, bar: 0.7 / 0.9 });
  });

  it('has no median and no bars when no grid has a value, or every value is 0', () => {
    expect(compareChildren(children, 'cameraOnlineRate')).toMatchObject({ median: null });
    const zeros = compareChildren([child('1', 0, 0), child('2', 0, 0)], 'openPer100Households');
    expect(zeros.rows.map((row) => row.bar)).toEqual([0, 0]);
    expect(zeros.median).toEqual({ value: 0, bar: 0 });
  });

  it('compares nothing for a grid without sub-grids', () => {
    expect(compareChildren([], 'overdueCases')).toEqual({ rows: [], median: null });
  });
});
