import { describe, expect, it } from 'vitest';
import type { Position } from 'geojson';
import { nearestOnSegment, snapPosition, type Pixel } from '../../../../web/src/features/plan/editing/snapPosition.js';

// A plain screen: 100 px per degree, y down.
const project = (p: Position): Pixel => [p[0]! * 100, -p[1]! * 100];
const unproject = (pixel: Pixel): Position => [pixel[0] / 100, -pixel[1] / 100];
const ring: Position[] = [
  [0, 0],
  [1, 0],
  [1, 1],
  [0, 1],
  [0, 0],
];

describe('snapPosition', () => {
  it('snaps to a vertex within the threshold and reuses its exact coordinates', () => {
    expect(snapPosition({ pointer: [1.05, 0.96], rings: [ring], project, unproject })).toEqual({
      position: [1, 1],
      snapped: 'vertex',
    });
  });

  it('snaps to the nearest point of an edge when no vertex is near', () => {
    const result = snapPosition({ pointer: [0.5, 1.07], rings: [ring], project, unproject });
    expect(result.snapped).toBe('edge');
    expect(result.position[0]).toBeCloseTo(0.5);
    expect(result.position[1]).toBeCloseTo(1);
  });

  it('leaves the pointer where it is beyond the threshold', () => {
    expect(snapPosition({ pointer: [0.5, 0.5], rings: [ring], project, unproject })).toEqual({
      position: [0.5, 0.5],
      snapped: null,
    });
  });

  it('measures the threshold in pixels', () => {
    const pointer: Position = [0.5, 1.15];
    expect(snapPosition({ pointer, rings: [ring], project, unproject }).snapped).toBeNull();
    expect(snapPosition({ pointer, rings: [ring], project, unproject, thresholdPx: 20 }).snapped).toBe('edge');
  });

  it('ignores the dragged vertex and the edges that end at it', () => {
    const result = snapPosition({ pointer: [0.95, 0.97], rings: [ring], project, unproject, moving: [1, 1] });
    expect(result.snapped).toBeNull();
  });

  it('prefers a vertex to a nearer edge, so corners are reused exactly', () => {
    const result = snapPosition({ pointer: [0.93, 1.01], rings: [ring], project, unproject });
    expect(result).toEqual({ position: [1, 1], snapped: 'vertex' });
  });

  it('finds the nearest point of a segment, clamped to its ends', () => {
    expect(nearestOnSegment([5, 5], [0, 0], [10, 0])).toEqual([5, 0]);
    expect(nearestOnSegment([-5, 5], [0, 0], [10, 0])).toEqual([0, 0]);
    expect(nearestOnSegment([3, 3], [2, 2], [2, 2])).toEqual([2, 2]);
  });
});
