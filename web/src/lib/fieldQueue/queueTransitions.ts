import { queueConflictOf, type QueueEntry, type QueuedOperation } from './queuedOperation.js';
import { retryDelayMs } from './retrySchedule.js';
import { uploadVerdict, type UploadAnswer } from './uploadVerdict.js';

/**
 * The queue's state machine, pure: waiting → (sent) → done | waiting again later | refused |
 * conflict. A refused or done entry stays until the user discards it (a refusal must be read; a
 * stored report's check code must reach the resident); a conflict until the user applies it on the
 * case's new version (waiting again) or discards it. `signIn` leaves the entry as it was.
 */
export function afterAttempt(
  operation: QueuedOperation,
  answer: UploadAnswer & { reply?: unknown; retryAfter?: string | null },
  now: number,
  random: () => number = Math.random,
): QueuedOperation {
  const verdict = uploadVerdict(answer);
  if (verdict === 'done') {
    return { ...operation, state: 'done', lastProblem: null, result: storedResult(operation, answer.reply) };
  }
  if (verdict === 'conflict' && 'message' in answer) {
    const conflict = queueConflictOf(answer.reply);
    // A conflict reply this page cannot read still must not be retried: it is shown as a refusal.
    if (conflict) return { ...operation, state: 'conflict', lastProblem: null, conflict };
    return { ...operation, state: 'refused', refusal: { status: answer.status, message: answer.message } };
  }
  if (verdict === 'refused' && 'message' in answer) {
    return { ...operation, state: 'refused', refusal: { status: answer.status, message: answer.message } };
  }
  if (verdict === 'signIn') return { ...operation, lastProblem: 'signIn' };
  const attempts = operation.attempts + 1;
  return {
    ...operation,
    attempts,
    nextAttemptAt: now + retryDelayMs(attempts, { retryAfter: answer.retryAfter ?? null, now, random }),
    lastProblem: typeof answer.status === 'number' ? `HTTP ${answer.status}` : answer.status,
  };
}

/**
 * The user's choice on a conflict: the same action, now made on the version the case is at, sent
 * as soon as possible. The entry keeps its id (its Idempotency-Key): the server stores no key for
 * a 409, so the key with the new body is not a reuse. Anything else is returned as it is.
 */
export function appliedOnCurrentVersion(operation: QueuedOperation, now: number): QueuedOperation {
  if (operation.state !== 'conflict' || !operation.conflict) return operation;
  return {
    ...operation,
    body: { ...operation.body, version: operation.conflict.current.version },
    state: 'waiting',
    attempts: 0,
    nextAttemptAt: now,
    lastProblem: null,
    conflict: null,
  };
}

/**
 * The operations to send now, oldest first: waiting, of the signed-in account, due (or all of
 * them when `ignoreBackoff`: the phone came back online, or the user asked). Another account's
 * entries and unreadable ones are left where they are.
 */
export function dueOperations(
  entries: readonly QueueEntry[],
  username: string,
  now: number,
  { ignoreBackoff = false }: { ignoreBackoff?: boolean } = {},
): QueuedOperation[] {
  return entries
    .flatMap((entry) => (entry.readable ? [entry.operation] : []))
    .filter(
      (operation) =>
        operation.state === 'waiting' &&
        operation.username === username &&
        (ignoreBackoff || operation.nextAttemptAt <= now),
    )
    .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

export interface QueueCounts {
  /** Of the signed-in account, not yet stored by the server: the "3 条待上传". */
  waiting: number;
  refused: number;
  /** Case actions the case moved on from, waiting for the user's choice. */
  conflict: number;
  done: number;
  /** Entries the page cannot send: another account's, or unreadable. */
  foreign: number;
}

export function queueCounts(entries: readonly QueueEntry[], username: string | null): QueueCounts {
  const counts: QueueCounts = { waiting: 0, refused: 0, conflict: 0, done: 0, foreign: 0 };
  for (const entry of entries) {
    if (!entry.readable || entry.operation.username !== username) counts.foreign += 1;
    else counts[entry.operation.state] += 1;
  }
  return counts;
}

/** A report's serial and check code from a 2xx reply; null fields when the reply is not one. */
function storedResult(operation: QueuedOperation, reply: unknown): QueuedOperation['result'] {
  const body = reply && typeof reply === 'object' ? (reply as Record<string, unknown>) : {};
  const serial =
    typeof body.serial === 'string' ? body.serial : (/\/api\/cases\/([0-9]{19})\//.exec(operation.path)?.[1] ?? '');
  return { serial, checkCode: typeof body.checkCode === 'string' ? body.checkCode : null };
}
