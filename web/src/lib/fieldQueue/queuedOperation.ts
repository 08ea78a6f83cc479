/**
 * One write made on the phone and kept in IndexedDB until the server has answered it (#14 part 2).
 * Its `id` is made on the phone and sent as the `Idempotency-Key` (and a report's `reportId`), so
 * however often it is sent — a lost reply, a reload, two tabs — the server stores it once.
 */
export interface QueuedOperation {
  /** The shape of the entry; an entry of another version is read as foreign, never sent. */
  version: 1;
  id: string;
  kind: 'report' | 'caseAction';
  /** `/api/cases` or `/api/cases/<serial>/actions`, always this origin. */
  path: string;
  /** The JSON body, sent byte for byte the same each time (the key with another body is a 422). */
  body: Record<string, unknown>;
  /** The account that made it: only that account's session sends it. */
  username: string;
  /** What the list shows, e.g. the report's category and first words (ms since the epoch for times). */
  label: string;
  createdAt: number;
  state: 'waiting' | 'refused' | 'done';
  attempts: number;
  /** Not sent again before this time (backoff); `waiting` only. */
  nextAttemptAt: number;
  /** Why the last attempt did not go through when it may still (offline, 5xx…), for the list. */
  lastProblem: string | null;
  /** The server's refusal (4xx other than 408/409/425/429): kept until the user discards it. */
  refusal: { status: number; message: string } | null;
  /** A report the server stored: its serial and check code (the 201 is the only place it is given). */
  result: { serial: string; checkCode: string | null } | null;
}

/** An entry of the store as the page reads it: an operation, or something it cannot use. */
export type QueueEntry =
  { key: string; readable: true; operation: QueuedOperation } | { key: string; readable: false; reason: 'corrupt' };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const pathPattern = /^\/api\/cases(?:\/[0-9]{19}\/actions)?$/;

/**
 * Reads a stored value as an operation, or null when it is not one this page wrote (damaged,
 * another version, written by hand): such an entry is shown for discarding and never blocks the rest.
 */
export function readQueuedOperation(value: unknown): QueuedOperation | null {
  if (!value || typeof value !== 'object') return null;
  const entry = value as Record<string, unknown>;
  const refusal = entry.refusal as Record<string, unknown> | null | undefined;
  const result = entry.result as Record<string, unknown> | null | undefined;
  const valid =
    entry.version === 1 &&
    typeof entry.id === 'string' &&
    uuidPattern.test(entry.id) &&
    (entry.kind === 'report' || entry.kind === 'caseAction') &&
    typeof entry.path === 'string' &&
    pathPattern.test(entry.path) &&
    (entry.kind === 'report') === (entry.path === '/api/cases') &&
    !!entry.body &&
    typeof entry.body === 'object' &&
    !Array.isArray(entry.body) &&
    typeof entry.username === 'string' &&
    entry.username !== '' &&
    typeof entry.label === 'string' &&
    isTime(entry.createdAt) &&
    (entry.state === 'waiting' || entry.state === 'refused' || entry.state === 'done') &&
    Number.isInteger(entry.attempts) &&
    (entry.attempts as number) >= 0 &&
    isTime(entry.nextAttemptAt) &&
    (entry.lastProblem === null || typeof entry.lastProblem === 'string') &&
    (refusal === null || (!!refusal && Number.isInteger(refusal.status) && typeof refusal.message === 'string')) &&
    (result === null ||
      (!!result &&
        typeof result.serial === 'string' &&
        (result.checkCode === null || typeof result.checkCode === 'string'))) &&
    (entry.state !== 'refused' || refusal !== null) &&
    (entry.state !== 'done' || result !== null);
  return valid ? (value as QueuedOperation) : null;
}

/** A fresh operation, waiting to be sent now. */
export function newQueuedOperation(
  fields: Pick<QueuedOperation, 'id' | 'kind' | 'path' | 'body' | 'username' | 'label'>,
  now: number,
): QueuedOperation {
  return {
    version: 1,
    ...fields,
    createdAt: now,
    state: 'waiting',
    attempts: 0,
    nextAttemptAt: now,
    lastProblem: null,
    refusal: null,
    result: null,
  };
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}
