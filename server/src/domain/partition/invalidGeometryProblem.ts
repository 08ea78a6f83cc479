import type { Position } from 'geojson';
import { booleanValid, kinks, polygon } from '@turf/turf';
import { interiorPoint } from './interiorPoint.js';
import type { GridOutline, PartitionProblem } from './partitionProblem.js';

/**
 * An `invalid_geometry` problem when the outline crosses itself (a bow-tie, a hole crossing its
 * shell) or is malformed (unclosed ring, fewer than 4 positions, spikes), else null.
 *
 * turf.booleanValid alone misses bow-ties, so self-intersections come from turf.kinks, run per
 * polygon: parts of a MultiPolygon that touch at a point are valid (OGC) and must not count.
 * (turf.kinks also flags a hole touching its shell at one point, which OGC allows; rare in grids.)
 */
export function invalidGeometryProblem(outline: GridOutline, code: string): PartitionProblem | null {
  const polygons = outline.type === 'Polygon' ? [outline.coordinates] : outline.coordinates;
  for (const rings of polygons) {
    if (!rings.every(isClosedRing))
      return { kind: 'invalid_geometry', codes: [code], location: interiorPoint(outline) };
    const first = kinks(polygon(rings)).features[0];
    if (first) return { kind: 'invalid_geometry', codes: [code], location: first.geometry };
  }
  if (!booleanValid(outline)) return { kind: 'invalid_geometry', codes: [code], location: interiorPoint(outline) };
  return null;
}

function isClosedRing(ring: Position[]): boolean {
  const first = ring[0];
  const last = ring[ring.length - 1];
  return ring.length >= 4 && !!first && !!last && first[0] === last[0] && first[1] === last[1];
}
