import { bbox, booleanPointInPolygon } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import type { SeededRandom } from './seededRandom.js';

/** A uniformly drawn point inside the shape (rejection sampling in its bounding box). */
export function randomPointIn(shape: Polygon | MultiPolygon, random: SeededRandom): [number, number] {
  const [minX, minY, maxX, maxY] = bbox(shape);
  for (let attempt = 0; attempt < 100_000; attempt++) {
    const candidate: [number, number] = [random.between(minX, maxX), random.between(minY, maxY)];
    if (booleanPointInPolygon(candidate, shape)) return candidate;
  }
  throw new Error('no point found inside the polygon');
}
