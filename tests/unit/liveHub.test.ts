import { describe, expect, it } from 'vitest';
import { parseGridCode, type GridCode } from '../../server/src/domain/gridCode.js';
import { eventPlace, scopeCovers } from '../../server/src/domain/liveScope.js';
import type { EventRow } from '../../server/src/repos/events/eventRepo.js';
import type { EventLog } from '../../server/src/live/eventLog.js';
import type { LiveBus } from '../../server/src/live/liveBus.js';
import { LiveHub, type LiveHubOptions, type LiveSocket } from '../../server/src/live/liveHub.js';

const townA = '620724105000';
const townB = '620724106000';

function grid(code: string): GridCode {
  return parseGridCode(code)!;
}

/** An outbox in memory: ids are taken at insert and become visible at commit, like PostgreSQL's. */
class FakeLog implements EventLog {
  rows: EventRow[] = [];
  horizonNow = { xmin: 100, xmax: 100 };
  /** When set, the next scoped read waits for this promise (to commit events mid-replay). */
  replayGate: Promise<void> | null = null;

  commit(id: number, townCode = townA): void {
    this.rows.push({ id, kind: 'case', at: new Date(0), ...eventPlace({ townCode }), payload: { caseId: id } });
    this.rows.sort((a, b) => a.id - b.id);
  }
  async latestId() {
    return this.rows.at(-1)?.id ?? 0;
  }
  async after(afterId: number, limit: number) {
    return this.rows.filter((r) => r.id > afterId).slice(0, limit);
  }
  async scopedBetween(scope: GridCode, afterId: number, upToId: number, limit: number) {
    const gate = this.replayGate;
    this.replayGate = null;
    if (gate) await gate;
    return this.rows.filter((r) => r.id > afterId && r.id <= upToId && scopeCovers(scope, r)).slice(0, limit);
  }
  async horizon() {
    return this.horizonNow;
  }
}

class ManualBus implements LiveBus {
  async start() {}
  async close() {}
}

class FakeSocket implements LiveSocket {
  bufferedAmount = 0;
  messages: { type: string; id?: number; lastEventId?: number }[] = [];
  /** What each send was given, as given (a string or a Buffer). */
  frames: (string | Buffer)[] = [];
  closed: { code?: number; reason?: string } | null = null;
  send(data: string | Buffer, callback?: (error?: Error) => void) {
    this.frames.push(data);
    this.messages.push(JSON.parse(typeof data === 'string' ? data : data.toString('utf8')));
    if (callback) queueMicrotask(() => callback());
  }
  close(code?: number, reason?: string) {
    this.closed = { code, reason };
  }
  get eventIds() {
    return this.messages.filter((m) => m.type === 'event').map((m) => m.id);
  }
}

async function startedHub(log: FakeLog, options: Partial<LiveHubOptions> = {}) {
  const hub = new LiveHub(log, new ManualBus(), { safetyPollMs: 60_000, gapRecheckMs: 60_000, ...options });
  await hub.start();
  return hub;
}

async function read(hub: LiveHub) {
  hub.wake();
  await hub.settled();
}

describe('LiveHub', () => {
  it('delivers committed events in id order to the subscribers whose scope covers them', async () => {
    const log = new FakeLog();
    const hub = await startedHub(log);
    const county = new FakeSocket();
    const town = new FakeSocket();
    await hub.subscribe(county, grid('620724'), null);
    await hub.subscribe(town, grid(townA), null);
    log.commit(1, townA);
    log.commit(2, townB);
    log.commit(3, townA);
    await read(hub);
    expect(county.eventIds).toEqual([1, 2, 3]);
    expect(town.eventIds).toEqual([1, 3]);
    await hub.close();
  });

  it('encodes a live event once and hands every client it goes to the same UTF-8 frame (#13)', async () => {
    const log = new FakeLog();
    const hub = await startedHub(log);
    const sockets = [new FakeSocket(), new FakeSocket(), new FakeSocket()];
    for (const socket of sockets) await hub.subscribe(socket, grid('620724'), null);
    log.commit(1, townA);
    await read(hub);
    const frames = sockets.map((socket) => socket.frames.at(-1));
    expect(frames[0]).toBeInstanceOf(Buffer);
    for (const frame of frames) expect(frame).toBe(frames[0]);
    expect(sockets.map((socket) => socket.eventIds)).toEqual([[1], [1], [1]]);
    await hub.close();
  });

  it('acknowledges a live-only subscription with the id it starts after', async () => {
    const log = new FakeLog();
    log.commit(1);
    log.commit(2);
    const hub = await startedHub(log);
    const socket = new FakeSocket();
    await hub.subscribe(socket, grid('620724'), null);
    expect(socket.messages).toEqual([{ type: 'subscribed', scope: '620724000000', lastEventId: 2 }]);
    await hub.close();
  });

  it('holds a later event back while an earlier id may still commit, then delivers both in order', async () => {
    const log = new FakeLog();
    const hub = await startedHub(log);
    const socket = new FakeSocket();
    await hub.subscribe(socket, grid('620724'), null);
    log.horizonNow = { xmin: 90, xmax: 101 }; // transaction 90 holds id 1
    log.commit(2);
    await read(hub);
    await read(hub);
    expect(socket.eventIds).toEqual([]);
    log.commit(1);
    await read(hub);
    expect(socket.eventIds).toEqual([1, 2]);
    await hub.close();
  });

  it('skips a missing id once every transaction running when it was seen has ended', async () => {
    const log = new FakeLog();
    const hub = await startedHub(log);
    const socket = new FakeSocket();
    await hub.subscribe(socket, grid('620724'), null);
    log.horizonNow = { xmin: 90, xmax: 101 };
    log.commit(2);
    await read(hub);
    log.horizonNow = { xmin: 101, xmax: 102 }; // 90 ended (rolled back): id 1 never commits
    await read(hub);
    expect(socket.eventIds).toEqual([2]);
    expect(hub.lastEventId).toBe(2);
    await hub.close();
  });

  it('skips a missing id after the hold time when a long transaction keeps the horizon back', async () => {
    const log = new FakeLog();
    const hub = await startedHub(log, { maxGapHoldMs: 0 });
    const socket = new FakeSocket();
    await hub.subscribe(socket, grid('620724'), null);
    log.horizonNow = { xmin: 50, xmax: 101 };
    log.commit(2);
    await read(hub);
    expect(socket.eventIds).toEqual([]);
    await read(hub);
    expect(socket.eventIds).toEqual([2]);
    await hub.close();
  });

  it('replays the missed events of the scope, then sends events committed during the replay, with no gap and no duplicate', async () => {
    const log = new FakeLog();
    for (const id of [1, 2, 3, 4]) log.commit(id, id === 3 ? townB : townA);
    const hub = await startedHub(log);
    let openGate!: () => void;
    log.replayGate = new Promise((resolve) => (openGate = resolve));
    const socket = new FakeSocket();
    const subscribing = hub.subscribe(socket, grid(townA), 1);
    log.commit(5);
    log.commit(6, townB);
    log.commit(7);
    await read(hub); // 5..7 arrive while the replay is still reading
    openGate();
    await subscribing;
    log.commit(8);
    await read(hub);
    expect(socket.eventIds).toEqual([2, 4, 5, 7, 8]);
    expect(socket.messages.find((m) => m.type === 'subscribed')).toEqual({
      type: 'subscribed',
      scope: townA,
      lastEventId: 4,
    });
    await hub.close();
  });

  it('replays nothing and skips queued ids for a client that is already ahead', async () => {
    const log = new FakeLog();
    log.commit(1);
    const hub = await startedHub(log);
    const socket = new FakeSocket();
    await hub.subscribe(socket, grid('620724'), 3);
    log.commit(2);
    log.commit(3);
    log.commit(4);
    await read(hub);
    expect(socket.eventIds).toEqual([4]);
    await hub.close();
  });

  it('closes a client whose unsent data is over the limit with 4000 resync, and keeps serving the others', async () => {
    const log = new FakeLog();
    const hub = await startedHub(log, { maxBufferedBytes: 1000 });
    const slow = new FakeSocket();
    const fast = new FakeSocket();
    await hub.subscribe(slow, grid('620724'), null);
    await hub.subscribe(fast, grid('620724'), null);
    log.commit(1);
    await read(hub);
    slow.bufferedAmount = 5000;
    log.commit(2);
    log.commit(3);
    await read(hub);
    expect(slow.closed).toEqual({ code: 4000, reason: 'resync' });
    expect(slow.eventIds).toEqual([1]);
    expect(fast.eventIds).toEqual([1, 2, 3]);
    expect(hub.subscriberCount).toBe(1);
    await hub.close();
  });

  it('closes a replaying client whose queue of live events grows past the limit', async () => {
    const log = new FakeLog();
    log.commit(1);
    const hub = await startedHub(log, { maxQueuedEvents: 2 });
    let openGate!: () => void;
    log.replayGate = new Promise((resolve) => (openGate = resolve));
    const socket = new FakeSocket();
    const subscribing = hub.subscribe(socket, grid('620724'), 0);
    for (const id of [2, 3, 4]) log.commit(id);
    await read(hub);
    openGate();
    await subscribing;
    expect(socket.closed).toEqual({ code: 4000, reason: 'resync' });
    expect(socket.eventIds).toEqual([]);
    await hub.close();
  });

  it('reads the outbox as often for a thousand live clients as for one: no per-client database work on the hot path (#13)', async () => {
    const reads = async (clients: number) => {
      const log = new FakeLog();
      let calls = 0;
      const counted: EventLog = {
        latestId: () => (calls++, log.latestId()),
        after: (afterId, limit) => (calls++, log.after(afterId, limit)),
        scopedBetween: (...args) => (calls++, log.scopedBetween(...args)),
        horizon: () => (calls++, log.horizon()),
      };
      const hub = new LiveHub(counted, new ManualBus(), { safetyPollMs: 60_000, gapRecheckMs: 60_000 });
      await hub.start();
      const sockets = Array.from({ length: clients }, () => new FakeSocket());
      for (const socket of sockets) await hub.subscribe(socket, grid(socket === sockets[0] ? townA : '620724'), null);
      const before = calls;
      for (let id = 1; id <= 50; id++) {
        log.commit(id, id % 2 ? townA : townB);
        await read(hub);
      }
      expect(sockets.at(-1)!.eventIds).toHaveLength(clients > 1 ? 50 : 25);
      await hub.close();
      return calls - before;
    };
    expect(await reads(1000)).toBe(await reads(1));
  });
});
