import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { WebSocket } from 'ws';
import { seededPrivatePostgres } from '../support/seededPostgres.js';
import { signIn, startServer, stopServer, type ServerProcess, type Session } from '../support/serverProcess.js';
import type { ThrowawayPostgres } from '../support/throwawayPostgres.js';

/**
 * Faults (issue "Trust", part 7), PostgreSQL only — the embedded database has no connections to
 * lose and no second process — with real server processes (`server/src/main.ts`) on a throw-away
 * database of this file's own (killing connections or processes must not touch other files' data):
 *
 * (a) every PostgreSQL connection of the server terminated while cases stream in: the pool and the
 *     LISTEN connection reconnect by themselves, and the live client gets every event once, in order
 *     (postgres.js 3.4.9 crashes the process here unless server/src/db/postgresDriverGuard.ts is
 *     installed by main.ts: porsager/postgres#1208);
 * (b) the server stopped and started again: the client reconnects with `after` and replays what it
 *     missed, no loss, no duplicate;
 * two server processes on one database: a case written through one reaches a live client of the
 *     other (the NOTIFY bus between processes);
 * (d) the server SIGKILLed while a batch of writes is in flight: every stored case has its steps and
 *     its event, every case event its case — nothing half-published — and a client replaying after
 *     the restart gets every committed event once.
 * (c) "a slow websocket reader does not delay the others" is tests/api/live.test.ts ("closes a reader
 *     that cannot keep up…"), not repeated here.
 *
 * Prints "events lost across fault tests: N"; each test asserts its own share is 0.
 */

/**
 * A live client as a wall runs it: subscribed to the county, and whenever its socket closes it
 * reconnects (to whatever `url` is now) and resubscribes with the last id it got. Counts duplicates
 * and out-of-order arrivals.
 */
class ReplayingClient {
  readonly received: number[] = [];
  duplicates = 0;
  outOfOrder = 0;
  reconnects = 0;
  lastId = 0;
  #seen = new Set<number>();
  #socket: WebSocket | null = null;
  #closed = false;
  #waiters = new Set<() => void>();

  constructor(
    public url: string,
    private readonly cookie: string,
  ) {}

  /** Connects and subscribes; resolves with the acknowledged position. */
  async start(): Promise<number> {
    return this.#connect(null);
  }

  #connect(after: number | null): Promise<number> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(`${this.url.replace('http', 'ws')}/live`, { headers: { cookie: this.cookie } });
      this.#socket = socket;
      let subscribed = false;
      socket.once('open', () => socket.send(JSON.stringify({ type: 'subscribe', scope: '620724', after })));
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as { type: string; id?: number; lastEventId?: number };
        if (message.type === 'subscribed') {
          subscribed = true;
          if (after === null) this.lastId = message.lastEventId!;
          resolve(message.lastEventId!);
        } else if (message.type === 'event') this.#take(message.id!);
      });
      socket.once('error', (error) => {
        if (!subscribed) reject(error);
      });
      socket.once('close', () => {
        // A connection that never got subscribed is retried by #reconnect's attempt loop; only the
        // loss of an established one starts a new loop (else every failed attempt would fork one).
        if (!subscribed) reject(new Error('closed before subscribed'));
        else if (!this.#closed && this.#socket === socket) this.#reconnect();
      });
    });
  }

  #reconnect(): void {
    this.reconnects++;
    const attempt = () => {
      if (this.#closed) return;
      this.#connect(this.lastId).catch(() => {
        // The server is down (restarting): the wall retries, as web/src's live connection does.
        if (!this.#closed) setTimeout(attempt, 200);
      });
    };
    attempt();
  }

  #take(id: number): void {
    if (this.#seen.has(id)) this.duplicates++;
    else if (id < this.lastId) this.outOfOrder++;
    this.#seen.add(id);
    this.received.push(id);
    this.lastId = Math.max(this.lastId, id);
    for (const waiter of [...this.#waiters]) waiter();
  }

  /** Resolves once an event with this id (or a later one) has arrived. */
  reached(id: number): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.lastId < id) return;
        this.#waiters.delete(check);
        resolve();
      };
      this.#waiters.add(check);
      check();
    });
  }

  /** Ids of `expected` that never arrived. */
  lost(expected: readonly number[]): number[] {
    return expected.filter((id) => !this.#seen.has(id));
  }

  close(): void {
    this.#closed = true;
    this.#socket?.close();
  }
}

interface Spot {
  lon: number;
  lat: number;
}

describe('faults on PostgreSQL', () => {
  let database: ThrowawayPostgres;
  let admin: postgres.Sql;
  let spots: Spot[];
  let lostTotal = 0;
  const servers: ServerProcess[] = [];
  const clients: ReplayingClient[] = [];

  const start = async () => {
    const server = await startServer(database.url);
    servers.push(server);
    return server;
  };

  /** Reports a case, retrying a failed attempt with the same reportId (a retry never stores twice). */
  async function report(server: () => ServerProcess, session: Session, index: number): Promise<string> {
    const reportId = randomUUID();
    const spot = spots[index % spots.length]!;
    let last = '';
    for (let attempt = 0; attempt < 50; attempt++) {
      try {
        const reply = await fetch(`${server().baseUrl}/api/cases`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrfToken },
          body: JSON.stringify({ ...spot, category: 'public_order', summary: `fault test ${index}`, reportId }),
        });
        if (reply.status === 200 || reply.status === 201) return ((await reply.json()) as { serial: string }).serial;
        last = `${reply.status} ${await reply.text()}`;
        if (reply.status < 500) throw new Error(`report refused: ${last}`);
      } catch (error) {
        if (error instanceof Error && error.message.startsWith('report refused')) throw error;
        last ||= String(error);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`report ${index} never went through: ${last}\n${server().output().slice(-3000)}`);
  }

  /** Every event id after `after`, in id order, as committed. */
  async function eventIdsAfter(after: number): Promise<number[]> {
    const rows = await admin<{ id: number }[]>`SELECT id::int AS id FROM events WHERE id > ${after} ORDER BY id`;
    return rows.map((row) => row.id);
  }

  /** Awaits the client's arrival of every committed event after `after`; returns the ids lost. */
  async function deliveredOnce(client: ReplayingClient, after: number): Promise<number[]> {
    const expected = await eventIdsAfter(after);
    if (expected.length > 0) {
      await Promise.race([
        client.reached(expected.at(-1)!),
        new Promise((resolve) => setTimeout(resolve, 30_000).unref()),
      ]);
    }
    const lost = client.lost(expected);
    lostTotal += lost.length;
    return lost;
  }

  beforeAll(async () => {
    database = await seededPrivatePostgres('gridmap_faults');
    admin = postgres(database.url, { max: 2, onnotice: () => {}, connection: { application_name: 'faults-admin' } });
    const rows = await admin<{ lon: number; lat: number }[]>`
      SELECT ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat
      FROM grids WHERE level = 'group' AND valid_to IS NULL ORDER BY code LIMIT 40`;
    spots = rows.map((row) => ({ lon: Number(row.lon), lat: Number(row.lat) }));
  });

  afterAll(async () => {
    console.log(`[faults] events lost across fault tests: ${lostTotal}`);
    for (const client of clients) client.close();
    for (const server of servers) await stopServer(server, 'SIGTERM');
    await admin?.end();
    await database?.drop();
  });

  it('(a) PostgreSQL connections terminated while cases stream: the server reconnects and the client gets every event once, in order', async () => {
    const server = await start();
    const session = await signIn(server.baseUrl);
    const client = new ReplayingClient(server.baseUrl, session.cookie);
    clients.push(client);
    const from = await client.start();
    let done = 0;
    let terminated = 0;
    const writer = async (lane: number) => {
      for (let i = 0; i < 15; i++) {
        await report(() => server, session, lane * 100 + i);
        done++;
        if (done === 12 && terminated === 0) {
          // Every connection of the server — its pool and its LISTEN connection — not the cluster.
          // The filter is materialised first: PostgreSQL may evaluate AND-ed conditions in any
          // order, and a pg_terminate_backend beside the filter once ended the other files' sessions.
          const killed = await admin<{ pid: number }[]>`
            WITH server AS MATERIALIZED (
              SELECT pid FROM pg_stat_activity
              WHERE datname = ${database.name} AND application_name <> 'faults-admin' AND pid <> pg_backend_pid())
            SELECT pid FROM server WHERE pg_terminate_backend(pid)`;
          terminated = killed.length;
        }
      }
    };
    await Promise.all([0, 1, 2].map(writer));
    expect(terminated).toBeGreaterThan(0);
    const lost = await deliveredOnce(client, from);
    expect(lost).toEqual([]);
    expect(client.duplicates).toBe(0);
    expect(client.outOfOrder).toBe(0);
    const cases = await admin<{ n: number }[]>`SELECT count(*)::int AS n FROM cases WHERE summary LIKE 'fault test %'`;
    expect(cases[0]!.n).toBe(45);
    await stopServer(server, 'SIGTERM');
  });

  it('(b) server restarted: the client reconnects and replays what it missed, no loss, no duplicate', async () => {
    const first = await start();
    const session = await signIn(first.baseUrl);
    const client = new ReplayingClient(first.baseUrl, session.cookie);
    clients.push(client);
    const from = await client.start();
    for (let i = 0; i < 5; i++) await report(() => first, session, 1000 + i);
    await client.reached((await eventIdsAfter(from)).at(-1)!);
    await stopServer(first, 'SIGTERM');
    // Written while the client is away: it must get these by replay, with `after`.
    const second = await start();
    for (let i = 0; i < 5; i++) await report(() => second, session, 1010 + i);
    const reconnectsBefore = client.reconnects;
    client.url = second.baseUrl;
    for (let i = 0; i < 5; i++) await report(() => second, session, 1020 + i);
    const lost = await deliveredOnce(client, from);
    expect(lost).toEqual([]);
    expect(client.reconnects).toBeGreaterThanOrEqual(reconnectsBefore);
    expect(client.duplicates).toBe(0);
    expect(client.outOfOrder).toBe(0);
    expect(client.received.length).toBe((await eventIdsAfter(from)).length);
    await stopServer(second, 'SIGTERM');
  });

  it('two server processes on one database: cases written through one reach a live client of the other, once, in order', async () => {
    const [writer, reader] = await Promise.all([start(), start()]);
    const session = await signIn(writer.baseUrl);
    const client = new ReplayingClient(reader.baseUrl, (await signIn(reader.baseUrl)).cookie);
    clients.push(client);
    const from = await client.start();
    const serials: string[] = [];
    for (let i = 0; i < 8; i++) serials.push(await report(() => writer, session, 2000 + i));
    const lost = await deliveredOnce(client, from);
    expect(lost).toEqual([]);
    expect(client.duplicates).toBe(0);
    expect(client.outOfOrder).toBe(0);
    // Each case's own event is among them: the writer's NOTIFY woke the reader's hub.
    const caseEvents = await admin<{ id: number }[]>`
      SELECT id::int AS id FROM events WHERE id > ${from} AND kind = 'case' AND (payload #>> '{}')::jsonb ->> 'serial' = ANY(${serials})`;
    expect(caseEvents.length).toBeGreaterThanOrEqual(serials.length);
    expect(client.lost(caseEvents.map((row) => row.id))).toEqual([]);
    await Promise.all([stopServer(writer, 'SIGTERM'), stopServer(reader, 'SIGTERM')]);
  });

  it('(d) server SIGKILLed with writes in flight: nothing half-published, and a replay after restart loses nothing', async () => {
    const before = (await admin<{ before: number }[]>`SELECT coalesce(max(id), 0)::int AS before FROM events`)[0]!
      .before;
    const casesBefore = (await admin<{ casesBefore: number }[]>`SELECT count(*)::int AS "casesBefore" FROM cases`)[0]!
      .casesBefore;
    let server = await start();
    const session = await signIn(server.baseUrl);
    const client = new ReplayingClient(server.baseUrl, session.cookie);
    clients.push(client);
    await client.start();
    // 40 reports at once; the process dies when 10 have been answered, the rest mid-flight.
    let answered = 0;
    let killed: Promise<void> | null = null;
    const attempts = Array.from({ length: 40 }, async (_, i) => {
      const reply = await fetch(`${server.baseUrl}/api/cases`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ ...spots[i % spots.length]!, category: 'public_order', summary: `kill test ${i}` }),
      }).catch(() => null);
      if (reply && ++answered === 10) killed = stopServer(server, 'SIGKILL');
      return reply?.status ?? 0;
    });
    const statuses = await Promise.all(attempts);
    await killed;
    expect(statuses.filter((status) => status === 201).length).toBeGreaterThanOrEqual(10);
    // The dead process's backends roll back their open transactions once they notice the lost client.
    for (let i = 0; i < 100; i++) {
      const n = (
        await admin<{ n: number }[]>`
        SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = ${database.name} AND application_name <> 'faults-admin' AND state <> 'idle'`
      )[0]!.n;
      if (n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const halfPublished = await admin<{ serial: string; problem: string }[]>`
      SELECT c.serial, 'case without its register step' AS problem FROM cases c
      WHERE c.summary LIKE 'kill test %' AND NOT EXISTS (SELECT 1 FROM case_steps s WHERE s.serial = c.serial)
      UNION ALL
      SELECT c.serial, 'case without its event' FROM cases c
      WHERE c.summary LIKE 'kill test %' AND NOT EXISTS (
        SELECT 1 FROM events e WHERE e.id > ${before} AND e.kind = 'case' AND (e.payload #>> '{}')::jsonb ->> 'serial' = c.serial)
      UNION ALL
      SELECT (e.payload #>> '{}')::jsonb ->> 'serial', 'event without its case' FROM events e
      WHERE e.id > ${before} AND e.kind = 'case' AND NOT EXISTS (
        SELECT 1 FROM cases c WHERE c.serial = (e.payload #>> '{}')::jsonb ->> 'serial')`;
    expect(halfPublished).toEqual([]);
    const casesAfter = (await admin<{ casesAfter: number }[]>`SELECT count(*)::int AS "casesAfter" FROM cases`)[0]!
      .casesAfter;
    const stored = casesAfter - casesBefore;
    expect(stored).toBeGreaterThanOrEqual(statuses.filter((status) => status === 201).length);
    expect(await eventIdsAfter(before)).toHaveLength(stored);
    // Restarted: the client that lost its server replays from its last id.
    server = await start();
    client.url = server.baseUrl;
    const lost = await deliveredOnce(client, before);
    expect(lost).toEqual([]);
    expect(client.duplicates).toBe(0);
    expect(client.outOfOrder).toBe(0);
    console.log(
      `[faults] SIGKILL with 40 reports in flight: ${statuses.filter((s) => s === 201).length} answered 201, ${stored} stored, 0 half-published`,
    );
  });
});
