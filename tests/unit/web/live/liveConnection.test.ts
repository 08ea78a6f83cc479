import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveConnection } from '../../../../web/src/lib/live/liveConnection.svelte.js';
import type { LiveEventMessage } from '@contract/live.js';
import { FakeSocket } from './fakeSocket.js';

const event = (id: number): LiveEventMessage => ({
  type: 'event',
  id,
  kind: 'case',
  at: new Date(0).toISOString(),
  serial: `62072420260101${String(id).padStart(5, '0')}`,
  action: 'register',
  category: 'neighbour_dispute',
  status: 'registered',
  level: 'group',
  major: false,
  deadlineState: 'green',
  stageWarnAt: null,
  stageDueAt: null,
  lon: 99.82,
  lat: 39.38,
});

describe('LiveConnection', () => {
  let sockets: FakeSocket[];
  let events: number[];
  let resyncs: number;
  let finishResync: () => void;
  let connection: LiveConnection;
  let stop: () => void;

  beforeEach(() => {
    vi.useFakeTimers();
    sockets = [];
    events = [];
    resyncs = 0;
    connection = new LiveConnection({
      scope: '620724',
      url: 'ws://test/live',
      heartbeatTimeoutMs: 40_000,
      longGapMs: 300_000,
      createSocket: () => {
        const socket = new FakeSocket();
        sockets.push(socket);
        return socket as unknown as WebSocket;
      },
      onEvent: (message) => events.push(message.id),
      onResync: () => {
        resyncs++;
        return new Promise<void>((resolve) => (finishResync = resolve));
      },
    });
    stop = connection.start();
  });

  afterEach(() => {
    stop();
    vi.useRealTimers();
  });

  async function connectAndResync(socket: FakeSocket, lastEventId: number) {
    socket.open();
    socket.receive({ type: 'subscribed', scope: '620724000000', lastEventId });
    finishResync();
    await vi.advanceTimersByTimeAsync(0);
  }

  it('subscribes live-only at first, resyncs, and holds events that arrive during the resync', async () => {
    const socket = sockets[0]!;
    socket.open();
    expect(socket.sent).toEqual([{ type: 'subscribe', scope: '620724', after: null }]);
    socket.receive({ type: 'subscribed', scope: '620724000000', lastEventId: 10 });
    expect(resyncs).toBe(1);
    socket.receive(event(11));
    expect(events).toEqual([]);
    expect(connection.state).toBe('connecting');
    finishResync();
    await vi.advanceTimersByTimeAsync(0);
    expect(events).toEqual([11]);
    expect(connection.state).toBe('live');
  });

  it('after a drop shows reconnecting, comes back with the last id it saw, and skips what it already has', async () => {
    await connectAndResync(sockets[0]!, 10);
    sockets[0]!.receive(event(11));
    sockets[0]!.dropByServer();
    expect(connection.state).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(600);
    const second = sockets[1]!;
    second.open();
    expect(second.sent).toEqual([{ type: 'subscribe', scope: '620724', after: 11 }]);
    second.receive(event(11));
    second.receive(event(12));
    second.receive({ type: 'subscribed', scope: '620724000000', lastEventId: 12 });
    expect(events).toEqual([11, 12]);
    // A short drop is covered by the replay: no reload.
    expect(resyncs).toBe(1);
    expect(connection.state).toBe('live');
  });

  it('after the server closes with 4000, reconnects live from now (no replay) and resyncs', async () => {
    await connectAndResync(sockets[0]!, 10);
    sockets[0]!.receive(event(11));
    sockets[0]!.dropByServer(4000);
    expect(connection.state).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(600);
    sockets[1]!.open();
    expect(sockets[1]!.sent).toEqual([{ type: 'subscribe', scope: '620724', after: null }]);
    sockets[1]!.receive({ type: 'subscribed', scope: '620724000000', lastEventId: 40 });
    expect(resyncs).toBe(2);
    expect(connection.lastEventId).toBe(40);
    sockets[1]!.receive(event(41));
    expect(events).toEqual([11]);
    finishResync();
    await vi.advanceTimersByTimeAsync(0);
    expect(events).toEqual([11, 41]);
    expect(connection.state).toBe('live');
  });

  it('treats heartbeat silence as a dead link and reconnects', async () => {
    await connectAndResync(sockets[0]!, 10);
    await vi.advanceTimersByTimeAsync(30_000);
    sockets[0]!.receive({ type: 'ping' });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10_001);
    expect(sockets[0]!.closed).not.toBeNull();
    expect(connection.state).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(600);
    expect(sockets).toHaveLength(2);
  });

  it('backs off further with each failed attempt', async () => {
    sockets[0]!.dropByServer();
    const gaps: number[] = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      let waited = 0;
      while (sockets.length === attempt) {
        await vi.advanceTimersByTimeAsync(50);
        waited += 50;
      }
      gaps.push(waited);
      sockets[attempt]!.dropByServer();
    }
    expect(gaps[4]!).toBeGreaterThan(gaps[0]! * 4);
    expect(connection.reconnects).toBe(5);
  });
});
