import { bboxPolygon, feature, featureCollection, intersect } from '@turf/turf';
import { boxesMeet } from '../partition/boxesMeet.js';
import { gapProblems } from '../partition/gapProblems.js';
import { nonContiguousProblem } from '../partition/nonContiguousProblem.js';
import { outsideParentProblems } from '../partition/outsideParentProblems.js';
import { overlapProblems } from '../partition/overlapProblems.js';
import type { GridOutline, PartitionProblem } from '../partition/partitionProblem.js';
import type { PreparedChild } from '../partition/preparedChild.js';
import { unmatchedEdgesBox } from '../partition/tilesExactly.js';
import { unionOfOutlines } from '../partition/unionOfOutlines.js';

/**
 * `checkPartition` (domain/partition/checkPartition.ts) over children prepared beforehand, so a
 * plan's live validation prepares (validity, box, area) only the grids that changed since the last
 * check and reuses the rest. Same steps, same problems; the parent outline must be valid (it is a
 * stored grid, which the database keeps valid).
 */
export function checkPreparedPartition(
  parent: GridOutline,
  children: readonly PreparedChild[],
  toleranceSquareMeters: number,
): PartitionProblem[] {
  const problems: PartitionProblem[] = [];
  for (const child of children) if (child.invalid) problems.push(child.invalid);
  for (const child of children) {
    const detached = nonContiguousProblem(child, toleranceSquareMeters);
    if (detached) problems.push(detached);
  }
  const problemBox = unmatchedEdgesBox(parent, usable(children));
  if (!problemBox) return problems;
  const local = children.filter((child) => child.outline && boxesMeet(child.bbox, problemBox));
  const covered = unionOfOutlines(usable(local));
  const localParent = intersect(featureCollection([feature(parent), bboxPolygon(problemBox)]));
  if (localParent) problems.push(...gapProblems(localParent.geometry, covered, toleranceSquareMeters));
  problems.push(...overlapProblems(local, covered, toleranceSquareMeters));
  problems.push(...outsideParentProblems(parent, covered, local, toleranceSquareMeters));
  return problems;
}

function usable(children: readonly PreparedChild[]): GridOutline[] {
  return children.flatMap((child) => (child.outline ? [child.outline] : []));
}
