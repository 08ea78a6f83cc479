import { describe, expect, it } from 'vitest';
import {
  newQueuedOperation,
  readQueuedOperation,
  type QueueEntry,
  type QueuedOperation,
} from '../../../../web/src/lib/fieldQueue/queuedOperation.js';
import { afterAttempt, dueOperations, queueCounts } from '../../../../web/src/lib/fieldQueue/queueTransitions.js';

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
    expect(queueCounts(entries, 'group-620724100201001')).toEqual({ waiting: 3, refused: 0, done: 0, foreign: 2 });
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
