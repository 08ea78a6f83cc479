import { feature, featureCollection, union } from '@turf/turf';
import type { GridOutline } from './partitionProblem.js';

/** The area covered by all outlines together, in one polyclip sweep; null for none. */
export function unionOfOutlines(outlines: readonly GridOutline[]): GridOutline | null {
  if (outlines.length === 0) return null;
  // turf.union refuses a single input; the union of one outline is itself.
  if (outlines.length === 1) return outlines[0] ?? null;
  return union(featureCollection(outlines.map((outline) => feature(outline))))?.geometry ?? null;
}
