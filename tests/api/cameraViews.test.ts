import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/src/app.js';
import type { Database, DatabaseKind } from '../../server/src/db/database.js';
import { kpiPeriod, patrolSlotAt } from '../../server/src/domain/kpiPeriod.js';
import { CameraView } from '../../server/src/contract/cameraViews.js';
import { backends } from '../support/testDatabases.js';
import { signedInInject } from '../support/signedInInject.js';
import { replySchemaErrors } from '../support/replySchema.js';
import { privateSeededDatabase } from '../support/privateSeededDatabase.js';

/**
 * `POST /api/cameras/views` (issue #14 part 7): the online patrol is a by-product of looking at a
 * village's cameras — the first look in a slot records it (201), a second records nothing (200);
 * bad input is refused with nothing stored. On a private copy of the seeded county per backend:
 * the seed patrols every village today, so the test clears one village's day first, which must not
 * touch the KPI checks of other files.
 */
const privateDatabase = (kind: DatabaseKind) => privateSeededDatabase(kind, 'camera_views');

describe.each(backends)('%s', (kind) => {
  let database: Awaited<ReturnType<typeof privateDatabase>>;
  let app: FastifyInstance;
  const seeded = signedInInject('cameraViews', () => app);
  let db: Database;
  /** A village whose slot of now is not patrolled today, with its cameras; another village's camera. */
  let village: { code: string; cameras: string[] };
  let foreignCamera: string;
  let otherVillage: string;

  const view = (body: Record<string, unknown>, as?: string) =>
    seeded.inject({ method: 'POST', url: '/api/cameras/views', payload: body }, as);
  const counts = async (code: string) =>
    (
      await db.sql<{ patrols: number; events: number }>`
        SELECT (SELECT count(*)::int FROM patrols WHERE village_code = ${code}) AS patrols,
               (SELECT count(*)::int FROM events WHERE kind = 'patrol' AND village_code = ${code}) AS events`
    )[0]!;

  beforeAll(async () => {
    database = await privateDatabase(kind);
    db = database.db;
    app = await buildApp({ db, caseEscalationIntervalMs: 0 });
    const [row] = await db.sql<{ code: string }>`
      SELECT g.code FROM grids g
      WHERE g.level = 'village' AND g.valid_to IS NULL
        AND (SELECT count(*) FROM cameras c WHERE c.village_code = g.code) >= 2
      ORDER BY g.code LIMIT 1`;
    // Today's patrols of the village are the seed's: cleared, so the first look of this slot is the test's.
    await db.sql`DELETE FROM patrols WHERE village_code = ${row!.code} AND day = ${kpiPeriod(new Date()).today}::date`;
    const cameras = await db.sql<{ id: string }>`SELECT id FROM cameras WHERE village_code = ${row!.code} ORDER BY id`;
    village = { code: row!.code, cameras: cameras.map((camera) => camera.id) };
    const [other] = await db.sql<{ id: string; village_code: string }>`
      SELECT id, village_code FROM cameras WHERE village_code <> ${village.code} ORDER BY id LIMIT 1`;
    foreignCamera = other!.id;
    otherVillage = other!.village_code;
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });
  let recordedId = 0;

  it('records the slot’s patrol when a village’s cameras are first looked at, with the number opened', async () => {
    const before = await counts(village.code);
    const slotBefore = patrolSlotAt(new Date());
    const res = await view({ villageCode: village.code, cameraIds: village.cameras.slice(0, 2) });
    const slotAfter = patrolSlotAt(new Date());
    expect(res.statusCode, res.body).toBe(201);
    const reply = res.json<CameraView>();
    recordedId = reply.patrol.id;
    expect(replySchemaErrors(CameraView, reply)).toEqual([]);
    expect([slotBefore, slotAfter]).toContain(reply.slot);
    expect(reply).toMatchObject({
      villageCode: village.code,
      day: kpiPeriod(new Date()).today,
      recorded: true,
      patrol: { villageCode: village.code, slot: reply.slot, camerasViewed: 2 },
    });
    expect(await counts(village.code)).toEqual({ patrols: before.patrols + 1, events: before.events + 1 });
  });

  it('records nothing more when they are looked at again in the same slot, and answers with the slot’s patrol', async () => {
    const before = await counts(village.code);
    const res = await view({ villageCode: village.code, cameraIds: village.cameras });
    expect(res.statusCode, res.body).toBe(200);
    const reply = res.json<CameraView>();
    expect(reply.recorded).toBe(false);
    expect(reply.patrol.id).toBe(recordedId);
    expect(reply.patrol.camerasViewed).toBe(2);
    expect(await counts(village.code)).toEqual(before);
  });

  it('refuses a camera of another village with 422 and stores nothing', async () => {
    const before = await counts(otherVillage);
    const res = await view({ villageCode: otherVillage, cameraIds: [foreignCamera, village.cameras[0]!] });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json<{ message: string }>().message).toBe(
      `camera ${village.cameras[0]} is not a camera of village ${otherVillage}`,
    );
    expect(await counts(otherVillage)).toEqual(before);
  });

  it('answers 400 for each malformed body, naming the field, and stores nothing', async () => {
    const before = await counts(village.code);
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ villageCode: village.code }, /cameraIds/],
      [{ villageCode: village.code, cameraIds: [] }, /cameraIds/],
      [{ villageCode: village.code, cameraIds: [village.cameras[0], village.cameras[0]] }, /cameraIds/],
      [{ villageCode: village.code, cameraIds: ['12345'] }, /cameraIds/],
      [{ villageCode: '6207241', cameraIds: village.cameras }, /villageCode/],
      [{ villageCode: village.code, cameraIds: village.cameras, slot: 'am' }, /slot/],
    ];
    for (const [body, named] of cases) {
      const res = await view(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json<{ message: string }>().message).toMatch(named);
    }
    expect(await counts(village.code)).toEqual(before);
  });

  it('answers 404 for a village outside the caller’s scope or of no grid, 403 for a role that only reads', async () => {
    const outside = await view({ villageCode: village.code, cameraIds: village.cameras }, `village-${otherVillage}`);
    expect(outside.statusCode, outside.body).toBe(404);
    const none = await view({ villageCode: '620724999999', cameraIds: village.cameras });
    expect(none.statusCode).toBe(404);
    for (const role of ['wall', 'planner', 'auditor']) {
      expect((await view({ villageCode: village.code, cameraIds: village.cameras }, role)).statusCode, role).toBe(403);
    }
  });
});
