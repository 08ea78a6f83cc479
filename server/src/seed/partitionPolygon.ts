import {
  area,
  bbox,
  booleanPointInPolygon,
  featureCollection,
  intersect,
  length,
  polygon,
  polygonToLine,
  union,
  voronoi,
  point,
} from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';

/**
 * Splits a polygon into one contiguous piece per seed: the seeds' Voronoi cells clipped to the
 * parent. A cell clipped by a concave parent can fall apart; its stray parts are merged into the
 * neighbouring piece that shares the longest border, so every piece is a single polygon. The pieces
 * come from the same clipped edges, so they tile the parent without gaps or overlaps (up to
 * floating-point noise far below 1 m²). Seeds must lie inside the parent and be distinct.
 */
export function partitionPolygon(parent: Polygon, seeds: readonly Position[]): Polygon[] {
  if (seeds.length === 0) throw new RangeError('partition needs at least one seed');
  if (seeds.some((seed) => !booleanPointInPolygon([...seed], parent)))
    throw new RangeError('a seed lies outside the parent polygon');
  if (seeds.length === 1) return [parent];
  const [minX, minY, maxX, maxY] = bbox(parent);
  const margin = Math.max(maxX - minX, maxY - minY);
  const cells = voronoi(featureCollection(seeds.map((seed) => point([...seed]))), {
    bbox: [minX - margin, minY - margin, maxX + margin, maxY + margin],
  });
  const parentFeature: Feature<Polygon> = { type: 'Feature', properties: {}, geometry: parent };
  const pieces: (Feature<Polygon> | null)[] = [];
  const strays: Feature<Polygon>[] = [];
  seeds.forEach((seed, index) => {
    const cell = cells.features[index];
    if (!cell) throw new RangeError(`seed ${index} has no Voronoi cell (duplicate seed?)`);
    const clipped = cellInside(cell.geometry as Polygon, parent)
      ? (cell as Feature<Polygon>)
      : intersect(featureCollection([cell as Feature<Polygon>, parentFeature]));
    const parts = clipped ? polygonParts(clipped.geometry) : [];
    if (parts.length === 0) {
      pieces.push(null);
      return;
    }
    const home = parts.find((part) => booleanPointInPolygon([...seed], part)) ?? largest(parts);
    pieces.push(home);
    for (const part of parts) if (part !== home) strays.push(part);
  });
  if (pieces.some((piece) => piece === null)) throw new RangeError('a seed lies outside the parent polygon');
  mergeStrays(pieces as Feature<Polygon>[], strays);
  return (pieces as Feature<Polygon>[]).map((piece) => piece.geometry);
}

/**
 * A convex cell lies inside the parent when all its corners do and no parent vertex falls in its
 * box (a parent edge cutting the cell would leave a corner outside or put a vertex inside). Skips
 * the costly exact clip for interior cells.
 */
function cellInside(cell: Polygon, parent: Polygon): boolean {
  const ring = cell.coordinates[0]!;
  if (!ring.every((corner) => booleanPointInPolygon(corner, parent, { ignoreBoundary: true }))) return false;
  const [minX, minY, maxX, maxY] = bbox(cell);
  return parent.coordinates.every((parentRing) =>
    parentRing.every(([x, y]) => x! < minX || x! > maxX || y! < minY || y! > maxY),
  );
}

function polygonParts(geometry: Polygon | MultiPolygon): Feature<Polygon>[] {
  const rings = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return rings.map((coordinates) => polygon(coordinates));
}

function largest(parts: Feature<Polygon>[]): Feature<Polygon> {
  return parts.reduce((best, part) => (area(part) > area(best) ? part : best));
}

function perimeterKm(shape: Feature<Polygon>): number {
  return length(polygonToLine(shape) as Feature<never>);
}

function boxesTouch(a: Feature<Polygon>, b: Feature<Polygon>): boolean {
  const [ax0, ay0, ax1, ay1] = bbox(a);
  const [bx0, by0, bx1, by1] = bbox(b);
  return ax0 <= bx1 && bx0 <= ax1 && ay0 <= by1 && by0 <= ay1;
}

/**
 * Each stray part joins the piece it shares the longest border with (shared length =
 * (perimeter a + perimeter b − perimeter of the union) / 2), provided the union is one polygon.
 * A stray touching only other strays waits for a later round.
 */
function mergeStrays(pieces: Feature<Polygon>[], strays: Feature<Polygon>[]): void {
  let pending = strays;
  for (let round = 0; pending.length > 0; round++) {
    if (round > 20) throw new Error(`partition left ${pending.length} detached parts`);
    const waiting: Feature<Polygon>[] = [];
    for (const stray of pending) {
      let best: { index: number; merged: Feature<Polygon>; shared: number } | null = null;
      const strayPerimeter = perimeterKm(stray);
      pieces.forEach((piece, index) => {
        if (!boxesTouch(stray, piece)) return;
        const merged = union(featureCollection([piece, stray]));
        if (!merged || merged.geometry.type !== 'Polygon') return;
        const candidate = polygon(merged.geometry.coordinates);
        const shared = (strayPerimeter + perimeterKm(piece) - perimeterKm(candidate)) / 2;
        if (shared > 1e-6 && (!best || shared > best.shared)) best = { index, merged: candidate, shared };
      });
      const chosen = best as { index: number; merged: Feature<Polygon> } | null;
      if (chosen) pieces[chosen.index] = chosen.merged;
      else waiting.push(stray);
    }
    pending = waiting;
  }
}
