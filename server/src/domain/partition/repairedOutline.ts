import { featureCollection, feature, union } from '@turf/turf';
import type { GridOutline } from './partitionProblem.js';

/**
 * A usable outline for an invalid one, so the other checks still see the area it meant to cover
 * (PostGIS does the same with ST_MakeValid). Unioning the outline with itself makes polyclip
 * re-trace the rings: a bow-tie becomes its two triangles. Null when nothing area-like is left.
 */
export function repairedOutline(outline: GridOutline): GridOutline | null {
  try {
    return union(featureCollection([feature(outline), feature(outline)]))?.geometry ?? null;
  } catch {
    return null;
  }
}
