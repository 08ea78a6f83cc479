import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { WebSocket } from 'ws';
import type { Database } from '../../server/src/db/database.js';
import { sqlRaw } from '../../server/src/db/sqlQuery.js';
import { CameraStatusReply } from '../../server/src/contract/cameras.js';
import { backends } from '../support/testDatabases.js';
import { seededApp } from '../support/seededApp.js';
import { replySchemaErrors } from '../support/replySchema.js';

/** An event payload as a JSON object on both backends (PostgreSQL stores it as a JSON string; see caseWrites.test.ts). */
const eventPayload = sqlRaw(`(payload #>> '{}')::jsonb`);

interface Camera {
  id: string;
  status: 'online' | 'offline';
  last_seen: Date;
  town_code: string;
  village_code: string;
  group_code: string;
}

interface LiveMessage {
  type: string;
  kind?: string;
  cameraId?: string;
  [key: string]: unknown;
}

describe.each(backends)('%s', (kind) => {
  const seeded = seededApp(kind);
  let db: Database;
  let app: FastifyInstance;
  /** One online and one offline seeded camera; afterAll puts both back as they were. */
  let online: Camera;
  let offline: Camera;

  beforeAll(async () => {
    db = seeded.db;
    app = seeded.app;
    await app.listen({ port: 0, host: '127.0.0.1' });
    const pick = async (status: string) =>
      (
        await db.sql<Camera>`
        SELECT id, status, last_seen, town_code, village_code, group_code FROM cameras
        WHERE status = ${status} ORDER BY id DESC LIMIT 1`
      )[0]!;
    online = await pick('online');
    offline = await pick('offline');
  });

  afterAll(async () => {
    for (const camera of [online, offline]) {
      await db.sql`UPDATE cameras SET status = ${camera.status}, last_seen = ${camera.last_seen} WHERE id = ${camera.id}`;
    }
  });

  function post(id: string, body: unknown) {
    return seeded.inject({
      method: 'POST',
      url: `/api/cameras/${id}/status`,
      payload: body as Record<string, unknown>,
    });
  }

  async function stored(id: string) {
    const [row] = await db.sql<{ status: string; last_seen: Date; events: number }>`
      SELECT status, last_seen,
        (SELECT count(*)::int FROM events WHERE kind = 'camera' AND ${eventPayload}->>'cameraId' = ${id}) AS events
      FROM cameras WHERE id = ${id}`;
    return row!;
  }

  describe('POST /api/cameras/:id/status', () => {
    it('takes a camera offline keeping when it was last seen, and publishes one camera event without its name', async () => {
      const before = await stored(online.id);
      const res = await post(online.id, { status: 'offline' });
      expect(res.statusCode, res.body).toBe(200);
      const reply = res.json<{ status: string; lastSeen: string; changed: boolean }>();
      expect(replySchemaErrors(CameraStatusReply, reply)).toEqual([]);
      expect(reply).toMatchObject({ id: online.id, status: 'offline', changed: true, groupCode: online.group_code });
      expect(new Date(reply.lastSeen).getTime()).toBe(before.last_seen.getTime());
      const after = await stored(online.id);
      expect(after).toMatchObject({ status: 'offline', events: before.events + 1 });
      const [event] = await db.sql<{
        town_code: string;
        village_code: string;
        group_code: string;
        payload: Record<string, unknown>;
      }>`
        SELECT town_code, village_code, group_code, ${eventPayload} AS payload FROM events
        WHERE kind = 'camera' AND ${eventPayload}->>'cameraId' = ${online.id} ORDER BY id DESC LIMIT 1`;
      expect(event).toMatchObject({
        town_code: online.town_code,
        village_code: online.village_code,
        group_code: online.group_code,
      });
      expect(event!.payload).toEqual({ cameraId: online.id, status: 'offline', lastSeen: reply.lastSeen });
    });

    it('brings a camera online with last seen now', async () => {
      const started = Date.now();
      const res = await post(offline.id, { status: 'online' });
      expect(res.statusCode, res.body).toBe(200);
      const reply = res.json<{ status: string; lastSeen: string; changed: boolean }>();
      expect(reply).toMatchObject({ status: 'online', changed: true });
      expect(new Date(reply.lastSeen).getTime()).toBeGreaterThanOrEqual(started - 1_000);
      expect((await stored(offline.id)).status).toBe('online');
    });

    it('answers a repeat of the current status with changed false and publishes nothing', async () => {
      await post(offline.id, { status: 'offline' });
      const before = await stored(offline.id);
      const res = await post(offline.id, { status: 'offline' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'offline', changed: false });
      expect(await stored(offline.id)).toEqual(before);
    });

    it('answers 404 for a well-formed id no camera has', async () => {
      const res = await post('99999999999999999999', { status: 'online' });
      expect(res.statusCode).toBe(404);
      expect(res.json().message).toContain('99999999999999999999');
    });

    it.each([
      ['an id of 19 digits', () => online.id.slice(1), { status: 'offline' }, 'id'],
      ['an id with letters', () => `${online.id.slice(2)}ab`, { status: 'offline' }, 'id'],
      ['an unknown status', () => online.id, { status: 'broken' }, 'status'],
      ['a missing status', () => online.id, {}, 'status'],
    ])('rejects %s naming the parameter and changes nothing', async (_name, id, body, parameter) => {
      const before = await stored(online.id);
      const res = await post(id(), body);
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toContain(`"${parameter}"`);
      expect(await stored(online.id)).toEqual(before);
    });
  });

  describe('/live', () => {
    it('delivers the camera event to a client subscribed to the camera’s town', async () => {
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const { cookie } = await seeded.sessionOf('admin');
      const socket = new WebSocket(`ws://127.0.0.1:${port}/live`, { headers: { cookie: `gridmap_session=${cookie}` } });
      const messages: LiveMessage[] = [];
      const waiters = new Set<() => void>();
      socket.on('message', (data) => {
        messages.push(JSON.parse(String(data)) as LiveMessage);
        for (const waiter of [...waiters]) waiter();
      });
      const until = (find: (m: LiveMessage) => boolean) =>
        new Promise<LiveMessage>((resolve) => {
          const check = () => {
            const found = messages.find(find);
            if (found) {
              waiters.delete(check);
              resolve(found);
            }
          };
          waiters.add(check);
          check();
        });
      try {
        await new Promise((resolve, reject) => {
          socket.once('open', resolve);
          socket.once('error', reject);
        });
        socket.send(JSON.stringify({ type: 'subscribe', scope: online.town_code, after: null }));
        await until((m) => m.type === 'subscribed');
        const current = (await stored(online.id)).status;
        const next = current === 'online' ? 'offline' : 'online';
        expect((await post(online.id, { status: next })).statusCode).toBe(200);
        const event = await until((m) => m.type === 'event' && m.kind === 'camera' && m.cameraId === online.id);
        expect(event).toMatchObject({
          townCode: online.town_code,
          villageCode: online.village_code,
          groupCode: online.group_code,
          status: next,
        });
        expect(event).not.toHaveProperty('name');
      } finally {
        socket.close();
      }
    });
  });
});
