import type { Position } from 'geojson';
import type { EditableGrid } from './sharedEdges.js';

/** Ray casting: whether `point` is inside `ring` (a closed ring; boundary points may go either way). */
export function ringContains(ring: readonly Position[], [x = 0, y = 0]: Position): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i]!;
    const [xj = 0, yj = 0] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * The code of the finest grid containing `point` (holes respected), or null. "Finest" is the
 * longest code: in a town plan a point is in a village and in one of its groups, and the group is
 * what a household belongs to.
 */
export function gridAt(grids: readonly EditableGrid[], point: Position): string | null {
  let found: string | null = null;
  for (const grid of grids) {
    const inside = grid.geometry.coordinates.some(
      ([outer, ...holes]) => outer && ringContains(outer, point) && !holes.some((hole) => ringContains(hole, point)),
    );
    if (inside && (!found || grid.code.length > found.length)) found = grid.code;
  }
  return found;
}
