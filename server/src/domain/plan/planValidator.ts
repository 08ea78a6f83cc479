import type { MultiPolygon } from 'geojson';
import { interiorPoint } from '../partition/interiorPoint.js';
import { defaultToleranceSquareMeters, type GridOutline } from '../partition/partitionProblem.js';
import { prepareChild, type PreparedChild } from '../partition/preparedChild.js';
import { imbalanceProblems } from './householdBalance.js';
import { planProblemOf, type PlanProblem } from './planProblem.js';
import { minAreaSquareMeters } from './planRules.js';
import { checkPreparedPartition } from './preparedPartition.js';

/** A grid of a plan as the validator reads it. `version` changes whenever its outline does. */
export interface ValidatedGrid {
  code: string;
  level: 'village' | 'group';
  parentCode: string;
  version: number;
  geometry: MultiPolygon;
  households: number;
  gridHead: boolean;
}

/** A grid whose children must tile it: the plan's scope (published) or a village of a town plan. */
export interface ValidatedParent {
  code: string;
  /** Changes whenever the outline does (a plan village's version; the published row's otherwise). */
  key: string;
  geometry: GridOutline;
}

export interface PlanValidation {
  ok: boolean;
  problems: PlanProblem[];
  /** How many parents were re-checked and how many grids re-prepared (for the benchmark and tests). */
  rechecked: { parents: number; grids: number };
}

/**
 * The live validation of one plan, incremental: it keeps each grid's prepared outline (validity,
 * box, area) by code and version, and each parent's tiling problems by the versions of the parent
 * and its children. After an edit only the changed grids are prepared again and only the parents
 * they belong to are re-checked; a shared-edge move of two groups re-checks one village. Keep one
 * per plan (repos/planValidationRepo.ts does, in process); a new instance is a full check.
 */
export class PlanValidator {
  private readonly prepared = new Map<string, { version: number; child: PreparedChild }>();
  private readonly parents = new Map<string, { key: string; problems: PlanProblem[] }>();

  constructor(private readonly toleranceSquareMeters = defaultToleranceSquareMeters) {}

  validate(parents: readonly ValidatedParent[], grids: readonly ValidatedGrid[]): PlanValidation {
    let preparedNow = 0;
    const childrenOf = new Map<string, ValidatedGrid[]>();
    const live = new Set<string>();
    for (const grid of grids) {
      live.add(grid.code);
      const list = childrenOf.get(grid.parentCode) ?? [];
      list.push(grid);
      childrenOf.set(grid.parentCode, list);
      const cached = this.prepared.get(grid.code);
      if (!cached || cached.version !== grid.version) {
        const child = prepareChild({ type: 'Feature', geometry: grid.geometry, properties: { code: grid.code } });
        this.prepared.set(grid.code, { version: grid.version, child });
        preparedNow++;
      }
    }
    for (const code of this.prepared.keys()) if (!live.has(code)) this.prepared.delete(code);

    let parentsNow = 0;
    const problems: PlanProblem[] = [];
    const liveParents = new Set<string>();
    for (const parent of parents) {
      liveParents.add(parent.code);
      const children = (childrenOf.get(parent.code) ?? []).slice().sort((a, b) => a.code.localeCompare(b.code));
      const key = `${parent.key}|${children.map((child) => `${child.code}:${child.version}`).join(',')}`;
      let result = this.parents.get(parent.code);
      if (!result || result.key !== key) {
        const prepared = children.map((child) => this.prepared.get(child.code)!.child);
        const found = checkPreparedPartition(parent.geometry, prepared, this.toleranceSquareMeters).map((problem) =>
          planProblemOf(problem, parent.code),
        );
        result = { key, problems: found };
        this.parents.set(parent.code, result);
        parentsNow++;
      }
      problems.push(...result.problems);
    }
    for (const code of this.parents.keys()) if (!liveParents.has(code)) this.parents.delete(code);

    for (const grid of grids) {
      const child = this.prepared.get(grid.code)?.child;
      if (child && child.areaSquareMeters < minAreaSquareMeters[grid.level]) {
        problems.push({
          kind: 'too_small',
          severity: 'error',
          code: grid.code,
          parentCode: grid.parentCode,
          area_m2: Math.round(child.areaSquareMeters * 100) / 100,
          location: interiorPoint(child.outline ?? grid.geometry),
        });
      }
      if (grid.level === 'group' && !grid.gridHead) {
        problems.push({
          kind: 'no_grid_head',
          severity: 'warning',
          code: grid.code,
          parentCode: grid.parentCode,
          location: interiorPoint(child?.outline ?? grid.geometry),
        });
      }
    }
    problems.push(...imbalanceProblems(grids.filter((grid) => grid.level === 'group')));
    return {
      ok: problems.every((problem) => problem.severity !== 'error'),
      problems,
      rechecked: { parents: parentsNow, grids: preparedNow },
    };
  }
}
