import { area, feature, featureCollection, intersect } from '@turf/turf';
import { interiorPoint } from './interiorPoint.js';
import { outlineOfPieces, outlinePieces } from './outlinePieces.js';
import { overlapCandidatePairs } from './overlapCandidatePairs.js';
import type { GridOutline, PartitionProblem } from './partitionProblem.js';
import type { PreparedChild } from './preparedChild.js';

/**
 * Pairs of children that share area, one problem per pair at or above the tolerance; codes sorted.
 *
 * Fast path: the children's areas add up to the area they cover plus every overlap (an area
 * covered k times adds k−1 times), so when that excess is under the tolerance no single pair can
 * reach it and the pairwise clipping — the costly part — is skipped. That is the usual case for a
 * planner's live validation of a clean partition.
 */
export function overlapProblems(
  children: readonly PreparedChild[],
  covered: GridOutline | null,
  toleranceSquareMeters: number,
): PartitionProblem[] {
  const usable = children.filter((child): child is PreparedChild & { outline: GridOutline } => child.outline !== null);
  if (usable.length < 2) return [];
  const excessSquareMeters =
    usable.reduce((sum, child) => sum + child.areaSquareMeters, 0) - (covered ? area(covered) : 0);
  if (excessSquareMeters < toleranceSquareMeters) return [];

  const problems: PartitionProblem[] = [];
  for (const [i, j] of overlapCandidatePairs(usable.map((child) => child.bbox))) {
    const a = usable[i];
    const b = usable[j];
    if (!a || !b) continue;
    const shared = intersect(featureCollection([feature(a.outline), feature(b.outline)]));
    const pieces = outlinePieces(shared);
    const overlapAreaSquareMeters = pieces.reduce((sum, piece) => sum + piece.areaSquareMeters, 0);
    if (overlapAreaSquareMeters < toleranceSquareMeters || !pieces[0]) continue;
    problems.push({
      kind: 'overlap',
      codes: [a.code, b.code].sort(),
      areaSquareMeters: overlapAreaSquareMeters,
      location: interiorPoint(pieces[0].polygon),
      geometry: outlineOfPieces(pieces),
    });
  }
  return problems;
}
