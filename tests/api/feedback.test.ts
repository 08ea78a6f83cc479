import { beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { Database } from '../../server/src/db/database.js';
import { FeedbackItem, FeedbackList } from '../../server/src/contract/feedback.js';
import { demoPassword } from '../../server/src/seed/demoAccounts.js';
import { backends } from '../support/testDatabases.js';
import { seededApp } from '../support/seededApp.js';
import { privateAccount } from '../support/privateAccount.js';
import { replySchemaErrors } from '../support/replySchema.js';

/** 投诉建议 (issue #14 part 6): POST /api/feedback, GET /api/feedback, PATCH /api/feedback/:id. */
describe.each(backends)('%s', (kind) => {
  const seeded = seededApp(kind);
  let db: Database;
  let county: string;
  let town: string;
  let otherTown: string;
  /** A county administrator of another county (民乐县): reads nothing of 高台县's. */
  let otherCountyAdmin: string;

  beforeAll(async () => {
    db = seeded.db;
    const towns = await db.sql<{ code: string; parent_code: string }>`
      SELECT code, parent_code FROM grids WHERE level = 'town' AND valid_to IS NULL ORDER BY code LIMIT 2`;
    [town, otherTown] = [towns[0]!.code, towns[1]!.code];
    county = towns[0]!.parent_code;
    otherCountyAdmin = (await privateAccount(db, 'county_admin', '620722000000', demoPassword)).username;
  });

  const send = (body: Record<string, unknown>, as: string | null = 'admin') =>
    seeded.inject({ method: 'POST', url: '/api/feedback', payload: body }, as);
  const change = (id: number, body: Record<string, unknown>, as = 'admin') =>
    seeded.inject({ method: 'PATCH', url: `/api/feedback/${id}`, payload: body }, as);

  async function sent(body: Record<string, unknown>, as = 'admin'): Promise<number> {
    const res = await send(body, as);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: number }>().id;
  }

  async function feedbackRows() {
    const [row] = await db.sql<{ rows: number; audits: number; fingerprint: string | null }>`
      SELECT (SELECT count(*)::int FROM feedback) AS rows,
        (SELECT count(*)::int FROM audit_log WHERE entity = 'feedback') AS audits,
        (SELECT md5(string_agg(f::text, ',' ORDER BY id)) FROM feedback f) AS fingerprint`;
    return row!;
  }

  async function listed(query = '', as = 'admin'): Promise<FeedbackList> {
    const res = await seeded.get(`/api/feedback${query}`, as);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<FeedbackList>();
    expect(replySchemaErrors(FeedbackList, body)).toEqual([]);
    return body;
  }

  describe('POST /api/feedback', () => {
    it('stores a signed-in person’s suggestion for their scope and answers 201 with its id', async () => {
      const text = `地图加载慢 ${randomUUID()}`;
      const id = await sent({ kind: 'suggestion', text, page: '/map' });
      const item = (await listed()).items.find((i) => i.id === id);
      expect(item).toMatchObject({
        kind: 'suggestion',
        text,
        page: '/map',
        grid: county,
        status: 'new',
        reply: null,
        contact: null,
        sender: { username: 'admin', role: 'county_admin' },
      });
    });

    it('files a message under the grid it names inside the sender’s scope', async () => {
      const id = await sent({ kind: 'complaint', text: '村里路灯坏了一个月', grid: `${town}` }, `town-${town}`);
      expect((await listed()).items.find((i) => i.id === id)?.grid).toBe(town);
    });

    it.each([
      ['no kind', { text: '有问题' }, '"kind"'],
      ['an unknown kind', { kind: 'praise', text: '很好' }, 'must be one of complaint, suggestion'],
      ['no text', { kind: 'complaint' }, '"text"'],
      ['an empty text', { kind: 'complaint', text: '' }, '"text"'],
      ['a text of spaces', { kind: 'complaint', text: '   ' }, '"text"'],
      ['a text over 2000 characters', { kind: 'complaint', text: '长'.repeat(2001) }, '"text"'],
      [
        'a contact that is not a mobile number',
        { kind: 'complaint', text: '有问题', contact: '0936-1234567' },
        '"contact"',
      ],
      ['a page over 200 characters', { kind: 'complaint', text: '有问题', page: `/${'p'.repeat(200)}` }, '"page"'],
      ['a malformed grid', { kind: 'complaint', text: '有问题', grid: '6207' }, '"grid"'],
      ['an unknown field', { kind: 'complaint', text: '有问题', name: '张三' }, 'is not defined for this route'],
    ])('refuses %s with 400 naming it, storing nothing', async (_name, body, message) => {
      const before = await feedbackRows();
      const res = await send(body);
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toContain(message);
      expect(await feedbackRows()).toEqual(before);
    });

    it('answers 404 for a grid outside the sender’s scope or of no grid, storing nothing', async () => {
      const before = await feedbackRows();
      const outside = await send({ kind: 'complaint', text: '隔壁镇的事', grid: otherTown }, `town-${town}`);
      expect(outside.statusCode).toBe(404);
      const none = await send({ kind: 'complaint', text: '没有这个村', grid: `${county.slice(0, 6)}999999` });
      expect(none.statusCode).toBe(404);
      expect(await feedbackRows()).toEqual(before);
    });

    it('refuses a wall display with 403 saying why, and a signed-out sender with 401', async () => {
      const before = await feedbackRows();
      const wall = await send({ kind: 'complaint', text: '大屏不亮' }, 'wall');
      expect(wall.statusCode).toBe(403);
      expect(wall.json().message).toContain('unattended');
      expect((await send({ kind: 'complaint', text: '匿名' }, null)).statusCode).toBe(401);
      expect(await feedbackRows()).toEqual(before);
    });
  });

  describe('GET /api/feedback', () => {
    it('lists newest first with the phone masked, filters by status and pages with next', async () => {
      const older = await sent({ kind: 'complaint', text: '回访电话打不通', contact: '13912345678' });
      const newer = await sent({ kind: 'suggestion', text: '希望能导出表格' });
      const page = await listed('?limit=1');
      expect(page.items.map((i) => i.id)).toEqual([newer]);
      expect(page.next).toBe(newer);
      const second = await listed(`?limit=1&before=${page.next}`);
      expect(second.items.map((i) => i.id)).toEqual([older]);
      expect(second.items[0]!.contact).toBe('139****5678');
      const all = await listed('?limit=200');
      expect(JSON.stringify(all)).not.toContain('13912345678');
      const fresh = await listed('?status=new&limit=200');
      expect(fresh.items.every((i) => i.status === 'new')).toBe(true);
      expect(fresh.items.map((i) => i.id)).toContain(older);
    });

    it('lets the auditor read, and refuses the other roles with 403', async () => {
      const id = await sent({ kind: 'suggestion', text: '审计可见' });
      expect((await listed('?limit=200', 'auditor')).items.map((i) => i.id)).toContain(id);
      for (const as of [`town-${town}`, 'planner', 'wall']) {
        expect((await seeded.get('/api/feedback', as)).statusCode, as).toBe(403);
      }
    });

    it('shows an administrator of another county nothing of this county’s feedback', async () => {
      const id = await sent({ kind: 'complaint', text: '别的县不该看到' });
      const theirs = await listed('?limit=200', otherCountyAdmin);
      expect(theirs.items.map((i) => i.id)).not.toContain(id);
      expect(theirs.items.every((i) => i.grid.startsWith('620722'))).toBe(true);
      expect((await change(id, { status: 'closed' }, otherCountyAdmin)).statusCode).toBe(404);
      expect((await seeded.get(`/api/feedback/${id}/contact`, otherCountyAdmin)).statusCode).toBe(404);
    });

    it.each([
      ['an unknown status', '?status=done', '"status"'],
      ['a limit above 200', '?limit=201', '"limit"'],
      ['a before that is not an id', '?before=abc', '"before"'],
    ])('refuses %s with 400', async (_name, query, message) => {
      const res = await seeded.get(`/api/feedback${query}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toContain(message);
    });
  });

  describe('PATCH /api/feedback/:id', () => {
    it('sets the status and answers, each change audited with before, after and the message’s grid', async () => {
      const id = await sent({ kind: 'complaint', text: '事件超期没人管', grid: town }, `town-${town}`);
      const working = await change(id, { status: 'in_progress' });
      expect(working.statusCode, working.body).toBe(200);
      expect(working.json<FeedbackItem>()).toMatchObject({ id, status: 'in_progress', reply: null });
      const answered = await change(id, { status: 'answered', reply: '  已督办，三日内处理  ' });
      expect(answered.statusCode, answered.body).toBe(200);
      const item = answered.json<FeedbackItem>();
      expect(replySchemaErrors(FeedbackItem, item)).toEqual([]);
      expect(item).toMatchObject({ status: 'answered', reply: '已督办，三日内处理' });
      expect(item.repliedAt).not.toBeNull();
      const closed = await change(id, { status: 'closed' });
      expect(closed.json<FeedbackItem>()).toMatchObject({ status: 'closed', reply: '已督办，三日内处理' });
      const audits = await db.sql<{ before: unknown; after: unknown; scope_code: string; actor_username: string }>`
        SELECT before, after, scope_code, actor_username FROM audit_log
        WHERE entity = 'feedback' AND entity_key = ${String(id)} AND action = 'feedback.update' ORDER BY id`;
      expect(audits.map((a) => [a.before, a.after])).toEqual([
        [
          { status: 'new', reply: null },
          { status: 'in_progress', reply: null },
        ],
        [
          { status: 'in_progress', reply: null },
          { status: 'answered', reply: '已督办，三日内处理' },
        ],
        [
          { status: 'answered', reply: '已督办，三日内处理' },
          { status: 'closed', reply: '已督办，三日内处理' },
        ],
      ]);
      expect(audits.every((a) => a.scope_code === town && a.actor_username === 'admin')).toBe(true);
    });

    it.each([
      ['answered without a reply', { status: 'answered' }, 'needs a "reply"'],
      ['an unknown status', { status: 'done' }, '"status"'],
      ['no status', { reply: '好的' }, '"status"'],
      ['an empty reply', { status: 'answered', reply: '' }, '"reply"'],
      ['a reply over 2000 characters', { status: 'answered', reply: '答'.repeat(2001) }, '"reply"'],
      ['an unknown field', { status: 'closed', note: 'x' }, 'is not defined for this route'],
    ])('refuses %s with 400, changing and auditing nothing', async (_name, body, message) => {
      const id = await sent({ kind: 'suggestion', text: '加一个夜间模式' });
      const before = await feedbackRows();
      const res = await change(id, body);
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toContain(message);
      expect(await feedbackRows()).toEqual(before);
    });

    it('refuses the auditor with 403 and an unknown id with 404, changing nothing', async () => {
      const id = await sent({ kind: 'suggestion', text: '审计不能改' });
      const before = await feedbackRows();
      expect((await change(id, { status: 'closed' }, 'auditor')).statusCode).toBe(403);
      expect((await change(Number.MAX_SAFE_INTEGER, { status: 'closed' })).statusCode).toBe(404);
      expect((await change(0, { status: 'closed' })).statusCode).toBe(400);
      expect(await feedbackRows()).toEqual(before);
    });
  });

  describe('GET /api/feedback/:id/contact', () => {
    it('shows the administrator the number unmasked, auditing it; the auditor gets 403', async () => {
      const id = await sent({ kind: 'complaint', text: '请回电', contact: '13700001111' });
      const res = await seeded.get(`/api/feedback/${id}/contact`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ id, contact: '13700001111' });
      expect(res.headers['cache-control']).toBe('no-store');
      const audits = await db.sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log
        WHERE action = 'personal_data.unmask' AND entity = 'feedback' AND entity_key = ${String(id)}`;
      expect(audits[0]!.n).toBe(1);
      expect((await seeded.get(`/api/feedback/${id}/contact`, 'auditor')).statusCode).toBe(403);
    });
  });
});
