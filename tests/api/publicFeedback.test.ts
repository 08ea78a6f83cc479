import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/src/app.js';
import type { DatabaseKind } from '../../server/src/db/database.js';
import { FeedbackList } from '../../server/src/contract/feedback.js';
import { publicFeedbackRateLimit } from '../../server/src/routes/publicVillage/publicVillageRoutes.js';
import { backends } from '../support/testDatabases.js';
import { replySchemaErrors } from '../support/replySchema.js';
import { signedInInject } from '../support/signedInInject.js';
import { privateSeededDatabase } from '../support/privateSeededDatabase.js';

/**
 * A resident's 投诉建议 through a village's public page (issues #14 part 6, #16 part 5): no account,
 * so no sender; it reaches the county's administrators and auditors with the village as its grid,
 * is audited, and is limited per client address. On private copies of the seeded county (the rate
 * limit test sends up to the limit, which must not reach other files' feedback lists).
 */
const privateDatabase = (kind: DatabaseKind) => privateSeededDatabase(kind, 'public_feedback');

describe.each(backends)('%s', (kind) => {
  let database: Awaited<ReturnType<typeof privateDatabase>>;
  let app: FastifyInstance;
  const as = signedInInject('publicFeedback', () => app);
  let village: string;
  let otherTownLeader: string;

  const send = (body: unknown, code = village) =>
    app.inject({ method: 'POST', url: `/api/public/villages/${code}/feedback`, payload: body as object });
  const stored = async () => (await database.db.sql<{ n: number }>`SELECT count(*)::int AS n FROM feedback`)[0]!.n;

  beforeAll(async () => {
    database = await privateDatabase(kind);
    app = await buildApp({ db: database.db, caseEscalationIntervalMs: 0 });
    const [row] = await database.db.sql<{ code: string }>`
      SELECT code FROM grids WHERE level = 'village' AND valid_to IS NULL ORDER BY code LIMIT 1`;
    village = row!.code;
    const [town] = await database.db.sql<{ code: string }>`
      SELECT code FROM grids WHERE level = 'town' AND valid_to IS NULL AND code <> ${`${village.slice(0, 9)}000`}
      ORDER BY code LIMIT 1`;
    otherTownLeader = `town-${town!.code}`;
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('takes a resident’s message without a session and lists it to the administrator with no sender, the contact masked', async () => {
    const res = await send({ kind: 'complaint', text: '  村口路灯坏了一周  ', contact: '13912345678' });
    expect(res.statusCode, res.body).toBe(201);
    const { id } = res.json<{ id: number }>();
    const list = await as.get('/api/feedback', 'admin');
    expect(list.statusCode).toBe(200);
    expect(replySchemaErrors(FeedbackList, list.json())).toEqual([]);
    const item = list.json<FeedbackList>().items.find((each) => each.id === id);
    expect(item).toMatchObject({
      kind: 'complaint',
      text: '村口路灯坏了一周',
      contact: '139****5678',
      page: `/p/${village}`,
      grid: village,
      sender: null,
      status: 'new',
    });
    expect((await as.get('/api/feedback', 'auditor')).json<FeedbackList>().items.map((each) => each.id)).toContain(id);
    const [audit] = await database.db.sql<{ actor_id: number | null; scope_code: string }>`
      SELECT actor_id, scope_code FROM audit_log WHERE action = 'feedback.send' AND entity_key = ${String(id)}`;
    expect(audit).toEqual({ actor_id: null, scope_code: village });
  });

  it('lets the administrator answer it like any other message', async () => {
    const { id } = (await send({ kind: 'suggestion', text: '希望增设垃圾桶' })).json<{ id: number }>();
    const answered = await as.inject(
      { method: 'PATCH', url: `/api/feedback/${id}`, payload: { status: 'answered', reply: '已安排' } },
      'admin',
    );
    expect(answered.statusCode, answered.body).toBe(200);
    const item = (await as.get('/api/feedback?status=answered', 'admin'))
      .json<FeedbackList>()
      .items.find((each) => each.id === id);
    expect(item).toMatchObject({ status: 'answered', reply: '已安排', sender: null });
  });

  it('answers each bad input with its status and stores nothing', async () => {
    const before = await stored();
    const cases: [unknown, string, number, RegExp][] = [
      [{ kind: 'complaint', text: '' }, village, 400, /text/],
      [{ kind: 'praise', text: '好' }, village, 400, /kind/],
      [{ kind: 'complaint', text: '好', contact: '12345' }, village, 400, /contact/],
      [{ kind: 'complaint', text: '好', grid: village }, village, 400, /grid/],
      [{ kind: 'complaint', text: '好' }, '6207', 400, /code/],
      [{ kind: 'complaint', text: '好' }, `${village.slice(0, 9)}000`, 404, /no village/],
      [{ kind: 'complaint', text: '好' }, '620724999999', 404, /no village/],
    ];
    for (const [body, code, status, message] of cases) {
      const res = await send(body, code);
      expect(res.statusCode, `${JSON.stringify(body)} → ${code}`).toBe(status);
      expect(res.json<{ message: string }>().message).toMatch(message);
    }
    expect(await stored()).toBe(before);
  });

  it('asks a signed-in sender for the session’s CSRF token (send it without the session, as the page does)', async () => {
    const session = await as.sessionOf('admin');
    const res = await app.inject({
      method: 'POST',
      url: `/api/public/villages/${village}/feedback`,
      payload: { kind: 'complaint', text: '好' },
      cookies: { gridmap_session: session.cookie },
    });
    expect(res.statusCode).toBe(403);
  });

  it('keeps it from a town leader elsewhere: only the village’s county administrators and auditors read it', async () => {
    const reply = await as.get('/api/feedback', otherTownLeader);
    expect(reply.statusCode).toBe(403);
  });

  it('refuses an address that sent too often with 429 and a clear message, storing nothing more', async () => {
    let last = await send({ kind: 'suggestion', text: '多装路灯' });
    for (let sent = 0; last.statusCode === 201 && sent <= publicFeedbackRateLimit.max; sent++) {
      last = await send({ kind: 'suggestion', text: '多装路灯' });
    }
    expect(last.statusCode).toBe(429);
    expect(last.json<{ message: string }>().message).toMatch(/too many messages from this address; try again in/);
    const before = await stored();
    expect((await send({ kind: 'suggestion', text: '多装路灯' })).statusCode).toBe(429);
    expect(await stored()).toBe(before);
  });
});
