import type { LiveEventMessage, ServerMessage } from '@contract/live.js';
import { reconnectDelayMs } from './reconnectDelay.js';
import { sessionIsGone } from '../session/sessionProbe.js';
import { reportUnauthorized } from '../session/unauthorized.js';

/** What a wall shows about its link: `live` only once subscribed (and resynced when needed). */
export type LiveState = 'connecting' | 'live' | 'reconnecting';

/**
 * Same as `resyncCloseCode` in server/src/contract/live.ts (a type-only import cannot carry values),
 * whose table lists every close code; any other close is a drop: reconnect with backoff and the last id.
 */
const resyncCloseCode = 4000;
/**
 * Closes that mean "not signed in / not allowed" if a server closes an accepted socket for it:
 * 4001 "sign in again" (contract/live.ts `signInAgainCloseCode`), the others for proxies in front.
 */
const authCloseCodes = new Set([1008, 4001, 4401, 4403]);
/** WebSocket.OPEN, spelled out so the store also runs where no WebSocket global exists (unit tests). */
const openState = 1;

export interface LiveConnectionOptions {
  /** The grid the events are for: the viewer's scope (a prefecture, county, town, village or group code). */
  scope: string;
  onEvent: (event: LiveEventMessage) => void;
  /**
   * Reloads the data the events are applied to. Called after the first subscribe, after a close
   * with code 4000 and after a gap longer than `longGapMs`; events that arrive meanwhile are held
   * and delivered, in order, once it settles — so none is lost and none is applied to stale data.
   */
  onResync: () => Promise<void>;
  /** The server pings every ~15 s; silence this long means a dead link (default 40 s). */
  heartbeatTimeoutMs?: number;
  /** Offline longer than this and replaying is not enough: resync (default 5 min). */
  longGapMs?: number;
  url?: string;
  createSocket?: (url: string) => WebSocket;
  /**
   * Asked when a socket closed before the server said anything, or with an auth close code: resolves true when
   * the session is gone. The server refuses the upgrade of a request without a session with 401,
   * which a browser only sees as a failed connection, so the link cannot tell "signed out" from
   * "server down" by itself. Default: `GET /api/session` answers 401.
   */
  sessionGone?: () => Promise<boolean>;
}

/**
 * The `/live` websocket (server/src/live, contract in domain/liveMessage.ts) as a rune store:
 * subscribes with the last event id it saw, reconnects with exponential backoff + jitter, treats
 * heartbeat silence as a drop, and resyncs on demand. One per page (PageLive shares it); `start()`
 * returns the cleanup.
 */
export class LiveConnection {
  state: LiveState = $state('connecting');
  /** The last event id delivered (or skipped by the server as outside the scope). */
  lastEventId: number | null = $state(null);
  /** Reconnects so far, for the status line. */
  reconnects = $state(0);
  /** The session is gone: the link stopped for good (no reconnect loop) until the view restarts it. */
  signedOut = $state(false);

  private socket: WebSocket | null = null;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private silenceTimer: ReturnType<typeof setTimeout> | undefined;
  private needsResync = true;
  private droppedAt: number | null = null;
  private held: LiveEventMessage[] | null = null;
  private stopped = false;
  private checkingSession = false;

  constructor(private readonly options: LiveConnectionOptions) {}

  /** The grid this connection subscribes to. */
  get scope(): string {
    return this.options.scope;
  }

  start(): () => void {
    this.stopped = false;
    this.signedOut = false;
    this.connect();
    const onOnline = () => this.reconnectNow();
    globalThis.window?.addEventListener('online', onOnline);
    return () => {
      this.stopped = true;
      globalThis.window?.removeEventListener('online', onOnline);
      clearTimeout(this.retryTimer);
      clearTimeout(this.silenceTimer);
      this.socket?.close(1000, 'view closed');
      this.socket = null;
    };
  }

  private get url(): string {
    return this.options.url ?? `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/live`;
  }

  private connect(): void {
    if (this.stopped) return;
    const socket = (this.options.createSocket ?? ((url) => new WebSocket(url)))(this.url);
    this.socket = socket;
    // Nothing heard from the server on this socket yet: a refused upgrade (or a proxy that opened
    // and then failed to reach the server) closes before the first message.
    let heard = false;
    socket.onopen = () => {
      // A resync reloads the data anyway: replaying what it missed would only be work for a client
      // that was dropped for being slow (4000), and could drop it again. Live from now instead.
      const after = this.needsResync ? null : this.lastEventId;
      socket.send(JSON.stringify({ type: 'subscribe', scope: this.options.scope, after }));
      this.listen();
    };
    socket.onmessage = (message) => {
      if (socket !== this.socket) return;
      heard = true;
      this.listen();
      this.receive(JSON.parse(String(message.data)) as ServerMessage);
    };
    socket.onclose = (close) => {
      if (socket !== this.socket) return;
      if (close.code === resyncCloseCode) this.needsResync = true;
      this.dropped();
      if (!heard || authCloseCodes.has(close.code)) void this.checkSession();
    };
    // An error is always followed by a close; the close decides.
    socket.onerror = () => {};
  }

  private receive(message: ServerMessage): void {
    switch (message.type) {
      case 'subscribed':
        this.subscribed(message.lastEventId);
        return;
      case 'event': {
        const event = message as LiveEventMessage;
        if (this.lastEventId !== null && event.id <= this.lastEventId) return;
        this.lastEventId = event.id;
        if (this.held) this.held.push(event);
        else this.options.onEvent(event);
        return;
      }
      case 'ping':
        // A heartbeat: `listen()` above has already counted it; the server wants no answer.
        return;
      case 'error':
        console.warn('gridmap live:', message.message);
        return;
      default:
        return;
    }
  }

  private subscribed(lastEventId: number): void {
    // Replayed events came before this; `lastEventId` also covers ids skipped as outside the scope.
    if (this.lastEventId === null || lastEventId > this.lastEventId) this.lastEventId = lastEventId;
    this.attempt = 0;
    const longGap = this.droppedAt !== null && Date.now() - this.droppedAt > (this.options.longGapMs ?? 300_000);
    this.droppedAt = null;
    if (!this.needsResync && !longGap) {
      this.state = 'live';
      return;
    }
    this.needsResync = false;
    this.held = [];
    this.options
      .onResync()
      .catch((error: unknown) => {
        // The data stays as it was; try the whole resync again on the next connection.
        console.warn('gridmap live: resync failed', error);
        this.needsResync = true;
      })
      .finally(() => {
        const held = this.held ?? [];
        this.held = null;
        held.forEach((event) => this.options.onEvent(event));
        if (this.socket?.readyState === openState) this.state = 'live';
      });
  }

  /** Any frame proves the link alive; silence past the timeout is a drop even if TCP has not noticed. */
  private listen(): void {
    clearTimeout(this.silenceTimer);
    this.silenceTimer = setTimeout(() => {
      console.warn('gridmap live: no heartbeat, reconnecting');
      const socket = this.socket;
      this.dropped();
      socket?.close(4001, 'heartbeat timeout');
    }, this.options.heartbeatTimeoutMs ?? 40_000);
  }

  private dropped(): void {
    clearTimeout(this.silenceTimer);
    if (this.socket) {
      this.socket.onopen = this.socket.onmessage = this.socket.onclose = null;
    }
    this.socket = null;
    this.droppedAt ??= Date.now();
    if (this.stopped) return;
    this.state = 'reconnecting';
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.reconnects++;
      this.connect();
    }, reconnectDelayMs(this.attempt++));
  }

  /** A refused link: if the session is gone, stop (the app shows the sign-in view) instead of retrying forever. */
  private async checkSession(): Promise<void> {
    if (this.checkingSession || this.stopped) return;
    this.checkingSession = true;
    try {
      if (!(await (this.options.sessionGone ?? sessionIsGone)())) return;
    } finally {
      this.checkingSession = false;
    }
    if (this.stopped) return;
    this.stopped = true;
    this.signedOut = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.silenceTimer);
    const socket = this.socket;
    if (socket) socket.onopen = socket.onmessage = socket.onclose = null;
    this.socket = null;
    socket?.close(1000, 'signed out');
    reportUnauthorized();
  }

  /** The browser says the network is back: skip the rest of the backoff. */
  private reconnectNow(): void {
    if (this.socket || this.stopped) return;
    clearTimeout(this.retryTimer);
    this.attempt = 0;
    this.reconnects++;
    this.connect();
  }
}
