import type { Point, Position } from 'geojson';
import type { GridOutline } from './partitionProblem.js';

/**
 * A point strictly inside a polygon, even a thin sliver or a ring-shaped piece where the centroid
 * falls outside (turf.pointOnFeature then falls back to a vertex, which lies on the boundary).
 *
 * Algorithm after JTS InteriorPointArea (EPL/EDL): scan a horizontal line through the middle of the
 * bounding box, nudged halfway between the two nearest vertex latitudes so it never passes through
 * a vertex; the midpoint of the widest interval where the line is inside the polygon is the answer.
 * Planar in lon/lat, the same frame turf's point-in-polygon uses.
 */
export function interiorPoint(outline: GridOutline): Point {
  const polygons = outline.type === 'Polygon' ? [outline.coordinates] : outline.coordinates;
  let best: { x: number; y: number; width: number } | null = null;
  for (const rings of polygons) {
    const interval = widestScanInterval(rings);
    if (interval && (!best || interval.width > best.width)) best = interval;
  }
  if (best) return { type: 'Point', coordinates: [best.x, best.y] };
  // A zero-height outline has no inside; its first vertex is the best there is.
  const first = polygons[0]?.[0]?.[0] ?? [0, 0];
  return { type: 'Point', coordinates: [first[0] ?? 0, first[1] ?? 0] };
}

function widestScanInterval(rings: Position[][]): { x: number; y: number; width: number } | null {
  const shell = rings[0];
  if (!shell || shell.length < 4) return null;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const [, y = 0] of shell) {
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  const centreY = (minY + maxY) / 2;
  let loY = minY;
  let hiY = maxY;
  for (const ring of rings) {
    for (const [, y = 0] of ring) {
      if (y <= centreY && y > loY) loY = y;
      if (y > centreY && y < hiY) hiY = y;
    }
  }
  const scanY = (loY + hiY) / 2;
  if (!(scanY > minY && scanY < maxY)) return null;

  const crossings: number[] = [];
  for (const ring of rings) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const [ax = 0, ay = 0] = ring[i] ?? [];
      const [bx = 0, by = 0] = ring[i + 1] ?? [];
      if (ay > scanY !== by > scanY) crossings.push(ax + ((scanY - ay) * (bx - ax)) / (by - ay));
    }
  }
  crossings.sort((a, b) => a - b);
  let best: { x: number; y: number; width: number } | null = null;
  for (let i = 0; i + 1 < crossings.length; i += 2) {
    const from = crossings[i] ?? 0;
    const to = crossings[i + 1] ?? 0;
    if (!best || to - from > best.width) best = { x: (from + to) / 2, y: scanY, width: to - from };
  }
  return best;
}
