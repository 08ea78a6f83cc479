import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveEventMessage } from '@contract/live.js';
import { PageLive } from '../../../../web/src/lib/live/pageLive.svelte.js';
import { FakeSocket } from './fakeSocket.js';

const event = (id: number): LiveEventMessage => ({
  type: 'event',
  id,
  kind: 'grid',
  at: new Date(0).toISOString(),
  scope: '620724101000',
  gridVersion: id,
});

/** A part of the page: what it received, and its resyncs (each left pending until the test settles it). */
function part() {
  const seen: number[] = [];
  const resyncs: boolean[] = [];
  const pending: (() => void)[] = [];
  return {
    seen,
    resyncs,
    settle: () => pending.shift()?.(),
    subscriber: {
      onEvent: (message: LiveEventMessage) => seen.push(message.id),
      onResync: ({ initial }: { initial: boolean }) => {
        resyncs.push(initial);
        return new Promise<void>((resolve) => pending.push(resolve));
      },
    },
  };
}

describe('PageLive (#12 part 5: one live connection per page)', () => {
  let sockets: FakeSocket[];
  let scope: string | null;
  let live: PageLive;

  beforeEach(() => {
    vi.useFakeTimers();
    sockets = [];
    scope = '620700000000';
    live = new PageLive(() => scope, {
      url: 'ws://test/live',
      sessionGone: async () => false,
      createSocket: () => {
        const socket = new FakeSocket();
        sockets.push(socket);
        return socket as unknown as WebSocket;
      },
    });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('opens no socket until a part subscribes, then one for every part, scoped by the viewer', () => {
    expect(sockets).toHaveLength(0);
    const map = part();
    const tiles = part();
    const stopMap = live.subscribe(map.subscriber);
    const stopTiles = live.subscribe(tiles.subscriber);
    expect(sockets).toHaveLength(1);
    sockets[0]!.open();
    expect(sockets[0]!.sent).toEqual([{ type: 'subscribe', scope: '620700000000', after: null }]);
    stopMap();
    stopTiles();
  });

  it('gives every part the first resync and each event once, holding events until all have resynced', async () => {
    const map = part();
    const wall = part();
    const stops = [live.subscribe(map.subscriber), live.subscribe(wall.subscriber)];
    const socket = sockets[0]!;
    socket.open();
    socket.receive({ type: 'subscribed', scope: '620700000000', lastEventId: 5 });
    expect(map.resyncs).toEqual([true]);
    expect(wall.resyncs).toEqual([true]);
    socket.receive(event(6));
    map.settle();
    await vi.advanceTimersByTimeAsync(0);
    expect(map.seen).toEqual([]);
    wall.settle();
    await vi.advanceTimersByTimeAsync(0);
    expect(map.seen).toEqual([6]);
    expect(wall.seen).toEqual([6]);
    expect(live.state).toBe('live');
    socket.receive(event(7));
    expect(map.seen).toEqual([6, 7]);
    expect(wall.seen).toEqual([6, 7]);
    stops.forEach((stop) => stop());
  });

  it('gives a part that joins a live link its own initial resync, holding only its events meanwhile', async () => {
    const map = part();
    const stopMap = live.subscribe(map.subscriber);
    const socket = sockets[0]!;
    socket.open();
    socket.receive({ type: 'subscribed', scope: '620700000000', lastEventId: 5 });
    map.settle();
    await vi.advanceTimersByTimeAsync(0);
    const late = part();
    const stopLate = live.subscribe(late.subscriber);
    expect(sockets).toHaveLength(1);
    expect(late.resyncs).toEqual([true]);
    socket.receive(event(6));
    expect(map.seen).toEqual([6]);
    expect(late.seen).toEqual([]);
    late.settle();
    await vi.advanceTimersByTimeAsync(0);
    expect(late.seen).toEqual([6]);
    // A later resync of the link (the server closed with 4000) is no longer the initial one.
    socket.dropByServer(4000);
    await vi.advanceTimersByTimeAsync(600);
    sockets[1]!.open();
    // Live from now: the resync reloads what a replay would have brought.
    expect(sockets[1]!.sent).toEqual([{ type: 'subscribe', scope: '620700000000', after: null }]);
    sockets[1]!.receive({ type: 'subscribed', scope: '620700000000', lastEventId: 6 });
    expect(map.resyncs).toEqual([true, false]);
    expect(late.resyncs).toEqual([true, false]);
    stopMap();
    stopLate();
  });

  it('closes the socket when the last part leaves, and a new viewer gets a new connection', () => {
    const first = part();
    const stop = live.subscribe(first.subscriber);
    sockets[0]!.open();
    stop();
    expect(sockets[0]!.closed).toEqual({ code: 1000 });
    scope = '620723000000';
    const next = part();
    const stopNext = live.subscribe(next.subscriber);
    expect(sockets).toHaveLength(2);
    sockets[1]!.open();
    expect(sockets[1]!.sent).toEqual([{ type: 'subscribe', scope: '620723000000', after: null }]);
    stopNext();
  });

  it('refuses a subscriber while nobody is signed in', () => {
    scope = null;
    expect(() => live.subscribe(part().subscriber)).toThrow(/signed-in viewer/);
    expect(sockets).toHaveLength(0);
  });
});
