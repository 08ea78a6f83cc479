import { ApiError } from '../../lib/api/getJson.js';
import { plansApi } from '../../lib/api/plans.js';
import type { PlanGridCollection } from '../../lib/api/plansTypes.js';
import type { EditHistory, PlanOperation } from './editing/editHistory.js';
import { sendOperation } from './editing/planOperations.js';
import { reasonOf, type EditorNotice, type EditorWords } from './editorWords.js';

export interface SaveTarget {
  planId: string;
  history: EditHistory;
  /** The version of a grid as last drawn (sent with each change: a stale one is a 409). */
  versionOf: (code: string) => number;
  /** Draws the grids the server has now. */
  showGrids: (grids: PlanGridCollection) => void;
}

/**
 * Sends operations in order, redrawing from the server after each one; the codes the server gives
 * re-added or split grids replace their former codes in the undo stack. Codes created are pushed
 * to `created` as they come, so a failure part-way still tells what was made. Throws the first
 * failure.
 */
export async function saveInOrder(target: SaveTarget, operations: PlanOperation[], created: string[]): Promise<void> {
  for (const operation of operations) {
    const outcome = await sendOperation(target.planId, operation, target.versionOf);
    created.push(...outcome.created);
    if (operation.kind === 'add' && operation.formerCode && outcome.created[0]) {
      target.history.renameCode(operation.formerCode, outcome.created[0]);
    }
    if (operation.kind === 'split' && operation.formerCodes) {
      operation.formerCodes.forEach((former, i) => {
        const now = outcome.created[i];
        if (now) target.history.renameCode(former, now);
      });
    }
    // Later operations of the same entry need the versions this one produced.
    target.showGrids(await plansApi.grids(target.planId));
  }
}

/** A failed save: a 409 is a conflict (someone else changed the plan; reload), anything else an error. */
export function saveFailure(error: unknown, words: EditorWords): EditorNotice {
  return error instanceof ApiError && error.status === 409
    ? { kind: 'conflict', text: error.message }
    : { kind: 'error', text: words.failed(reasonOf(error)) };
}
