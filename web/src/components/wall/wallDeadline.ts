import type { DeadlineState } from '../../lib/api/mapFeatures.js';

/**
 * A case's deadline colour now: the server's state, turned red once its stage deadline has passed
 * — so a wall left alone for hours goes red on time without a reload. Yellow (70 % of the working
 * time) needs the server's calendar; the periodic refetch brings it.
 */
export function deadlineNow(serverState: DeadlineState, stageDueAt: string | null, now: number): DeadlineState {
  if (stageDueAt !== null && Date.parse(stageDueAt) < now) return 'red';
  return serverState;
}
