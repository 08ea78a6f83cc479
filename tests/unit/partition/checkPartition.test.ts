import { describe, expect, it } from 'vitest';
import { checkPartition } from '../../../server/src/domain/partition/checkPartition.js';
import type { ChildGridFeature } from '../../../server/src/domain/partition/partitionProblem.js';
import { expectPartitionProblems } from './expectPartitionProblems.js';
import { loadPartitionFixtures } from './partitionFixtures.js';
import { voronoiPartition } from './voronoiPartition.js';
import { area, booleanPointInPolygon } from '@turf/turf';

const fixtures = loadPartitionFixtures();

describe('checkPartition', () => {
  it('has the stored fixtures to check', () => {
    expect(fixtures.map((fixture) => fixture.name)).toContain('clean-quadrants');
    expect(fixtures.length).toBeGreaterThanOrEqual(16);
  });

  describe.each(fixtures.map((fixture) => [fixture.name, fixture] as const))('fixture %s', (_name, fixture) => {
    it(`finds what the fixture expects: ${fixture.description}`, () => {
      expectPartitionProblems(checkPartition(fixture.parent, fixture.children), fixture.expected);
    });
  });

  it('reports an invalid parent outline under the parent code', () => {
    const bowTie = {
      type: 'Feature' as const,
      properties: { code: '620724990000' },
      geometry: {
        type: 'Polygon' as const,
        coordinates: [
          [
            [0, 0],
            [1, 1],
            [1, 0],
            [0, 1],
            [0, 0],
          ],
        ],
      },
    };
    const result = checkPartition(bowTie, []);
    const invalid = result.problems.filter((problem) => problem.kind === 'invalid_geometry');
    expect(invalid.map((problem) => problem.codes)).toEqual([['620724990000']]);
    expect(invalid[0]?.location.coordinates).toEqual([0.5, 0.5]);
  });

  it('reports the whole parent as one gap when it has no children', () => {
    const fixture = fixtures.find((candidate) => candidate.name === 'clean-quadrants')!;
    const result = checkPartition(fixture.parent, []);
    const wholeArea = checkPartition(fixture.parent, fixture.children.slice(0, 1)).problems[0]?.areaSquareMeters ?? 0;
    expect(result.problems.map((problem) => problem.kind)).toEqual(['gap']);
    // Three quadrants missing are three quarters of the whole.
    expect(wholeArea / (result.problems[0]?.areaSquareMeters ?? 1)).toBeCloseTo(0.75, 3);
  });

  it('lets a larger tolerance pass a sliver the default reports', () => {
    const fixture = fixtures.find((candidate) => candidate.name === 'sliver-gap-over-tolerance')!;
    expect(checkPartition(fixture.parent, fixture.children).ok).toBe(false);
    expect(checkPartition(fixture.parent, fixture.children, { toleranceSquareMeters: 50 }).ok).toBe(true);
  });

  it('reports each separate gap piece on its own', () => {
    const fixture = fixtures.find((candidate) => candidate.name === 'clean-quadrants')!;
    const [southWest, southEast, northWest, northEast] = fixture.children as [
      ChildGridFeature,
      ChildGridFeature,
      ChildGridFeature,
      ChildGridFeature,
    ];
    const result = checkPartition(fixture.parent, [southEast, northWest]);
    expect(result.problems.map((problem) => problem.kind)).toEqual(['gap', 'gap']);
    const insideSouthWest = result.problems.some((problem) =>
      pointInRing(problem.location.coordinates, southWest.geometry.coordinates[0] as number[][]),
    );
    const insideNorthEast = result.problems.some((problem) =>
      pointInRing(problem.location.coordinates, northEast.geometry.coordinates[0] as number[][]),
    );
    expect([insideSouthWest, insideNorthEast]).toEqual([true, true]);
  });
});

/** Axis-aligned rectangle test: the fixture quadrants are rectangles. */
function pointInRing([x = 0, y = 0]: number[], ring: number[][]): boolean {
  const xs = ring.map((position) => position[0] ?? 0);
  const ys = ring.map((position) => position[1] ?? 0);
  return x > Math.min(...xs) && x < Math.max(...xs) && y > Math.min(...ys) && y < Math.max(...ys);
}

describe('checkPartition at planner scale', () => {
  const partition = voronoiPartition(1000, 4);

  it('passes a generated 1,000-grid partition whose edges the parent splits differently', () => {
    expect(partition.children.length).toBe(1000);
    expect(checkPartition(partition.parent, partition.children)).toEqual({ ok: true, problems: [] });
  });

  it('finds the gap left by one removed grid among 1,000 and nothing else', () => {
    const removed = partition.children[500]!;
    const result = checkPartition(
      partition.parent,
      partition.children.filter((child) => child !== removed),
    );
    expect(result.problems.map((problem) => problem.kind)).toEqual(['gap']);
    expect(result.problems[0]!.areaSquareMeters! / area(removed)).toBeCloseTo(1, 4);
    expect(booleanPointInPolygon(result.problems[0]!.location, removed)).toBe(true);
  });
});
