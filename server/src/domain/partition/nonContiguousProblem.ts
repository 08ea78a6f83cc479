import { interiorPoint } from './interiorPoint.js';
import { outlineOfPieces, outlinePieces } from './outlinePieces.js';
import type { PartitionProblem } from './partitionProblem.js';
import type { PreparedChild } from './preparedChild.js';
import { repairedOutline } from './repairedOutline.js';

/**
 * A `non_contiguous` problem when a child is more than one piece (an exclave), else null. Parts
 * below the tolerance are digitising crumbs and do not count. The problem's geometry and area are
 * the detached parts: everything but the largest piece. Invalid children are left to their
 * invalid_geometry problem.
 */
export function nonContiguousProblem(child: PreparedChild, toleranceSquareMeters: number): PartitionProblem | null {
  if (child.invalid || !child.outline || child.outline.type === 'Polygon') return null;
  if (child.outline.coordinates.length < 2) return null;
  const pieces = outlinePieces(child.outline).filter((piece) => piece.areaSquareMeters >= toleranceSquareMeters);
  if (pieces.length < 2) return null;
  // Only now pay for a re-trace: parts of the MultiPolygon that share an edge are one piece.
  const merged = outlinePieces(repairedOutline(child.outline)).filter(
    (piece) => piece.areaSquareMeters >= toleranceSquareMeters,
  );
  const detached = merged.slice(1);
  if (!detached[0]) return null;
  return {
    kind: 'non_contiguous',
    codes: [child.code],
    areaSquareMeters: detached.reduce((sum, piece) => sum + piece.areaSquareMeters, 0),
    location: interiorPoint(detached[0].polygon),
    geometry: outlineOfPieces(detached),
  };
}
