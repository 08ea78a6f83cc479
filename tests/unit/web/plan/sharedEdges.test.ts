import { describe, expect, it } from 'vitest';
import type { MultiPolygon, Position } from 'geojson';
import {
  asMultiPolygon,
  gridsSharingVertex,
  indexVertices,
  moveVertex,
  neighboursOf,
  shareAnEdge,
  type EditableGrid,
} from '../../../../web/src/features/plan/editing/sharedEdges.js';

const square = (ring: Position[]): MultiPolygon => ({ type: 'MultiPolygon', coordinates: [[ring]] });

// Two unit squares side by side sharing the edge x = 1, and a third touching the second at one corner only.
const west: EditableGrid = {
  code: 'A',
  geometry: square([
    [0, 0],
    [1, 0],
    [1, 1],
    [0, 1],
    [0, 0],
  ]),
};
const east: EditableGrid = {
  code: 'B',
  geometry: square([
    [1, 0],
    [2, 0],
    [2, 1],
    [1, 1],
    [1, 0],
  ]),
};
const corner: EditableGrid = {
  code: 'C',
  geometry: square([
    [2, 1],
    [3, 1],
    [3, 2],
    [2, 2],
    [2, 1],
  ]),
};
const grids = [west, east, corner];

describe('sharedEdges', () => {
  it('indexes each ring vertex once, leaving out the closing repeat', () => {
    const index = indexVertices([west]);
    expect(index.size).toBe(4);
    expect(index.get('0,0')).toEqual([{ code: 'A', polygon: 0, ring: 0, index: 0 }]);
  });

  it('finds every grid with a vertex at exactly that position', () => {
    expect(gridsSharingVertex(grids, [1, 1])).toEqual(['A', 'B']);
    expect(gridsSharingVertex(grids, [2, 1])).toEqual(['B', 'C']);
    expect(gridsSharingVertex(grids, [1.0000001, 1])).toEqual([]);
  });

  it('moves a shared vertex in both neighbours, so the shared edge stays one edge', () => {
    const moved = moveVertex(grids, [1, 1], [1.2, 1.1]);
    expect([...moved.keys()]).toEqual(['A', 'B']);
    expect(moved.get('A')!.coordinates[0]![0]![2]).toEqual([1.2, 1.1]);
    expect(moved.get('B')!.coordinates[0]![0]![3]).toEqual([1.2, 1.1]);
    expect(shareAnEdge(moved.get('A')!, moved.get('B')!)).toBe(true);
    // The input is not modified.
    expect(west.geometry.coordinates[0]![0]![2]).toEqual([1, 1]);
  });

  it('moves the closing position of a ring together with its first', () => {
    const moved = moveVertex([west], [0, 0], [-0.5, 0]).get('A')!;
    const ring = moved.coordinates[0]![0]!;
    expect(ring[0]).toEqual([-0.5, 0]);
    expect(ring.at(-1)).toEqual([-0.5, 0]);
  });

  it('calls grids adjacent only when they share a whole edge, in either direction', () => {
    expect(shareAnEdge(west.geometry, east.geometry)).toBe(true);
    expect(shareAnEdge(east.geometry, corner.geometry)).toBe(false);
    expect(neighboursOf(grids, 'B')).toEqual(['A']);
  });

  it('wraps a Polygon as a one-part MultiPolygon', () => {
    expect(
      asMultiPolygon({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [0, 1],
            [0, 0],
          ],
        ],
      }),
    ).toEqual({
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [0, 0],
            [1, 0],
            [0, 1],
            [0, 0],
          ],
        ],
      ],
    });
  });
});
