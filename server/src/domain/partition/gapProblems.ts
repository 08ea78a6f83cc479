import { difference, feature, featureCollection } from '@turf/turf';
import { interiorPoint } from './interiorPoint.js';
import { outlinePieces } from './outlinePieces.js';
import type { GridOutline, PartitionProblem } from './partitionProblem.js';

/**
 * Parts of the parent no child covers (parent minus the union of the children), one problem per
 * separate piece at or above the tolerance, so a planner sees each hole where it is.
 */
export function gapProblems(
  parent: GridOutline,
  covered: GridOutline | null,
  toleranceSquareMeters: number,
): PartitionProblem[] {
  const uncovered = covered ? difference(featureCollection([feature(parent), feature(covered)])) : feature(parent);
  return outlinePieces(uncovered)
    .filter((piece) => piece.areaSquareMeters >= toleranceSquareMeters)
    .map((piece) => ({
      kind: 'gap',
      areaSquareMeters: piece.areaSquareMeters,
      location: interiorPoint(piece.polygon),
      geometry: piece.polygon,
    }));
}
