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
  state: 'waiting' | 'refused' | 'conflict' | 'done';
  attempts: number;
  /** Not sent again before this time (backoff); `waiting` only. */
  nextAttemptAt: number;
  /** Why the last attempt did not go through when it may still (offline, 5xx…), for the list. */
  lastProblem: string | null;
  /** The server's refusal (4xx other than 408/409/425/429): kept until the user discards it. */
  refusal: { status: number; message: string } | null;
  /** A report the server stored: its serial and check code (the 201 is the only place it is given). */
  result: { serial: string; checkCode: string | null } | null;
  /**
   * A case action made on a version the case has moved on from (#14 part 4): kept, not applied,
   * until the user applies it on the new version or discards it. Absent in entries written before
   * conflicts were kept (read as none).
   */
  conflict?: QueueConflict | null;
}

/** Both versions of a conflicted action: the one it was made on, and the case as the server has it now. */
export interface QueueConflict {
  sentVersion: number;
  message: string;
  current: {
    status: string;
    level: string;
    version: number;
    lastStep: { action: string; at: string } | null;
  };
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
  const conflict = entry.conflict === undefined ? null : entry.conflict;
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
    (entry.state === 'waiting' || entry.state === 'refused' || entry.state === 'conflict' || entry.state === 'done') &&
    Number.isInteger(entry.attempts) &&
    (entry.attempts as number) >= 0 &&
    isTime(entry.nextAttemptAt) &&
    (entry.lastProblem === null || typeof entry.lastProblem === 'string') &&
    (refusal === null || (!!refusal && Number.isInteger(refusal.status) && typeof refusal.message === 'string')) &&
    (result === null ||
      (!!result &&
        typeof result.serial === 'string' &&
        (result.checkCode === null || typeof result.checkCode === 'string'))) &&
    (conflict === null || isQueueConflict(conflict)) &&
    (entry.state !== 'conflict' || conflict !== null) &&
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
    conflict: null,
  };
}

/** The conflict of a 409 version_conflict reply (`{ sentVersion, message, current }`), or null when it is not one. */
export function queueConflictOf(reply: unknown): QueueConflict | null {
  if (!reply || typeof reply !== 'object') return null;
  const body = reply as Record<string, unknown>;
  const current = body.current as Record<string, unknown> | null | undefined;
  if (!current || typeof current !== 'object') return null;
  const step = current.lastStep as Record<string, unknown> | null | undefined;
  const conflict: QueueConflict = {
    sentVersion: body.sentVersion as number,
    message: typeof body.message === 'string' ? body.message : '',
    current: {
      status: current.status as string,
      level: current.level as string,
      version: current.version as number,
      lastStep: step && typeof step === 'object' ? { action: step.action as string, at: step.at as string } : null,
    },
  };
  return isQueueConflict(conflict) ? conflict : null;
}

function isQueueConflict(value: unknown): value is QueueConflict {
  if (!value || typeof value !== 'object') return false;
  const conflict = value as Record<string, unknown>;
  const current = conflict.current as Record<string, unknown> | null | undefined;
  if (!current || typeof current !== 'object') return false;
  const step = current.lastStep as Record<string, unknown> | null | undefined;
  return (
    isVersion(conflict.sentVersion) &&
    typeof conflict.message === 'string' &&
    typeof current.status === 'string' &&
    typeof current.level === 'string' &&
    isVersion(current.version) &&
    (step === null || (!!step && typeof step.action === 'string' && typeof step.at === 'string'))
  );
}

function isVersion(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 1;
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}
