import { describe, expect, it } from 'vitest';
import type { MultiPolygon, Position } from 'geojson';
import {
  PlanValidator,
  type ValidatedGrid,
  type ValidatedParent,
} from '../../../server/src/domain/plan/planValidator.js';

/** A parent square of n×n cells of `size` degrees each, as groups of one village. */
function gridOfCells(n: number, size = 0.01) {
  const cell = (i: number, j: number): MultiPolygon => {
    const [x, y] = [100 + i * size, 39 + j * size];
    return {
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [x, y],
            [x + size, y],
            [x + size, y + size],
            [x, y + size],
            [x, y],
          ],
        ],
      ],
    };
  };
  const parent: ValidatedParent = {
    code: '620724100201',
    key: 'g1',
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [100, 39],
          [100 + n * size, 39],
          [100 + n * size, 39 + n * size],
          [100, 39 + n * size],
          [100, 39],
        ],
      ],
    },
  };
  const grids: ValidatedGrid[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      grids.push({
        code: `620724100201${String(i * n + j + 1).padStart(3, '0')}`,
        level: 'group',
        parentCode: parent.code,
        version: 1,
        geometry: cell(i, j),
        households: 10,
        gridHead: true,
      });
    }
  }
  return { parent, grids, size };
}

/** Inserts `point` after position `index` of the first ring. */
function withVertex(geometry: MultiPolygon, index: number, point: Position): MultiPolygon {
  const copy = structuredClone(geometry);
  copy.coordinates[0]![0]!.splice(index + 1, 0, point);
  return copy;
}

describe('PlanValidator', () => {
  it('finds a clean partition ok, then re-checks only what an edit touched', () => {
    const { parent, grids, size } = gridOfCells(5);
    const validator = new PlanValidator();
    const first = validator.validate([parent], grids);
    expect(first).toMatchObject({ ok: true, problems: [], rechecked: { parents: 1, grids: 25 } });
    expect(validator.validate([parent], grids).rechecked).toEqual({ parents: 0, grids: 0 });

    // Cells 0 (west) and 5 (east of it) share the edge x = 100.01 from y = 39 to 39.01: bend it east.
    const bend: Position = [100 + size + size / 4, 39 + size / 2];
    const edited = grids.map((grid) => ({ ...grid }));
    edited[0] = { ...edited[0]!, version: 2, geometry: withVertex(grids[0]!.geometry, 1, bend) };
    edited[5] = { ...edited[5]!, version: 2, geometry: withVertex(grids[5]!.geometry, 3, bend) };
    const moved = validator.validate([parent], edited);
    expect(moved).toMatchObject({ ok: true, problems: [], rechecked: { parents: 1, grids: 2 } });

    // The same bend on one side only: cell 0 now overlaps cell 5 by the triangle.
    const oneSided = edited.map((grid) => ({ ...grid }));
    oneSided[5] = { ...grids[5]!, version: 3 };
    const broken = validator.validate([parent], oneSided);
    expect(broken.ok).toBe(false);
    expect(broken.rechecked.grids).toBe(1);
    const overlap = broken.problems.find((problem) => problem.kind === 'overlap');
    expect(overlap).toMatchObject({ codes: [grids[0]!.code, grids[5]!.code], severity: 'error' });
    // Triangle: base 0.01° of latitude (~1,111 m), height 0.0025° of longitude at 39° N (~216 m).
    expect(overlap!.area_m2! / 120_000).toBeCloseTo(1, 1);
  });

  it('warns of a missing grid head and of imbalance without blocking; blocks a sliver', () => {
    const { parent, grids } = gridOfCells(2);
    grids[0] = { ...grids[0]!, gridHead: false, households: 40 };
    const result = new PlanValidator().validate([parent], grids);
    expect(result.ok).toBe(true);
    expect(result.problems.map((p) => [p.kind, p.code, p.severity])).toEqual([
      ['no_grid_head', grids[0]!.code, 'warning'],
      ['imbalance', grids[0]!.code, 'warning'],
    ]);
    expect(result.problems[1]).toMatchObject({ households: 40, target: 17.5, deviation_pct: 128.6 });

    const tiny = gridOfCells(2, 0.0001);
    const small = new PlanValidator().validate([tiny.parent], tiny.grids);
    expect(small.ok).toBe(false);
    expect(small.problems.filter((p) => p.kind === 'too_small')).toHaveLength(4);
  });
});
