import type { Feature, Polygon, Position } from 'geojson';
import { bboxPolygon, featureCollection, point, voronoi } from '@turf/turf';
import type { ChildGridFeature } from '../../../server/src/domain/partition/partitionProblem.js';

export interface GeneratedPartition {
  parent: Feature<Polygon, { code: string }>;
  children: ChildGridFeature[];
}

/**
 * A square parent tiled by `count` Voronoi cells (turf.voronoi builds neighbouring cells from the
 * same edge vertices, so they share edges exactly), each edge cut into `segmentsPerEdge` pieces
 * the same way from both sides so the cells carry village-like vertex counts. Deterministic.
 */
export function voronoiPartition(count: number, segmentsPerEdge = 1, seed = 7): GeneratedPartition {
  let state = seed;
  const random = () => (state = (state * 16807) % 2147483647) / 2147483647;
  const box: [number, number, number, number] = [99.4, 39.3, 99.8, 39.6];
  const sites = featureCollection(
    Array.from({ length: count }, () =>
      point([box[0] + random() * (box[2] - box[0]), box[1] + random() * (box[3] - box[1])]),
    ),
  );
  const cells = voronoi(sites, { bbox: box }).features.filter((cell): cell is Feature<Polygon> => cell !== null);
  return {
    parent: { ...bboxPolygon(box), properties: { code: '620724990000' } },
    children: cells.map((cell, index) => ({
      type: 'Feature',
      properties: { code: `620724990${String(index).padStart(3, '0')}` },
      geometry: {
        type: 'Polygon',
        coordinates: cell.geometry.coordinates.map((ring) => densified(ring, segmentsPerEdge)),
      },
    })),
  };
}

function densified(ring: Position[], segments: number): Position[] {
  const out: Position[] = [];
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i] as Position;
    const b = ring[i + 1] as Position;
    out.push(a);
    // Interpolate from the lexicographically smaller end so both neighbours compute equal points.
    const forward = (a[0] ?? 0) < (b[0] ?? 0) || ((a[0] ?? 0) === (b[0] ?? 0) && (a[1] ?? 0) < (b[1] ?? 0));
    const [from, to] = forward ? [a, b] : [b, a];
    const inner: Position[] = [];
    for (let k = 1; k < segments; k++) {
      const t = k / segments;
      inner.push([
        (from[0] ?? 0) + t * ((to[0] ?? 0) - (from[0] ?? 0)),
        (from[1] ?? 0) + t * ((to[1] ?? 0) - (from[1] ?? 0)),
      ]);
    }
    out.push(...(forward ? inner : inner.reverse()));
  }
  out.push(ring[ring.length - 1] as Position);
  return out;
}
