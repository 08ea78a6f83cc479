import type { Point, Polygon } from 'geojson';
import type { PartitionProblem } from '../partition/partitionProblem.js';

/**
 * A problem of a draft plan, as `GET /api/plans/:id/validation` lists it (plan-contract.md). The
 * tiling kinds come from the partition checker (domain/partition); the others are per grid.
 *
 * Severity: `error` problems block publishing (the grid must tile its parent, 全覆盖、无缝隙, and
 * no grid may be a sliver); `warning` problems are shown but do not block: a grid without a grid
 * head or with too many households is something to fix in the field, not a broken map (the seed
 * itself has both).
 */
export type PlanProblemKind =
  'gap' | 'overlap' | 'outside_parent' | 'non_contiguous' | 'invalid' | 'too_small' | 'no_grid_head' | 'imbalance';

export type PlanProblemSeverity = 'error' | 'warning';

export interface PlanProblem {
  kind: PlanProblemKind;
  severity: PlanProblemSeverity;
  /** The grid concerned (the first of `codes` for an overlap); absent for a gap. */
  code?: string;
  /** Every grid concerned: the two of an overlap. */
  codes?: string[];
  /** The parent whose tiling has the problem. */
  parentCode?: string;
  area_m2?: number;
  /** Where the problem is: a point inside it, or the grid's outline for per-grid problems. */
  location?: Point | Polygon;
  /** imbalance: households in the grid, the target (siblings' mean) and the deviation in percent. */
  households?: number;
  target?: number;
  deviation_pct?: number;
}

export const errorKinds: ReadonlySet<PlanProblemKind> = new Set([
  'gap',
  'overlap',
  'outside_parent',
  'non_contiguous',
  'invalid',
  'too_small',
]);

export function severityOf(kind: PlanProblemKind): PlanProblemSeverity {
  return errorKinds.has(kind) ? 'error' : 'warning';
}

/** The partition checker's problem in the plan contract's shape. */
export function planProblemOf(problem: PartitionProblem, parentCode: string): PlanProblem {
  const kind: PlanProblemKind = problem.kind === 'invalid_geometry' ? 'invalid' : problem.kind;
  const result: PlanProblem = { kind, severity: severityOf(kind), parentCode, location: problem.location };
  if (problem.codes?.[0]) {
    result.code = problem.codes[0];
    result.codes = [...problem.codes];
  }
  if (problem.areaSquareMeters !== undefined) result.area_m2 = Math.round(problem.areaSquareMeters * 100) / 100;
  return result;
}
