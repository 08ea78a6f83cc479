import { describe, expect, it } from 'vitest';
import {
  newQueuedOperation,
  readQueuedOperation,
  type QueueEntry,
  type QueuedOperation,
} from '../../../../web/src/lib/fieldQueue/queuedOperation.js';
import {
  afterAttempt,
  appliedOnCurrentVersion,
  dueOperations,
  queueCounts,
} from '../../../../web/src/lib/fieldQueue/queueTransitions.js';

const t0 = Date.parse('2026-12-08T08:00:00Z');
const ids = [
  '4f6c1e2a-0b1c-4d2e-8f3a-111111111111',
  '4f6c1e2a-0b1c-4d2e-8f3a-222222222222',
  '4f6c1e2a-0b1c-4d2e-8f3a-333333333333',
];

function report(id: string, createdAt = t0, username = 'group-620724100201001'): QueuedOperation {
  return newQueuedOperation(
    {
      id,
      kind: 'report',
      path: '/api/cases',
      body: { lon: 99.8, lat: 39.4, category: 'land_dispute', summary: '地界争执', reportId: id },
      username,
      label: '土地纠纷 · 地界争执',
    },
    createdAt,
  );
}

const entry = (operation: QueuedOperation): QueueEntry => ({ key: operation.id, readable: true, operation });

describe('afterAttempt', () => {
  it('keeps a stored report with its serial and check code until the user dismisses it', () => {
    const next = afterAttempt(
      report(ids[0]!),
      { status: 201, message: '', reply: { serial: '6207242026120800001', checkCode: 'K7M2QX' } },
      t0,
    );
    expect(next).toMatchObject({ state: 'done', result: { serial: '6207242026120800001', checkCode: 'K7M2QX' } });
  });

  it('schedules a retry after no answer, counting the attempt', () => {
    const next = afterAttempt(report(ids[0]!), { status: 'network' }, t0, () => 0);
    expect(next).toMatchObject({ state: 'waiting', attempts: 1, nextAttemptAt: t0 + 2_500, lastProblem: 'network' });
    const again = afterAttempt(next, { status: 503, message: 'busy' }, t0 + 3_000, () => 0);
    expect(again).toMatchObject({
      state: 'waiting',
      attempts: 2,
      nextAttemptAt: t0 + 3_000 + 5_000,
      lastProblem: 'HTTP 503',
    });
  });

  it('keeps a refusal with its status and the server’s reason', () => {
    const next = afterAttempt(
      report(ids[0]!),
      { status: 422, message: 'the point is not inside a grid of the county' },
      t0,
    );
    expect(next).toMatchObject({
      state: 'refused',
      refusal: { status: 422, message: 'the point is not inside a grid of the county' },
    });
    expect(readQueuedOperation(JSON.parse(JSON.stringify(next)))).toEqual(next);
  });

  it('leaves an entry as it was, marked, when the session ended (401)', () => {
    const next = afterAttempt(report(ids[0]!), { status: 401, message: 'sign in' }, t0);
    expect(next).toMatchObject({ state: 'waiting', attempts: 0, nextAttemptAt: t0, lastProblem: 'signIn' });
  });
});

describe('dueOperations', () => {
  it('sends the signed-in account’s due entries oldest first, past corrupt and foreign ones', () => {
    const later = afterAttempt(report(ids[1]!, t0 - 1_000), { status: 'timeout' }, t0, () => 0);
    const entries: QueueEntry[] = [
      entry(report(ids[2]!, t0 + 10)),
      { key: 'garbage', readable: false, reason: 'corrupt' },
      entry(report(ids[0]!, t0 + 5, 'village-620724100200')),
      entry(later),
      entry(report(ids[0]!, t0)),
    ];
    expect(dueOperations(entries, 'group-620724100201001', t0 + 100).map((each) => each.createdAt)).toEqual([
      t0,
      t0 + 10,
    ]);
    expect(
      dueOperations(entries, 'group-620724100201001', t0 + 100, { ignoreBackoff: true }).map((each) => each.createdAt),
    ).toEqual([t0 - 1_000, t0, t0 + 10]);
    expect(queueCounts(entries, 'group-620724100201001')).toEqual({
      waiting: 3,
      refused: 0,
      conflict: 0,
      done: 0,
      foreign: 2,
    });
  });
});

describe('readQueuedOperation', () => {
  it('reads what the page wrote, after a round trip through storage', () => {
    const operation = report(ids[0]!);
    expect(readQueuedOperation(structuredClone(operation))).toEqual(operation);
  });

  it('refuses a damaged, foreign or unknown entry instead of sending it', () => {
    const operation = report(ids[0]!);
    const broken: unknown[] = [
      null,
      'text',
      [],
      { ...operation, version: 2 },
      { ...operation, id: 'not-a-uuid' },
      { ...operation, path: 'https://elsewhere.example/api/cases' },
      { ...operation, path: '/api/cases/6207242026120800001/actions' },
      { ...operation, body: null },
      { ...operation, state: 'refused' },
      { ...operation, state: 'sent' },
      { ...operation, username: '' },
      { ...operation, attempts: -1 },
    ];
    for (const value of broken) expect(readQueuedOperation(value), JSON.stringify(value)).toBeNull();
  });

  it('reads a case action queued for its case', () => {
    const action = {
      ...report(ids[0]!),
      kind: 'caseAction',
      path: '/api/cases/6207242026120800001/actions',
      body: { type: 'assign' },
    };
    expect(readQueuedOperation(action)).toEqual(action);
  });
});

describe('version conflicts (#14 part 4)', () => {
  const serial = '6207242026120800001';
  const action = (): QueuedOperation =>
    newQueuedOperation(
      {
        id: ids[1]!,
        kind: 'caseAction',
        path: `/api/cases/${serial}/actions`,
        body: { action: 'mediate', note: '已到场调解', version: 2 },
        username: 'group-620724100201001',
        label: '调解 · 地界争执',
      },
      t0,
    );
  const conflictReply = {
    error: 'Conflict',
    message: `case ${serial} has moved on`,
    reason: 'version_conflict',
    sentVersion: 2,
    current: {
      serial,
      status: 'accepted',
      level: 'village',
      version: 4,
      summary: 'not kept',
      lastStep: { action: 'hand_down', at: '2026-12-08T07:30:00.000Z', note: 'not kept' },
    },
  };

  it('keeps a 409 version_conflict with both versions, not as a refusal and not for a retry', () => {
    const next = afterAttempt(action(), { status: 409, message: conflictReply.message, reply: conflictReply }, t0);
    expect(next).toMatchObject({ state: 'conflict', attempts: 0, refusal: null, body: { version: 2 } });
    expect(next.conflict).toEqual({
      sentVersion: 2,
      message: conflictReply.message,
      current: {
        status: 'accepted',
        level: 'village',
        version: 4,
        lastStep: { action: 'hand_down', at: '2026-12-08T07:30:00.000Z' },
      },
    });
    expect(readQueuedOperation(JSON.parse(JSON.stringify(next)))).toEqual(next);
    expect(dueOperations([entry(next)], 'group-620724100201001', t0 + 1e9, { ignoreBackoff: true })).toEqual([]);
    expect(queueCounts([entry(next)], 'group-620724100201001')).toMatchObject({ conflict: 1, waiting: 0 });
  });

  it('shows a conflict reply it cannot read as a refusal rather than sending it again', () => {
    const next = afterAttempt(
      action(),
      { status: 409, message: 'moved on', reply: { reason: 'version_conflict', current: { status: 1 } } },
      t0,
    );
    expect(next).toMatchObject({ state: 'refused', refusal: { status: 409, message: 'moved on' } });
  });

  it('refuses the lifecycle’s 409 and retries the key still in use', () => {
    const refused = afterAttempt(action(), { status: 409, message: 'no', reply: { reason: 'wrong_status' } }, t0);
    expect(refused.state).toBe('refused');
    const inUse = afterAttempt(
      action(),
      { status: 409, message: 'busy', reply: { error: 'idempotency_key_in_use', message: 'busy' } },
      t0,
      () => 0,
    );
    expect(inUse).toMatchObject({ state: 'waiting', attempts: 1 });
  });

  it('applies the action on the case’s current version: same id, version replaced, due now', () => {
    const conflicted = afterAttempt(action(), { status: 409, message: 'm', reply: conflictReply }, t0);
    const applied = appliedOnCurrentVersion(conflicted, t0 + 60_000);
    expect(applied).toMatchObject({
      id: ids[1],
      state: 'waiting',
      conflict: null,
      nextAttemptAt: t0 + 60_000,
      body: { action: 'mediate', note: '已到场调解', version: 4 },
    });
    expect(dueOperations([entry(applied)], 'group-620724100201001', t0 + 60_000)).toEqual([applied]);
    // Only a conflict is applied anew.
    const waiting = action();
    expect(appliedOnCurrentVersion(waiting, t0)).toBe(waiting);
  });

  it('reads an entry written before conflicts were kept, and refuses a conflict without its versions', () => {
    const { conflict: _none, ...older } = action();
    expect(readQueuedOperation(older)).toEqual(older);
    expect(readQueuedOperation({ ...action(), state: 'conflict' })).toBeNull();
    expect(
      readQueuedOperation({ ...action(), state: 'conflict', conflict: { sentVersion: 0, message: '', current: {} } }),
    ).toBeNull();
  });
});
