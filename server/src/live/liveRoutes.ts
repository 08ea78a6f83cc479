import fp from 'fastify-plugin';
import websocket from '@fastify/websocket';
import type { WebSocket } from 'ws';
import type postgres from 'postgres';
import type { Database } from '../db/database.js';
import { parseClientMessage } from '../domain/liveMessage.js';
import {
  maxClientFrameBytes,
  signInAgainCloseCode,
  signInAgainCloseReason,
  tooManyMessagesCloseCode,
  tooManyMessagesCloseReason,
  type ErrorMessage,
} from '../contract/live.js';
import { LiveMessageBudget, type LiveMessageBudgetOptions } from '../domain/liveMessageBudget.js';
import { databaseEventLog } from './eventLog.js';
import { InProcessBus } from './inProcessBus.js';
import type { LiveBus } from './liveBus.js';
import { LiveHub, type LiveHubOptions, type LiveSocket } from './liveHub.js';
import { PostgresNotifyBus } from './postgresNotifyBus.js';
import { resolveScope } from './resolveScope.js';
import { liveSessionOf } from '../auth/liveSession.js';
import type { Viewer } from '../domain/accessRole.js';

export interface LiveRouteOptions extends Partial<LiveHubOptions> {
  /** Heartbeat interval: a `{"type":"ping"}` message and a ws ping frame. Default 15,000 ms. */
  heartbeatMs?: number;
  /** Overrides the bus chosen from the database kind. */
  bus?: LiveBus;
  /** Each socket's message rate (domain/liveMessageBudget.ts); defaults from contract/live.ts. */
  messageBudget?: Partial<LiveMessageBudgetOptions>;
}

declare module 'fastify' {
  interface FastifyInstance {
    live: LiveHub;
  }
}

const pingText = JSON.stringify({ type: 'ping' });
const pongText = JSON.stringify({ type: 'pong' });

/**
 * `/live`: the websocket contract in `domain/liveMessage.ts`. Heartbeats go both ways of
 * detection: the JSON ping lets a browser (which cannot see ping frames) notice a dead link; a
 * client that has not answered the previous ping frame is terminated, freeing its slot.
 */
export const liveRoutes = fp<LiveRouteOptions>(
  async (app, options) => {
    await app.register(websocket, { options: { maxPayload: maxClientFrameBytes } });
    const bus = options.bus ?? busFor(app.db);
    const hub = new LiveHub(databaseEventLog(app.db), bus, options, app.log);
    await hub.start();
    app.decorate('live', hub);

    const alive = new WeakMap<WebSocket, boolean>();
    const heartbeat = setInterval(() => {
      for (const socket of app.websocketServer.clients) {
        if (alive.get(socket) === false) {
          socket.terminate();
          continue;
        }
        alive.set(socket, false);
        socket.ping();
        socket.send(pingText);
      }
    }, options.heartbeatMs ?? 15_000);
    heartbeat.unref();

    app.addHook('onClose', async () => {
      clearInterval(heartbeat);
      await hub.close();
    });

    // The upgrade request passed the session hook (auth/sessionViewer.ts): no session, no socket.
    app.get('/live', { websocket: true, schema: { hide: true } }, (socket, request) => {
      const viewer = request.viewer ?? null;
      const session = request.session ?? null;
      const live = liveSocket(socket);
      alive.set(socket, true);
      socket.on('pong', () => alive.set(socket, true));
      socket.on('close', () => hub.unsubscribe(live));
      socket.on('error', (error) => app.log.debug({ err: error }, 'live: socket error'));
      // Counted as they arrive, before any work: a flood queues no scope lookups (#13 "Bad input").
      const budget = new LiveMessageBudget(options.messageBudget);
      // Handled one at a time, so a subscribe's scope lookup cannot reorder later messages.
      let turn = Promise.resolve();
      socket.on('message', (data, isBinary) => {
        if (socket.readyState !== socket.OPEN) return;
        const verdict = budget.take();
        if (verdict === 'close') {
          request.log.warn('live: closing a client that floods the server with messages (4429)');
          return socket.close(tooManyMessagesCloseCode, tooManyMessagesCloseReason);
        }
        if (verdict === 'refuse') return sendError(socket, 'too many messages; send one subscribe per connection');
        turn = turn.then(() =>
          handle(socket, live, isBinary ? null : data.toString(), viewer, session?.idHash ?? null),
        );
      });
    });

    async function handle(
      socket: WebSocket,
      live: LiveSocket,
      text: string | null,
      viewer: Viewer | null,
      sessionIdHash: string | null,
    ): Promise<void> {
      // Closed while this message waited its turn: nothing left to answer.
      if (socket.readyState !== socket.OPEN) return;
      const parsed =
        text === null ? { ok: false as const, error: 'messages are JSON text, not binary' } : parseClientMessage(text);
      if (!parsed.ok) return sendError(socket, parsed.error);
      const message = parsed.message;
      if (message.type === 'ping') return socket.send(pongText);
      try {
        // A socket outlives the request that opened it: a subscribe after sign-out (or the
        // session's expiry) ends it, and the client signs in again.
        if (sessionIdHash && !(await liveSessionOf(app, sessionIdHash))) {
          sendError(socket, 'the session has ended; sign in again');
          return socket.close(signInAgainCloseCode, signInAgainCloseReason);
        }
        const resolved = await resolveScope(app.db.sql, message.scope, viewer);
        if (!resolved.ok) return sendError(socket, resolved.message);
        if (socket.readyState !== socket.OPEN) return;
        await hub.subscribe(live, resolved.scope, message.after);
      } catch (error) {
        app.log.error({ err: error }, 'live: subscribe failed');
        sendError(socket, 'the server could not subscribe; try again');
      }
    }
  },
  { name: 'gridmap-live', decorators: { fastify: ['db'] } },
);

function sendError(socket: WebSocket, message: string): void {
  socket.send(JSON.stringify({ type: 'error', message } satisfies ErrorMessage));
}

/** NOTIFY across processes on PostgreSQL; in-process on the embedded database (one process). */
function busFor(db: Database): LiveBus {
  if (db.kind === 'embedded') return new InProcessBus();
  if ('client' in db) return new PostgresNotifyBus((db as Database & { client: postgres.Sql }).client);
  throw new Error('live: a PostgreSQL database without its postgres.js client cannot LISTEN; pass options.bus');
}

/**
 * The hub's view of a `ws` socket. Corking reaches the underlying net.Socket, which `ws` keeps in
 * its (long-stable, undocumented) `_socket` field; without it, events are simply written one by one.
 */
function liveSocket(socket: WebSocket): LiveSocket {
  const raw = (socket as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
  return {
    get bufferedAmount() {
      return socket.bufferedAmount;
    },
    // Always a text frame: the hub's shared event Buffers are UTF-8 JSON.
    send: (data, callback) => socket.send(data, { binary: false }, callback),
    close: (code, reason) => socket.close(code, reason),
    cork: () => raw?.cork(),
    uncork: () => raw?.uncork(),
  };
}
