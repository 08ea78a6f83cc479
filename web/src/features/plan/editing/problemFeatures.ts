import type { Feature, FeatureCollection, Geometry, MultiPolygon, Point, Polygon, Position } from 'geojson';
import type { PlanProblem } from '../../../lib/api/plansTypes.js';

export interface ProblemFeatureProperties {
  /** Index in the problem list, so a click on the map can select the row. */
  index: number;
  kind: string;
  code: string;
  /** "gap 1,234 m²"-style text drawn beside the marker. */
  label: string;
}

/**
 * The problems that have a location, as map features: polygons where the problem is an area (a gap,
 * an overlap) plus a point at each one so small areas are still visible at low zoom. `label` words
 * each one with `describe` (the view's localised text).
 */
export function problemFeatures(
  problems: readonly PlanProblem[],
  describe: (problem: PlanProblem) => string,
): FeatureCollection<Geometry, ProblemFeatureProperties> {
  const features: Feature<Geometry, ProblemFeatureProperties>[] = [];
  problems.forEach((problem, index) => {
    const location = problem.location;
    if (!location) return;
    const properties = { index, kind: problem.kind, code: problem.code ?? '', label: describe(problem) };
    if (location.type === 'Polygon' || location.type === 'MultiPolygon') {
      features.push({ type: 'Feature', geometry: location, properties });
      features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: centreOf(location) }, properties });
    } else if (location.type === 'Point') {
      features.push({ type: 'Feature', geometry: location as Point, properties });
    }
  });
  return { type: 'FeatureCollection', features };
}

/** The mean of the outer ring's vertices: good enough for a marker on a small gap or sliver. */
export function centreOf(geometry: Polygon | MultiPolygon): Position {
  const ring = geometry.type === 'Polygon' ? geometry.coordinates[0] : geometry.coordinates[0]?.[0];
  if (!ring || ring.length === 0) return [0, 0];
  const points = ring.length > 1 ? ring.slice(0, -1) : ring;
  const sum = points.reduce((total, [x = 0, y = 0]) => [total[0]! + x, total[1]! + y], [0, 0]);
  return [sum[0]! / points.length, sum[1]! / points.length];
}

/** Square metres as people read them: 1,234 m², or 1.2 ha from a hectare up (zh-CN and en alike). */
export function formatArea(squareMeters: number): string {
  if (squareMeters >= 10_000) return `${(squareMeters / 10_000).toLocaleString('en', { maximumFractionDigits: 1 })} ha`;
  return `${Math.round(squareMeters).toLocaleString('en')} m²`;
}
