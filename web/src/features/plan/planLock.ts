import { ApiError } from '../../lib/api/getJson.js';
import { plansApi } from '../../lib/api/plans.js';
import type { PlanLock, PlanSummary } from '../../lib/api/plansTypes.js';
import { browserLockDeps, keepLock } from './editing/lockRenewal.js';
import { reasonOf } from './editorWords.js';

/** What the editor shows of a plan's lock (the session's own state, changed in place). */
export interface LockHolder {
  plan: PlanSummary | null;
  lock: PlanLock | null;
  lockMine: boolean;
  lockProblem: string | null;
}

/** Takes or renews the lock; a 409 names who holds it and leaves the editor read-only. */
export async function takeLock(holder: LockHolder, planId: string): Promise<void> {
  try {
    holder.lock = await plansApi.lock(planId);
    holder.lockMine = true;
    holder.lockProblem = null;
  } catch (error) {
    holder.lockMine = false;
    holder.lockProblem = reasonOf(error);
    if (error instanceof ApiError && error.status === 409) {
      holder.plan = await plansApi.get(planId).catch(() => holder.plan);
      holder.lock = holder.plan?.lock ?? null;
    }
  }
}

/** Renews the lock while the page is open (see lockRenewal.ts); returns the stop. */
export function keepRenewing(renew: () => Promise<void>): () => void {
  return keepLock(browserLockDeps(renew));
}

/** Gives the lock back when the editor closes (best effort: it expires anyway). */
export function releaseLock(holder: LockHolder, planId: string): void {
  if (holder.lockMine) void plansApi.unlock(planId).catch(() => {});
  holder.lockMine = false;
}
