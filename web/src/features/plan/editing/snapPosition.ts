import type { Position } from 'geojson';
import { vertexKey } from './sharedEdges.js';

/** Screen pixels, as MapLibre's `project` gives them. */
export type Pixel = [number, number];

export interface SnapInput {
  /** Where the pointer is, in longitude/latitude. */
  pointer: Position;
  /** Outlines to snap to: neighbouring grids' rings and the parent's outline. */
  rings: readonly Position[][];
  project: (position: Position) => Pixel;
  unproject: (pixel: Pixel) => Position;
  /** Snap within this many pixels (default 10). */
  thresholdPx?: number;
  /**
   * The vertex being dragged (its position before the drag): edges that end at it move with it, so
   * snapping to them would chase the pointer.
   */
  moving?: Position;
}

export type SnapResult = { position: Position; snapped: 'vertex' | 'edge' | null };

export const defaultSnapPx = 10;

/**
 * Snaps a pointer to the nearest vertex within the threshold, else to the nearest point on an
 * edge within it, else leaves it. Distances are measured on screen, so snapping feels the same at
 * every zoom; a vertex wins over an edge so that corners are reused exactly (which keeps the
 * shared-vertex topology of sharedEdges.ts).
 */
export function snapPosition(input: SnapInput): SnapResult {
  const threshold = input.thresholdPx ?? defaultSnapPx;
  const pointer = input.project(input.pointer);
  const movingKey = input.moving ? vertexKey(input.moving) : null;
  let bestVertex: { position: Position; distance: number } | null = null;
  let bestEdge: { pixel: Pixel; distance: number } | null = null;
  for (const ring of input.rings) {
    for (let i = 0; i < ring.length; i++) {
      const position = ring[i]!;
      if (vertexKey(position) === movingKey) continue;
      const pixel = input.project(position);
      const distance = Math.hypot(pixel[0] - pointer[0], pixel[1] - pointer[1]);
      if (distance <= threshold && (!bestVertex || distance < bestVertex.distance)) bestVertex = { position, distance };
      const next = ring[i + 1];
      if (!next || vertexKey(next) === movingKey) continue;
      const nearest = nearestOnSegment(pointer, pixel, input.project(next));
      const edgeDistance = Math.hypot(nearest[0] - pointer[0], nearest[1] - pointer[1]);
      if (edgeDistance <= threshold && (!bestEdge || edgeDistance < bestEdge.distance)) {
        bestEdge = { pixel: nearest, distance: edgeDistance };
      }
    }
  }
  if (bestVertex) return { position: [bestVertex.position[0]!, bestVertex.position[1]!], snapped: 'vertex' };
  if (bestEdge) return { position: input.unproject(bestEdge.pixel), snapped: 'edge' };
  return { position: input.pointer, snapped: null };
}

/** The point of segment a–b nearest to p (all in pixels). */
export function nearestOnSegment(p: Pixel, a: Pixel, b: Pixel): Pixel {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const lengthSquared = dx * dx + dy * dy;
  if (lengthSquared === 0) return a;
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / lengthSquared));
  return [a[0] + t * dx, a[1] + t * dy];
}
