import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveConnection } from '../../../../web/src/lib/live/liveConnection.svelte.js';
import { onUnauthorized } from '../../../../web/src/lib/session/unauthorized.js';

/** A socket the test closes as the server would: refused before opening, or closed after. */
class FakeSocket {
  readyState = 0;
  onopen: (() => void) | null = null;
  onmessage: ((message: { data: string }) => void) | null = null;
  onclose: ((close: { code: number }) => void) | null = null;
  onerror: (() => void) | null = null;
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  refuse() {
    this.readyState = 3;
    this.onclose?.({ code: 1006 });
  }
  send() {}
  close() {
    this.readyState = 3;
  }
}

describe('LiveConnection when the session is gone', () => {
  let sockets: FakeSocket[];
  let sessionGone: boolean;
  let probes: number;
  let unauthorized: number;
  let stopListening: () => void;
  let connection: LiveConnection;
  let stop: () => void;

  beforeEach(() => {
    vi.useFakeTimers();
    sockets = [];
    probes = 0;
    unauthorized = 0;
    stopListening = onUnauthorized(() => unauthorized++);
    connection = new LiveConnection({
      scope: '620724',
      url: 'ws://test/live',
      createSocket: () => {
        const socket = new FakeSocket();
        sockets.push(socket);
        return socket as unknown as WebSocket;
      },
      onEvent: () => {},
      onResync: async () => {},
      sessionGone: async () => {
        probes++;
        return sessionGone;
      },
    });
  });

  afterEach(() => {
    stop();
    stopListening();
    vi.useRealTimers();
  });

  it('asks when a link opens and closes before the server says anything (a proxy in between)', async () => {
    sessionGone = true;
    stop = connection.start();
    sockets[0]!.open();
    sockets[0]!.refuse();
    await vi.advanceTimersByTimeAsync(0);
    expect(probes).toBe(1);
    expect(connection.signedOut).toBe(true);
  });

  it('stops for good and reports 401 when an upgrade is refused and the session is gone', async () => {
    sessionGone = true;
    stop = connection.start();
    sockets[0]!.refuse();
    await vi.advanceTimersByTimeAsync(0);
    expect(connection.signedOut).toBe(true);
    expect(unauthorized).toBe(1);
    // No reconnect loop: an hour later there is still only the one socket.
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(sockets).toHaveLength(1);
    expect(probes).toBe(1);
  });

  it('keeps reconnecting when a refused upgrade is the server being down, not a lost session', async () => {
    sessionGone = false;
    stop = connection.start();
    sockets[0]!.refuse();
    await vi.advanceTimersByTimeAsync(0);
    expect(connection.signedOut).toBe(false);
    expect(connection.state).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sockets).toHaveLength(2);
    expect(unauthorized).toBe(0);
  });

  it('does not ask about the session when a link that was subscribed drops (a network matter)', async () => {
    sessionGone = true;
    stop = connection.start();
    sockets[0]!.open();
    sockets[0]!.onmessage?.({ data: JSON.stringify({ type: 'subscribed', scope: '620724000000', lastEventId: 1 }) });
    sockets[0]!.readyState = 3;
    sockets[0]!.onclose?.({ code: 1006 });
    await vi.advanceTimersByTimeAsync(0);
    expect(probes).toBe(0);
    expect(connection.signedOut).toBe(false);
  });

  it.each([
    ['a policy (1008) code', 1008],
    ['the server\'s 4001 "sign in again"', 4001],
  ])('asks when a subscribed link is closed with %s', async (_what, code) => {
    sessionGone = true;
    stop = connection.start();
    sockets[0]!.open();
    sockets[0]!.onmessage?.({ data: JSON.stringify({ type: 'subscribed', scope: '620724000000', lastEventId: 1 }) });
    sockets[0]!.onclose?.({ code });
    await vi.advanceTimersByTimeAsync(0);
    expect(connection.signedOut).toBe(true);
  });
});
