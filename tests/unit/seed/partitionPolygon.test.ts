import { area, booleanPointInPolygon, featureCollection, intersect, polygon, union } from '@turf/turf';
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { partitionPolygon } from '../../../server/src/seed/partitionPolygon.js';
import { nodeSharedEdges } from '../../../server/src/seed/sharedEdgeNoding.js';

// An L-shaped (concave) parent of about 2 × 2 km near Gaotai: Voronoi cells clipped to it can fall
// apart at the inner corner, which the generator must repair.
const parent: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [99.8, 39.38],
      [99.82, 39.38],
      [99.82, 39.39],
      [99.81, 39.39],
      [99.81, 39.4],
      [99.8, 39.4],
      [99.8, 39.38],
    ],
  ],
};
const seeds = [
  [99.805, 39.385],
  [99.815, 39.382],
  [99.803, 39.397],
  [99.818, 39.388],
  [99.808, 39.392],
];

function planarArea(shape: Polygon): number {
  return shape.coordinates.reduce((sum, ring, index) => {
    let twice = 0;
    for (let i = 1; i < ring.length; i++) twice += ring[i - 1]![0]! * ring[i]![1]! - ring[i]![0]! * ring[i - 1]![1]!;
    return sum + (index === 0 ? 1 : -1) * Math.abs(twice / 2);
  }, 0);
}

describe('partitionPolygon', () => {
  const pieces = partitionPolygon(parent, seeds);

  it('returns one single-part piece per seed, each containing its seed', () => {
    expect(pieces).toHaveLength(seeds.length);
    pieces.forEach((piece, index) => {
      expect(piece.type).toBe('Polygon');
      expect(booleanPointInPolygon(seeds[index]!, piece)).toBe(true);
    });
  });

  it('covers the parent exactly: the pieces add up to its area and their union is the parent', () => {
    const total = pieces.reduce((sum, piece) => sum + planarArea(piece), 0);
    expect(Math.abs(total - planarArea(parent))).toBeLessThan(1e-12);
    const merged = union(featureCollection(pieces.map((piece) => polygon(piece.coordinates))))!;
    expect(Math.abs(area(merged) - area(parent))).toBeLessThan(1);
  });

  it('puts no piece outside the parent and lets no two pieces overlap', () => {
    for (const piece of pieces) {
      const inside = intersect(featureCollection([polygon(piece.coordinates), polygon(parent.coordinates)]));
      expect(Math.abs(area(inside!) - area(piece))).toBeLessThan(1);
    }
    for (let i = 0; i < pieces.length; i++) {
      for (let j = i + 1; j < pieces.length; j++) {
        const overlap = intersect(
          featureCollection([polygon(pieces[i]!.coordinates), polygon(pieces[j]!.coordinates)]),
        );
        expect(overlap ? area(overlap) : 0).toBeLessThan(1);
      }
    }
  });

  it('refuses a seed outside the parent', () => {
    expect(() =>
      partitionPolygon(parent, [
        [99.805, 39.385],
        [99.9, 39.5],
      ]),
    ).toThrow(/outside/);
  });
});

describe('nodeSharedEdges', () => {
  it('inserts a neighbour vertex lying on an edge, so both sides share the same chain', () => {
    const big: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [2, 0],
          [2, 1],
          [0, 1],
          [0, 0],
        ],
      ],
    };
    const small: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
          [0, 0],
        ],
      ],
    };
    const [nodedBig, nodedSmall] = nodeSharedEdges([big, small]);
    expect(nodedBig!.coordinates[0]).toEqual([
      [0, 0],
      [1, 0],
      [2, 0],
      [2, 1],
      [1, 1],
      [0, 1],
      [0, 0],
    ]);
    expect(nodedSmall!.coordinates[0]).toEqual(small.coordinates[0]);
  });
});
