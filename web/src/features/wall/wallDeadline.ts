import type { DeadlineState } from '../../lib/api/mapFeatures.js';

/**
 * A case's deadline colour now, from the instants the server computed on its working-day calendar:
 * yellow from `stageWarnAt` (70 % of the working time allowed), red once `stageDueAt` has passed —
 * so a wall left alone for hours changes colour on time without a reload. Without the instants, the
 * server's state at the last fetch.
 */
export function deadlineNow(
  serverState: DeadlineState,
  stageWarnAt: string | null,
  stageDueAt: string | null,
  now: number,
): DeadlineState {
  if (stageDueAt !== null && Date.parse(stageDueAt) < now) return 'red';
  if (stageWarnAt !== null && Date.parse(stageWarnAt) <= now) return 'yellow';
  return serverState;
}
