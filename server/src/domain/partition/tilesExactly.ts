import type { BBox, Position } from 'geojson';
import type { GridOutline } from './partitionProblem.js';

/**
 * True when the children's boundaries, added up as oriented edges, equal the parent's boundary
 * exactly: every inner edge is walked once in each direction by two neighbours and cancels, and
 * what is left is the parent's outline, edge for edge. The children's winding numbers then add up
 * to the parent's indicator everywhere (a 2-chain whose boundary is zero is constant, and zero far
 * away), so each point of the parent lies in exactly one child and no point outside lies in any:
 * no gap, no overlap, nothing outside — proven without clipping, in time linear in the vertices.
 *
 * Edges that do not cancel at first are mostly the parent's long edges, which the children split
 * where their inner boundaries meet it (a T-junction; the same between neighbours). They are cut at
 * every leftover vertex lying on them (within {@link onEdgeDegrees}, as a computed meeting point is
 * rarely exactly collinear in floating point) and cancelled again; the area this can hide is below
 * 1e-9° × the boundary length, far under any tolerance. Outlines must be valid.
 */
export function tilesExactly(parent: GridOutline, children: readonly GridOutline[]): boolean {
  return unmatchedEdgesBox(parent, children) === null;
}

/**
 * The bounding box of the edges that did not cancel, null when all did. Every gap, overlap and
 * outside part lies inside it: such a region is where the summed winding numbers are not zero,
 * and its boundary is made of uncancelled edges, so it cannot reach beyond their box.
 */
export function unmatchedEdgesBox(parent: GridOutline, children: readonly GridOutline[]): BBox | null {
  const edges = new Map<string, number>();
  for (const child of children) addOutline(edges, child, 1);
  addOutline(edges, parent, -1);
  if (edges.size === 0) return null;
  const left = splitAtVerticesOnEdges(edges);
  if (left.size === 0) return null;
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const key of left.keys()) {
    const [ax = 0, ay = 0, bx = 0, by = 0] = key.split(',').map(Number);
    box[0] = Math.min(box[0], ax, bx);
    box[1] = Math.min(box[1], ay, by);
    box[2] = Math.max(box[2], ax, bx);
    box[3] = Math.max(box[3], ay, by);
  }
  return box;
}

function addOutline(edges: Map<string, number>, outline: GridOutline, sign: 1 | -1): void {
  const polygons = outline.type === 'Polygon' ? [outline.coordinates] : outline.coordinates;
  for (const rings of polygons) {
    rings.forEach((ring, index) => {
      // Shells counter-clockwise, holes clockwise, whatever the input's winding.
      const counterClockwise = signedArea(ring) > 0;
      const direction = (index === 0) === counterClockwise ? 1 : -1;
      addRing(edges, ring, sign * direction);
    });
  }
}

function addRing(edges: Map<string, number>, ring: Position[], sign: number): void {
  for (let i = 0; i + 1 < ring.length; i++) addEdge(edges, ring[i] as Position, ring[i + 1] as Position, sign);
}

/** Adds `count` walks of the edge a→b (negative: b→a); opposite walks cancel. */
function addEdge(edges: Map<string, number>, a: Position, b: Position, count: number): void {
  const ax = a[0] ?? 0;
  const ay = a[1] ?? 0;
  const bx = b[0] ?? 0;
  const by = b[1] ?? 0;
  if (ax === bx && ay === by) return;
  const forward = ax < bx || (ax === bx && ay < by);
  const key = forward ? `${ax},${ay},${bx},${by}` : `${bx},${by},${ax},${ay}`;
  const next = (edges.get(key) ?? 0) + (forward ? count : -count);
  if (next === 0) edges.delete(key);
  else edges.set(key, next);
}

/** Shoelace area in degrees², positive for counter-clockwise rings. */
function signedArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i] as Position;
    const b = ring[i + 1] as Position;
    sum += (a[0] ?? 0) * (b[1] ?? 0) - (b[0] ?? 0) * (a[1] ?? 0);
  }
  return sum / 2;
}

/** ~0.1 mm: how far a vertex may sit off an edge and still count as lying on it, in degrees. */
export const onEdgeDegrees = 1e-9;

/** Second pass: cut each leftover edge at the leftover vertices on it, then cancel again. */
function splitAtVerticesOnEdges(edges: Map<string, number>): Map<string, number> {
  const segments = [...edges.entries()].map(([key, count]) => ({ coords: key.split(',').map(Number), count }));
  const vertexKeys = new Set<string>();
  for (const { coords } of segments) {
    vertexKeys.add(`${coords[0]},${coords[1]}`);
    vertexKeys.add(`${coords[2]},${coords[3]}`);
  }
  const vertices = [...vertexKeys].map((key) => key.split(',').map(Number) as [number, number]);
  vertices.sort((a, b) => a[0] - b[0]);
  const xs = vertices.map((vertex) => vertex[0]);

  const result = new Map<string, number>();
  for (const { coords, count } of segments) {
    const [ax = 0, ay = 0, bx = 0, by = 0] = coords;
    const dx = bx - ax;
    const dy = by - ay;
    const length = Math.hypot(dx, dy);
    const cuts: Array<{ t: number; x: number; y: number }> = [];
    const minY = Math.min(ay, by) - onEdgeDegrees;
    const maxY = Math.max(ay, by) + onEdgeDegrees;
    for (let i = lowerBound(xs, Math.min(ax, bx) - onEdgeDegrees); i < vertices.length; i++) {
      const [x, y] = vertices[i] as [number, number];
      if (x > Math.max(ax, bx) + onEdgeDegrees) break;
      if (y < minY || y > maxY) continue;
      const along = ((x - ax) * dx + (y - ay) * dy) / length;
      if (along <= onEdgeDegrees || along >= length - onEdgeDegrees) continue;
      if (Math.abs(dx * (y - ay) - dy * (x - ax)) / length > onEdgeDegrees) continue;
      cuts.push({ t: along, x, y });
    }
    cuts.sort((p, q) => p.t - q.t);
    let from: Position = [ax, ay];
    for (const cut of [...cuts, { t: length, x: bx, y: by }]) {
      addEdge(result, from, [cut.x, cut.y], count);
      from = [cut.x, cut.y];
    }
  }
  return result;
}

function lowerBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((sorted[middle] ?? 0) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
