import { describe, expect, it } from 'vitest';
import { FieldQueue } from '../../../../web/src/lib/fieldQueue/fieldQueue.svelte.js';
import type { FieldQueueStore } from '../../../../web/src/lib/fieldQueue/fieldQueueStore.js';
import { readQueuedOperation, type QueuedOperation } from '../../../../web/src/lib/fieldQueue/queuedOperation.js';
import type { SentAnswer } from '../../../../web/src/lib/fieldQueue/sendQueuedOperation.js';

/** The IndexedDB store as a Map of structured clones (what IndexedDB keeps is a copy too). */
function memoryStore(initial: [string, unknown][] = []): FieldQueueStore & { values: Map<string, unknown> } {
  const values = new Map<string, unknown>(initial);
  return {
    values,
    async entries() {
      return [...values].map(([key, value]) => {
        const operation = readQueuedOperation(structuredClone(value));
        return operation && operation.id === key
          ? { key, readable: true as const, operation }
          : { key, readable: false as const, reason: 'corrupt' as const };
      });
    },
    async put(operation) {
      values.set(operation.id, structuredClone(operation));
    },
    async remove(key) {
      values.delete(key);
    },
  };
}

const user = 'group-620724100201001';
const id = (n: number) => `4f6c1e2a-0b1c-4d2e-8f3a-${String(n).padStart(12, '0')}`;
const reportFields = (n: number) => ({
  id: id(n),
  kind: 'report' as const,
  path: '/api/cases',
  body: { summary: `第 ${n} 件`, reportId: id(n) },
  label: `第 ${n} 件`,
});

/** A server that stores each key once, like POST /api/cases with Idempotency-Key. */
function idempotentServer(refuse: Set<string> = new Set()) {
  const stored = new Map<string, string>();
  const sent: string[] = [];
  let online = true;
  const send = async (operation: QueuedOperation): Promise<SentAnswer> => {
    sent.push(operation.id);
    if (!online) return { status: 'network' };
    if (refuse.has(operation.id)) return { status: 422, message: 'the point is not inside a grid of the county' };
    const serial = stored.get(operation.id) ?? `62072420261208${String(stored.size + 1).padStart(5, '0')}`;
    stored.set(operation.id, serial);
    return { status: 201, message: 'Created', reply: { serial, checkCode: 'K7M2QX' } };
  };
  return { stored, sent, send, setOnline: (value: boolean) => (online = value) };
}

describe('FieldQueue', () => {
  it('keeps reports made offline and sends each once when the network returns', async () => {
    const store = memoryStore();
    const server = idempotentServer();
    server.setOnline(false);
    const queue = new FieldQueue({ store, send: server.send, now: () => 0 });
    queue.username = user;
    for (const n of [1, 2, 3]) await queue.add(reportFields(n));
    await queue.flush({ ignoreBackoff: true });
    expect(queue.counts.waiting).toBe(3);
    // Offline, the first failure stops the flush: the others would fail the same way.
    expect(server.sent).toEqual([id(1)]);

    server.setOnline(true);
    await queue.flush({ ignoreBackoff: true });
    expect(queue.counts).toEqual({ waiting: 0, refused: 0, conflict: 0, done: 3, foreign: 0 });
    expect(server.stored.size).toBe(3);

    // A reload with nothing waiting sends nothing again.
    const reopened = new FieldQueue({ store, send: server.send, now: () => 0 });
    reopened.username = user;
    await reopened.flush({ ignoreBackoff: true });
    expect(server.sent.filter((sent) => sent === id(1))).toHaveLength(2);
    expect(server.stored.size).toBe(3);
  });

  it('sends past an unreadable and another account’s entry, and keeps a refusal until discarded', async () => {
    const store = memoryStore([['broken', { hello: 'world' }]]);
    const server = idempotentServer(new Set([id(2)]));
    const other = new FieldQueue({ store, send: server.send, now: () => 0 });
    other.username = 'village-620724100200';
    await other.add(reportFields(9));

    const queue = new FieldQueue({ store, send: server.send, now: () => 0 });
    queue.username = user;
    await queue.add(reportFields(1));
    await queue.add(reportFields(2));
    await queue.add(reportFields(3));
    await queue.flush({ ignoreBackoff: true });

    expect(server.sent).toEqual([id(1), id(2), id(3)]);
    expect(queue.counts).toEqual({ waiting: 0, refused: 1, conflict: 0, done: 2, foreign: 2 });
    const refused = queue.entries.find((entry) => entry.readable && entry.operation.state === 'refused');
    expect(refused?.readable && refused.operation.refusal).toEqual({
      status: 422,
      message: 'the point is not inside a grid of the county',
    });

    await queue.flush({ ignoreBackoff: true });
    expect(server.sent).toHaveLength(3);
    await queue.discard(id(2));
    await queue.discard('broken');
    expect(queue.counts).toEqual({ waiting: 0, refused: 0, conflict: 0, done: 2, foreign: 1 });
  });

  it('runs one flush at a time: a second call while one runs sends nothing twice', async () => {
    const store = memoryStore();
    const server = idempotentServer();
    const queue = new FieldQueue({ store, send: server.send, now: () => 0 });
    queue.username = user;
    await queue.add(reportFields(1));
    await Promise.all([queue.flush(), queue.flush(), queue.flush()]);
    expect(server.sent).toEqual([id(1)]);
  });

  it('queues nothing without a signed-in account', async () => {
    const queue = new FieldQueue({ store: memoryStore(), send: idempotentServer().send });
    await expect(queue.add(reportFields(1))).rejects.toThrow(/signed in/);
  });

  it('keeps an action the case moved on from as a conflict, sends it again only when the user applies it', async () => {
    const store = memoryStore();
    const serial = '6207242026120800001';
    // The case as the server has it: at version 3 (someone accepted and mediated it meanwhile).
    const bodies: Record<string, unknown>[] = [];
    const send = async (operation: QueuedOperation): Promise<SentAnswer> => {
      bodies.push(operation.body);
      if (operation.body.version !== 3) {
        return {
          status: 409,
          message: 'case has moved on',
          reply: {
            error: 'Conflict',
            message: 'case has moved on',
            reason: 'version_conflict',
            sentVersion: operation.body.version,
            current: {
              serial,
              status: 'mediating',
              level: 'group',
              version: 3,
              lastStep: { action: 'mediate', at: '2026-12-08T09:00:00.000Z' },
            },
          },
        };
      }
      return { status: 200, message: 'OK', reply: { serial, status: 'mediating', version: 4 } };
    };
    const queue = new FieldQueue({ store, send, now: () => 0 });
    queue.username = user;
    await queue.add({
      id: id(5),
      kind: 'caseAction',
      path: `/api/cases/${serial}/actions`,
      body: { action: 'escalate', note: '离线时写的', version: 1 },
      label: '上报 · 邻里纠纷',
    });
    await queue.flush({ ignoreBackoff: true });
    expect(queue.counts).toEqual({ waiting: 0, refused: 0, conflict: 1, done: 0, foreign: 0 });
    const [kept] = queue.entries;
    expect(kept?.readable && kept.operation.conflict).toEqual({
      sentVersion: 1,
      message: 'case has moved on',
      current: {
        status: 'mediating',
        level: 'group',
        version: 3,
        lastStep: { action: 'mediate', at: '2026-12-08T09:00:00.000Z' },
      },
    });
    // Not a retry: flushing again sends nothing.
    await queue.flush({ ignoreBackoff: true });
    expect(bodies).toHaveLength(1);

    await queue.applyOnCurrentVersion(id(5));
    expect(bodies).toEqual([
      { action: 'escalate', note: '离线时写的', version: 1 },
      { action: 'escalate', note: '离线时写的', version: 3 },
    ]);
    expect(queue.counts).toEqual({ waiting: 0, refused: 0, conflict: 0, done: 1, foreign: 0 });
  });

  it('discards a conflict when the user chooses to', async () => {
    const store = memoryStore();
    const send = async (): Promise<SentAnswer> => ({
      status: 409,
      message: 'moved on',
      reply: {
        reason: 'version_conflict',
        message: 'moved on',
        sentVersion: 2,
        current: { status: 'closed', level: 'village', version: 5, lastStep: null },
      },
    });
    const queue = new FieldQueue({ store, send, now: () => 0 });
    queue.username = user;
    await queue.add({
      id: id(6),
      kind: 'caseAction',
      path: '/api/cases/6207242026120800002/actions',
      body: { action: 'accept', version: 2 },
      label: '受理',
    });
    await queue.flush({ ignoreBackoff: true });
    expect(queue.counts.conflict).toBe(1);
    await queue.discard(id(6));
    expect(store.values.size).toBe(0);
  });
});
