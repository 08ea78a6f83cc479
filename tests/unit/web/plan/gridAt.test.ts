import { describe, expect, it } from 'vitest';
import type { MultiPolygon } from 'geojson';
import { gridAt, ringContains } from '../../../../web/src/features/plan/editing/gridAt.js';

const box = (x0: number, y0: number, x1: number, y1: number) => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];
const village: MultiPolygon = { type: 'MultiPolygon', coordinates: [[box(0, 0, 4, 4)]] };
const group: MultiPolygon = { type: 'MultiPolygon', coordinates: [[box(0, 0, 2, 2)]] };
const withHole: MultiPolygon = { type: 'MultiPolygon', coordinates: [[box(10, 10, 14, 14), box(11, 11, 13, 13)]] };

describe('gridAt', () => {
  const grids = [
    { code: '620724105201', geometry: village },
    { code: '620724105201001', geometry: group },
    { code: '620724105202', geometry: withHole },
  ];

  it('finds the finest grid containing the point', () => {
    expect(gridAt(grids, [1, 1])).toBe('620724105201001');
    expect(gridAt(grids, [3, 3])).toBe('620724105201');
  });

  it('leaves out holes and places outside every grid', () => {
    expect(gridAt(grids, [12, 12])).toBeNull();
    expect(gridAt(grids, [10.5, 12])).toBe('620724105202');
    expect(gridAt(grids, [20, 20])).toBeNull();
  });

  it('tests a ring by ray casting', () => {
    expect(ringContains(box(0, 0, 1, 1), [0.5, 0.5])).toBe(true);
    expect(ringContains(box(0, 0, 1, 1), [1.5, 0.5])).toBe(false);
  });
});
