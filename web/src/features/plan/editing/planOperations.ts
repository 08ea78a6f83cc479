import type { MultiPolygon } from 'geojson';
import { plansApi } from '../../../lib/api/plans.js';
import type { PlanOperation } from './editHistory.js';

/** What sending an operation produced: codes the server gave to grids that came (back) into being. */
export interface OperationOutcome {
  created: string[];
  /** For a split, every grid it left (the original first when the server lists it first). */
  grids: { code: string; version: number }[];
}

/**
 * Sends one operation with the versions the plan has now (`versionOf`). Versions are looked up at
 * send time, never stored with the operation: an undo re-sent later saves over the current draft,
 * and a change someone else made meanwhile makes the server answer 409 instead of overwriting it.
 */
export async function sendOperation(
  planId: string,
  operation: PlanOperation,
  versionOf: (code: string) => number,
): Promise<OperationOutcome> {
  switch (operation.kind) {
    case 'edit': {
      const reply = await plansApi.edits(
        planId,
        operation.changes.map((change) => ({ ...change, version: versionOf(change.code) })),
      );
      return { created: [], grids: reply.grids };
    }
    case 'add': {
      const body: { geometry: MultiPolygon; parentCode?: string; name?: string } = { geometry: operation.geometry };
      if (operation.parentCode) body.parentCode = operation.parentCode;
      if (operation.name) body.name = operation.name;
      const reply = await plansApi.addGrid(planId, body);
      return { created: [reply.code], grids: [reply] };
    }
    case 'delete':
      await plansApi.deleteGrid(planId, operation.code, versionOf(operation.code));
      return { created: [], grids: [] };
    case 'split': {
      const reply = await plansApi.split(planId, operation.code, versionOf(operation.code), operation.line);
      return {
        created: reply.grids.map((grid) => grid.code).filter((code) => code !== operation.code),
        grids: reply.grids,
      };
    }
    case 'merge': {
      const [a, b] = operation.codes;
      const reply = await plansApi.merge(planId, [a, b], [versionOf(a), versionOf(b)]);
      return { created: [], grids: [reply] };
    }
    case 'assign': {
      const body: { households?: number[]; streets?: number[]; to: string } = { to: operation.to };
      if (operation.households.length > 0) body.households = operation.households;
      if (operation.streets.length > 0) body.streets = operation.streets;
      await plansApi.assign(planId, body);
      return { created: [], grids: [] };
    }
  }
}
