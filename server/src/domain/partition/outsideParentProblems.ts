import { bbox, difference, feature, featureCollection, intersect } from '@turf/turf';
import { boxesMeet } from './boxesMeet.js';
import { interiorPoint } from './interiorPoint.js';
import { outlineOfPieces, outlinePieces } from './outlinePieces.js';
import type { GridOutline, PartitionProblem } from './partitionProblem.js';
import type { PreparedChild } from './preparedChild.js';

/**
 * Children reaching outside the parent, one problem per child whose outside part is at or above
 * the tolerance.
 *
 * Clipping every child against the parent costs one parent-sized operation per child (a county
 * outline has ~1,000 vertices); instead the covered area minus the parent is computed once and
 * only children whose box meets one of its pieces are clipped against those pieces.
 */
export function outsideParentProblems(
  parent: GridOutline,
  covered: GridOutline | null,
  children: readonly PreparedChild[],
  toleranceSquareMeters: number,
): PartitionProblem[] {
  if (!covered) return [];
  const outside = outlinePieces(difference(featureCollection([feature(covered), feature(parent)]))).map((piece) => ({
    ...piece,
    bbox: bbox(piece.polygon),
  }));
  if (outside.length === 0) return [];

  const problems: PartitionProblem[] = [];
  for (const child of children) {
    if (!child.outline) continue;
    const near = outside.filter((piece) => boxesMeet(piece.bbox, child.bbox));
    if (near.length === 0) continue;
    const pieces = outlinePieces(
      intersect(featureCollection([feature(child.outline), feature(outlineOfPieces(near))])),
    );
    const outsideSquareMeters = pieces.reduce((sum, piece) => sum + piece.areaSquareMeters, 0);
    if (outsideSquareMeters < toleranceSquareMeters || !pieces[0]) continue;
    problems.push({
      kind: 'outside_parent',
      codes: [child.code],
      areaSquareMeters: outsideSquareMeters,
      location: interiorPoint(pieces[0].polygon),
      geometry: outlineOfPieces(pieces),
    });
  }
  return problems;
}
