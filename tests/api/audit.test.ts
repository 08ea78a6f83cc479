import { beforeAll, describe, expect, it } from 'vitest';
import { AuditPage } from '../../server/src/contract/audit.js';
import { backends } from '../support/testDatabases.js';
import { seededApp } from '../support/seededApp.js';
import { replySchemaErrors } from '../support/replySchema.js';

interface Entry {
  id: number;
  at: string;
  actor: { username: string; role: string } | null;
  action: string;
  entity: string;
  entityKey: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

describe.each(backends)('%s', (kind) => {
  const seeded = seededApp(kind);
  /** A case this file reports and escalates (as the county admin): its entries are this file's own. */
  let serial: string;

  beforeAll(async () => {
    const [group] = await seeded.db.sql<{ lon: number; lat: number }>`
      SELECT ST_X(label_point) AS lon, ST_Y(label_point) AS lat FROM grids
      WHERE level = 'group' AND valid_to IS NULL AND ST_Contains(geom, label_point)
      ORDER BY code DESC LIMIT 1`;
    const reported = await seeded.inject({
      method: 'POST',
      url: '/api/cases',
      payload: { lon: group!.lon, lat: group!.lat, category: 'neighbour_dispute', summary: '审计测试：邻里纠纷' },
    });
    expect(reported.statusCode).toBe(201);
    serial = reported.json<{ serial: string }>().serial;
    const escalated = await seeded.inject({
      method: 'POST',
      url: `/api/cases/${serial}/actions`,
      payload: { action: 'escalate', note: '审计测试上报' },
    });
    expect(escalated.statusCode).toBe(200);
  });

  it('a case report and action are in the trail with who, when, before and after', async () => {
    const reply = await seeded.get(`/api/audit?entity=case&entityKey=${serial}`, 'auditor');
    expect(reply.statusCode).toBe(200);
    const page = reply.json<AuditPage>();
    expect(replySchemaErrors(AuditPage, page)).toEqual([]);
    const entries = page.entries as Entry[];
    expect(entries.map((e) => e.action)).toEqual(['case.escalate', 'case.register']);
    const [escalate, register] = entries as [Entry, Entry];
    expect(escalate.actor).toEqual({ username: 'admin', role: 'county_admin' });
    expect(escalate.before).toMatchObject({ status: 'registered', level: 'group' });
    expect(escalate.after).toMatchObject({ status: 'registered', level: 'village', note: '审计测试上报' });
    expect(register.before).toBeNull();
    expect(register.after).toMatchObject({ status: 'registered', level: 'group', category: 'neighbour_dispute' });
    expect(Date.parse(escalate.at)).toBeGreaterThanOrEqual(Date.parse(register.at));
    expect(escalate.id).toBeGreaterThan(register.id);
  });

  it('filters by actor and action family, and pages with before/next', async () => {
    const page1 = (await seeded.get(`/api/audit?actor=admin&action=case&entityKey=${serial}&limit=1`, 'auditor')).json<
      AuditPage & { entries: Entry[] }
    >();
    expect(page1.entries.map((e) => e.action)).toEqual(['case.escalate']);
    expect(page1.next).toBe(page1.entries[0]!.id);
    const page2 = (
      await seeded.get(`/api/audit?actor=admin&action=case&entityKey=${serial}&limit=1&before=${page1.next}`, 'auditor')
    ).json<AuditPage & { entries: Entry[] }>();
    expect(page2.entries.map((e) => e.action)).toEqual(['case.register']);
    expect(page2.next).toBeUndefined();
    const none = (await seeded.get(`/api/audit?actor=planner&entityKey=${serial}`, 'admin')).json<AuditPage>();
    expect(none.entries).toEqual([]);
  });

  it('exports CSV with a UTF-8 byte-order mark, Chinese intact', async () => {
    const reply = await seeded.get(`/api/audit.csv?entity=case&entityKey=${serial}`, 'auditor');
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(reply.headers['content-disposition']).toContain('gridmap-audit.csv');
    const bytes = reply.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,at,actor,role,action,entity,entity_key,before,after,ip');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`,admin,county_admin,case.escalate,case,${serial},`);
    expect(lines[1]).toContain('审计测试上报');
  });

  it('is closed to every role but auditors and the county administrator', async () => {
    for (const role of ['planner', 'wall', 'town-620724100000', 'village-620724100200']) {
      for (const url of ['/api/audit', '/api/audit.csv']) {
        const reply = await seeded.get(url, role);
        expect(reply.statusCode, `${role} ${url}`).toBe(403);
        expect(reply.body).not.toContain(serial);
      }
    }
    expect((await seeded.get('/api/audit', null)).statusCode).toBe(401);
    expect((await seeded.get('/api/audit?limit=1', 'admin')).statusCode).toBe(200);
  });

  it('a malformed filter is a 400 naming it', async () => {
    const reply = await seeded.get('/api/audit?from=yesterday', 'auditor');
    expect(reply.statusCode).toBe(400);
    expect(reply.json().message).toContain('from');
  });

  it('audit rows cannot be changed or deleted: the table refuses', async () => {
    const [row] = await seeded.db.sql<{ id: number }>`
      SELECT id FROM audit_log WHERE entity = 'case' AND entity_key = ${serial} ORDER BY id LIMIT 1`;
    await expect(seeded.db.sql`UPDATE audit_log SET action = 'case.void' WHERE id = ${row!.id}`).rejects.toThrow(
      /append-only/,
    );
    await expect(seeded.db.sql`DELETE FROM audit_log WHERE id = ${row!.id}`).rejects.toThrow(/append-only/);
    const [still] = await seeded.db.sql<{ action: string }>`SELECT action FROM audit_log WHERE id = ${row!.id}`;
    expect(still!.action).toBe('case.register');
  });

  it('a camera status change is audited; a repeat (heartbeat) is not', async () => {
    const [camera] = await seeded.db.sql<{ id: string; status: string }>`
      SELECT id, status FROM cameras WHERE status = 'online' ORDER BY id LIMIT 1 OFFSET 7`;
    const set = (status: string) =>
      seeded.inject({ method: 'POST', url: `/api/cameras/${camera!.id}/status`, payload: { status } });
    expect((await set('offline')).statusCode).toBe(200);
    expect((await set('offline')).statusCode).toBe(200);
    expect((await set('online')).statusCode).toBe(200);
    const entries = (await seeded.get(`/api/audit?entity=camera&entityKey=${camera!.id}`, 'auditor')).json<{
      entries: Entry[];
    }>().entries;
    expect(entries.slice(0, 2).map((e) => [e.before?.status, e.after?.status])).toEqual([
      ['offline', 'online'],
      ['online', 'offline'],
    ]);
  });
});
