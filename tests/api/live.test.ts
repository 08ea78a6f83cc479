import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { WebSocket } from 'ws';
import { randomUUID } from 'node:crypto';
import { sessionViewer } from '../../server/src/auth/sessionViewer.js';
import type { Database } from '../../server/src/db/database.js';
import { openPostgres } from '../../server/src/db/postgresDatabase.js';
import { liveRoutes } from '../../server/src/live/liveRoutes.js';
import { publishEvent, publishEvents, type PublishEventInput } from '../../server/src/outbox/publishEvent.js';
import {
  maxClientFrameBytes,
  tooManyMessagesRefused,
  type EventKind,
  type LivePayload,
} from '../../server/src/contract/live.js';
import { backends } from '../support/testDatabases.js';
import { seededApp } from '../support/seededApp.js';

interface Message {
  type: string;
  id?: number;
  kind?: string;
  message?: string;
  run?: string;
  n?: number;
  scope?: string;
  lastEventId?: number;
}

/**
 * The hub forwards a payload without reading it: these transport tests mark each event with their
 * run and a number instead of its kind's fields (`publishEvent` types real payloads per kind).
 */
function marks<K extends EventKind>(fields: { run: string; n: number; filler?: string }): LivePayload<K> {
  return fields as unknown as LivePayload<K>;
}

/** A `/live` client that records every message and lets a test await one. */
class LiveClient {
  readonly messages: Message[] = [];
  /** Binary frames received (every gridmap message is JSON in a text frame: a browser hands a binary one over as a Blob). */
  binaryFrames = 0;
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly #waiters = new Set<() => void>();

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data, isBinary) => {
      if (isBinary) this.binaryFrames++;
      this.messages.push(JSON.parse(String(data)) as Message);
      for (const waiter of [...this.#waiters]) waiter();
    });
    this.closed = new Promise((resolve) =>
      socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  /** `session`: the session cookie's value (the upgrade needs a signed-in session). */
  static open(app: FastifyInstance, session: string): Promise<LiveClient> {
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const socket = new WebSocket(`ws://127.0.0.1:${port}/live`, { headers: { cookie: `gridmap_session=${session}` } });
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new LiveClient(socket)));
      socket.once('error', reject);
    });
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** Resolves with the first non-undefined answer of `find` over the messages so far. */
  until<T>(find: (messages: Message[]) => T | undefined): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = find(this.messages);
        if (found === undefined) return;
        this.#waiters.delete(check);
        resolve(found);
      };
      this.#waiters.add(check);
      check();
      void this.closed.then(({ code }) => {
        if (this.#waiters.delete(check)) reject(new Error(`socket closed (${code}) before the awaited message`));
      });
    });
  }

  /** Subscribes and waits for the acknowledgement. */
  async subscribe(scope: string, after: number | null): Promise<Message> {
    const seen = this.messages.length;
    this.send({ type: 'subscribe', scope, after });
    return this.until((messages) => messages.slice(seen).find((m) => m.type === 'subscribed' || m.type === 'error'));
  }

  /** The `n` of this run's events, in arrival order. */
  ns(run: string): number[] {
    return this.messages.filter((m) => m.type === 'event' && m.run === run).map((m) => m.n!);
  }

  eventIds(): number[] {
    return this.messages.filter((m) => m.type === 'event').map((m) => m.id!);
  }

  close(): void {
    this.socket.close();
  }
}

function increasing(ids: number[]): boolean {
  return ids.every((id, index) => index === 0 || id > ids[index - 1]!);
}

describe.each(backends)('%s', (kind) => {
  const seeded = seededApp(kind);
  let db: Database;
  let app: FastifyInstance;
  let townA: string;
  let townB: string;
  let villageA: string;
  const clients: LiveClient[] = [];
  const run = randomUUID();
  let n = 0;

  async function open(target: FastifyInstance = app): Promise<LiveClient> {
    const client = await LiveClient.open(target, (await seeded.sessionOf('admin')).cookie);
    clients.push(client);
    return client;
  }

  /** Commits one event of this run and returns its `n`. */
  async function publish(place: Omit<PublishEventInput, 'kind' | 'payload'>): Promise<number> {
    const mine = ++n;
    await db.transaction((sql) =>
      publishEvent(sql, { kind: 'case', ...place, payload: marks<'case'>({ run, n: mine }) }),
    );
    return mine;
  }

  beforeAll(async () => {
    db = seeded.db;
    const towns = await db.sql<{ code: string }>`
      SELECT code FROM grids WHERE level = 'town' AND valid_to IS NULL ORDER BY code LIMIT 2`;
    [townA, townB] = towns.map((t) => t.code) as [string, string];
    const villages = await db.sql<{ code: string }>`
      SELECT code FROM grids WHERE level = 'village' AND parent_code = ${townA} AND valid_to IS NULL ORDER BY code LIMIT 1`;
    villageA = villages[0]!.code;
    app = seeded.app;
    await app.listen({ port: 0, host: '127.0.0.1' });
  });

  afterAll(async () => {
    for (const client of clients) client.close();
  });

  describe('/live', () => {
    it('delivers an event committed in a transaction to a county subscriber', async () => {
      const client = await open();
      const ack = await client.subscribe('620724', null);
      expect(ack).toMatchObject({ type: 'subscribed', scope: '620724000000' });
      expect(ack.lastEventId).toBeGreaterThanOrEqual(0);
      const sent = await publish({ villageCode: villageA });
      const event = await client.until((messages) => messages.find((m) => m.run === run && m.n === sent));
      expect(event).toMatchObject({ type: 'event', kind: 'case', townCode: townA, villageCode: villageA });
      expect(event.id).toBeGreaterThan(ack.lastEventId!);
    });

    it('sends events, live and replayed, as text frames (#13: one shared UTF-8 Buffer per event)', async () => {
      const live = await open();
      const ack = await live.subscribe('620724', null);
      const first = await publish({ villageCode: villageA });
      await live.until((messages) => messages.find((m) => m.run === run && m.n === first));
      const resumed = await open();
      await resumed.subscribe('620724', ack.lastEventId!);
      await resumed.until((messages) => messages.find((m) => m.run === run && m.n === first));
      expect(live.binaryFrames).toBe(0);
      expect(resumed.binaryFrames).toBe(0);
    });

    it('does not deliver an event of another town to a town subscriber', async () => {
      const client = await open();
      await client.subscribe(townA, null);
      const elsewhere = await publish({ townCode: townB });
      const here = await publish({ villageCode: villageA });
      await client.until((messages) => messages.find((m) => m.run === run && m.n === here));
      expect(client.ns(run)).not.toContain(elsewhere);
      expect(client.ns(run)).toEqual([here]);
    });

    it('replays exactly the missed events of the scope, in order, to a client that reconnects with its last id', async () => {
      const first = await open();
      await first.subscribe(townA, null);
      const before = await publish({ villageCode: villageA });
      const seen = await first.until((messages) => messages.find((m) => m.run === run && m.n === before));
      first.close();
      await first.closed;
      const missed = [];
      for (let i = 0; i < 5; i++) missed.push(await publish(i % 2 ? { townCode: townA } : { villageCode: villageA }));
      const outside = await publish({ townCode: townB });
      const second = await open();
      const ack = await second.subscribe(townA, seen.id!);
      const after = await publish({ townCode: townA });
      await second.until((messages) => messages.find((m) => m.run === run && m.n === after));
      expect(second.ns(run)).toEqual([...missed, after]);
      expect(second.ns(run)).not.toContain(outside);
      expect(increasing(second.eventIds())).toBe(true);
      const replayed = second.messages.findIndex((m) => m.type === 'subscribed');
      expect(
        second.messages
          .slice(0, replayed)
          .filter((m) => m.run === run)
          .map((m) => m.n),
      ).toEqual(missed);
      expect(ack.lastEventId).toBeGreaterThanOrEqual(seen.id!);
    });

    it.each([
      ['malformed JSON', '{"type":"subscribe",', 'not valid JSON'],
      ['an unknown type', '{"type":"unsubscribe"}', 'unknown message type'],
      ['a subscribe without "after"', '{"type":"subscribe","scope":"620724"}', '"after"'],
      ['a JSON array', '[{"type":"subscribe","scope":"620724","after":null}]', 'JSON object'],
      ['a subscribe with a negative "after"', '{"type":"subscribe","scope":"620724","after":-1}', 'non-negative'],
      ['a subscribe with an extra field', '{"type":"subscribe","scope":"620724","after":null,"x":1}', 'unknown field'],
    ])('answers %s with an error message and keeps the subscription', async (_what, text, problem) => {
      const client = await open();
      await client.subscribe(townA, null);
      client.send(text);
      const error = await client.until((messages) => messages.find((m) => m.type === 'error'));
      expect(error.message).toContain(problem);
      const sent = await publish({ townCode: townA });
      await client.until((messages) => messages.find((m) => m.run === run && m.n === sent));
      expect(client.socket.readyState).toBe(WebSocket.OPEN);
    });

    it('answers a subscription to an unknown scope with an error and keeps the previous one', async () => {
      const client = await open();
      await client.subscribe(townA, null);
      const reply = await client.subscribe('620724999000', null);
      expect(reply).toEqual({ type: 'error', message: expect.stringContaining('unknown scope "620724999000"') });
      const notCode = await client.subscribe('gaotai', 0);
      expect(notCode.type).toBe('error');
      const elsewhere = await publish({ townCode: townB });
      const here = await publish({ townCode: townA });
      await client.until((messages) => messages.find((m) => m.run === run && m.n === here));
      expect(client.ns(run)).toEqual([here]);
      expect(client.ns(run)).not.toContain(elsewhere);
    });

    it('never delivers the event of a rolled-back transaction', async () => {
      const client = await open();
      await client.subscribe('620724', null);
      const rolledBack = ++n;
      await expect(
        db.transaction(async (sql) => {
          await publishEvent(sql, {
            kind: 'camera',
            townCode: townA,
            payload: marks<'camera'>({ run, n: rolledBack }),
          });
          throw new Error('the write failed');
        }),
      ).rejects.toThrow('the write failed');
      const committed = await publish({ townCode: townA });
      await client.until((messages) => messages.find((m) => m.run === run && m.n === committed));
      expect(client.ns(run)).toEqual([committed]);
      const replay = await open();
      await replay.subscribe('620724', 0);
      expect(replay.ns(run)).not.toContain(rolledBack);
      expect(replay.ns(run)).toContain(committed);
    });

    it('answers a binary frame with an error message and keeps the subscription', async () => {
      const client = await open();
      await client.subscribe(townA, null);
      client.socket.send(Buffer.from('{"type":"ping"}'), { binary: true });
      const error = await client.until((messages) => messages.find((m) => m.type === 'error'));
      expect(error.message).toContain('not binary');
      const sent = await publish({ townCode: townA });
      await client.until((messages) => messages.find((m) => m.run === run && m.n === sent));
    });

    it('closes a socket that sends an oversized frame with 1009, and the other clients go on', async () => {
      const bystander = await open();
      await bystander.subscribe(townA, null);
      const big = await open();
      await big.subscribe(townA, null);
      big.send(JSON.stringify({ type: 'subscribe', scope: townA, after: null, pad: 'x'.repeat(maxClientFrameBytes) }));
      await expect(big.closed).resolves.toMatchObject({ code: 1009 });
      const sent = await publish({ townCode: townA });
      await bystander.until((messages) => messages.find((m) => m.run === run && m.n === sent));
      expect(bystander.socket.readyState).toBe(WebSocket.OPEN);
    });

    it('refuses a flood of subscribes from one socket, then closes it with 4429, and the other clients go on', async () => {
      const bystander = await open();
      await bystander.subscribe(townA, null);
      const flooder = await open();
      const flood = 500;
      for (let i = 0; i < flood; i++) flooder.send({ type: 'subscribe', scope: townA, after: null });
      await expect(flooder.closed).resolves.toEqual({ code: 4429, reason: 'too many messages' });
      const refused = flooder.messages.filter((m) => m.type === 'error' && m.message?.includes('too many messages'));
      const acknowledged = flooder.messages.filter((m) => m.type === 'subscribed');
      expect(refused.length).toBeGreaterThanOrEqual(tooManyMessagesRefused);
      expect(acknowledged.length).toBeLessThan(flood - tooManyMessagesRefused);
      const sent = await publish({ townCode: townA });
      await bystander.until((messages) => messages.find((m) => m.run === run && m.n === sent));
      expect(bystander.ns(run)).toEqual([sent]);
      // The same session may connect again: the limit is the socket's, not the account's.
      const again = await open();
      await expect(again.subscribe(townA, null)).resolves.toMatchObject({ type: 'subscribed' });
    });

    it('answers a ping with a pong', async () => {
      const client = await open();
      client.send({ type: 'ping' });
      await expect(client.until((messages) => messages.find((m) => m.type === 'pong'))).resolves.toEqual({
        type: 'pong',
      });
    });
  });

  describe('/live with small limits', () => {
    let small: FastifyInstance;
    let beating: FastifyInstance;

    async function liveOnly(options: Parameters<typeof liveRoutes>[1]): Promise<FastifyInstance> {
      const instance = Fastify();
      instance.decorate('db', db);
      await instance.register(sessionViewer); // the sessions are in the shared database
      await instance.register(liveRoutes, options);
      await instance.listen({ port: 0, host: '127.0.0.1' });
      return instance;
    }

    beforeAll(async () => {
      small = await liveOnly({ maxBufferedBytes: 64 * 1024 });
      beating = await liveOnly({ heartbeatMs: 100 });
    });

    afterAll(async () => {
      await small.close();
      await beating.close();
    });

    it('sends heartbeats', async () => {
      const client = await open(beating);
      await expect(client.until((messages) => messages.find((m) => m.type === 'ping'))).resolves.toEqual({
        type: 'ping',
      });
    });

    it('closes a reader that cannot keep up with 4000 "resync" while a fast one gets every event; it resumes without loss', async () => {
      const slow = await open(small);
      const fast = await open(small);
      await slow.subscribe('620724', null);
      await fast.subscribe('620724', null);
      slow.socket.pause(); // stops reading: the kernel buffers fill, then the server's queue grows
      const filler = 'x'.repeat(850);
      const published: number[] = [];
      for (let batch = 0; batch < 10 && small.live.subscriberCount > 1; batch++) {
        const ns = Array.from({ length: 1500 }, () => ++n);
        const inputs = ns.map((mine) => ({
          kind: 'patrol' as const,
          townCode: townA,
          payload: marks<'patrol'>({ run, n: mine, filler }),
        }));
        await db.transaction((sql) => publishEvents(sql, inputs));
        published.push(...ns);
        const last = published.at(-1);
        await fast.until((messages) => (messages.at(-1)?.n === last ? true : undefined));
      }
      expect(small.live.subscriberCount).toBe(1);
      slow.socket.resume();
      await expect(slow.closed).resolves.toEqual({ code: 4000, reason: 'resync' });
      expect(fast.ns(run).filter((x) => x >= published[0]!)).toEqual(published);
      const slowGot = slow.ns(run).filter((x) => x >= published[0]!);
      expect(slowGot.length).toBeLessThan(published.length);
      expect(slowGot).toEqual(published.slice(0, slowGot.length));
      // Told to resync, it may also resume: a replay from its last id brings the rest, nothing lost.
      const lastSeen = slow.eventIds().at(-1)!;
      const resumed = await open(small);
      await resumed.subscribe('620724', lastSeen);
      expect(resumed.ns(run).filter((x) => x >= published[0]!)).toEqual(published.slice(slowGot.length));
    });
  });

  // NOTIFY across processes is the point of the PostgreSQL bus; the embedded database has one process.
  if (kind === 'postgres')
    describe('/live on two server processes', () => {
      it('delivers an event published through one instance to a client of the other', async () => {
        // Its own pool and LISTEN connection; the safety re-read is pushed out of reach, so only the
        // NOTIFY from the other instance's commit can bring the event.
        const otherDb = openPostgres({ url: inject('postgresUrl'), max: 2 });
        const other = Fastify();
        other.decorate('db', otherDb);
        try {
          await other.register(sessionViewer);
          await other.register(liveRoutes, { safetyPollMs: 3_600_000 });
          await other.listen({ port: 0, host: '127.0.0.1' });
          const client = await open(other);
          await client.subscribe(townA, null);
          const sent = await publish({ townCode: townA });
          const event = await client.until((messages) => messages.find((m) => m.run === run && m.n === sent));
          expect(event).toMatchObject({ type: 'event', kind: 'case', townCode: townA });
          client.close();
        } finally {
          await other.close();
          await otherDb.close();
        }
      });
    });
});
