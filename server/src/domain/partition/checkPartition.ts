import type { Feature } from 'geojson';
import { gapProblems } from './gapProblems.js';
import { invalidGeometryProblem } from './invalidGeometryProblem.js';
import { nonContiguousProblem } from './nonContiguousProblem.js';
import { outsideParentProblems } from './outsideParentProblems.js';
import { overlapProblems } from './overlapProblems.js';
import {
  defaultToleranceSquareMeters,
  type ChildGridFeature,
  type GridOutline,
  type PartitionCheck,
  type PartitionOptions,
  type PartitionProblem,
} from './partitionProblem.js';
import { prepareChild, type PreparedChild } from './preparedChild.js';
import { repairedOutline } from './repairedOutline.js';
import { unmatchedEdgesBox } from './tilesExactly.js';
import { boxesMeet } from './boxesMeet.js';
import { bboxPolygon, feature, featureCollection, intersect } from '@turf/turf';
import { unionOfOutlines } from './unionOfOutlines.js';

/**
 * Whether `children` tile `parent` exactly (全覆盖、无缝隙): no gap, no overlap, nothing outside
 * the parent, every child one piece with a valid outline. Pure: GeoJSON in, problems out, in the
 * order invalid_geometry, non_contiguous, gap, overlap, outside_parent. The PostGIS twin is
 * `repos/partitionRepo.ts` (same result shape, over the stored grids).
 *
 * Areas are geodesic square metres (turf.area); problems under `toleranceSquareMeters` (default
 * 1 m²) are ignored. Invalid outlines are reported and then checked in repaired form, like
 * ST_MakeValid, so their gaps and overlaps still show.
 *
 * Cost: edges shared exactly by neighbours cancel in linear time (see tilesExactly.ts), which
 * proves a clean partition without clipping; otherwise clipping runs only inside the box of the
 * edges that did not cancel. Measured in tests/unit/partition/checkPartition.bench.ts.
 */
export function checkPartition(
  parent: Feature<GridOutline>,
  children: readonly ChildGridFeature[],
  options: PartitionOptions = {},
): PartitionCheck {
  const tolerance = options.toleranceSquareMeters ?? defaultToleranceSquareMeters;
  const parentCode = String(parent.properties?.['code'] ?? '');
  const parentInvalid = invalidGeometryProblem(parent.geometry, parentCode);
  const parentOutline = parentInvalid ? repairedOutline(parent.geometry) : parent.geometry;

  const prepared = children.map(prepareChild);
  const problems: PartitionProblem[] = [];
  if (parentInvalid) problems.push(parentInvalid);
  for (const child of prepared) if (child.invalid) problems.push(child.invalid);
  for (const child of prepared) {
    const detached = nonContiguousProblem(child, tolerance);
    if (detached) problems.push(detached);
  }

  if (!parentOutline) {
    problems.push(...overlapProblems(prepared, unionOfOutlines(usableOutlines(prepared)), tolerance));
    return { ok: problems.length === 0, problems };
  }
  const problemBox = unmatchedEdgesBox(parentOutline, usableOutlines(prepared));
  if (!problemBox) return { ok: problems.length === 0, problems };

  // Clipping (polyclip-ts, arbitrary precision) is the costly part, so it is confined to the box
  // of the edges that did not cancel: no child whose box misses it can take part in a problem.
  const local = prepared.filter((child) => child.outline && boxesMeet(child.bbox, problemBox));
  const covered = unionOfOutlines(usableOutlines(local));
  const localParent = intersect(featureCollection([feature(parentOutline), bboxPolygon(problemBox)]));
  if (localParent) problems.push(...gapProblems(localParent.geometry, covered, tolerance));
  problems.push(...overlapProblems(local, covered, tolerance));
  problems.push(...outsideParentProblems(parentOutline, covered, local, tolerance));
  return { ok: problems.length === 0, problems };
}

function usableOutlines(children: readonly PreparedChild[]): GridOutline[] {
  return children.flatMap((child) => (child.outline ? [child.outline] : []));
}
