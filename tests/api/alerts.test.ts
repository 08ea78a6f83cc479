import { beforeAll, describe, expect, it } from 'vitest';
import type { HotspotReply } from '../../server/src/contract/hotspots.js';
import { AlertRecomputeReply, AlertReply } from '../../server/src/contract/alerts.js';
import { backends } from '../support/testDatabases.js';
import { privateCountyApp } from '../support/privateCountyApp.js';
import { replySchemaErrors } from '../support/replySchema.js';
import { runNightlyAlerts } from '../../server/src/jobs/alertRecompute.js';
import { chinaDate } from '../../server/src/domain/workingDays.js';

/**
 * Early warning (issue #15 part 5) on both backends over the seeded demo: an administrator's
 * recompute finds the planted new and intensifying villages, stores and audits it, sends a live
 * event per town; GET /api/alerts reads it scoped; what each bad input gets.
 */
describe.each(backends)('%s', (kind) => {
  const { db, get, inject } = privateCountyApp(kind, 'alerts');
  let recomputed: AlertRecomputeReply;
  let planted: { intensifying: string; new: string };

  beforeAll(async () => {
    const [latest] = await db().sql<{ at: Date }>`SELECT max(reported_at) AS at FROM cases`;
    const hot = await get(`/api/hotspots?grid=620724&level=village&at=${new Date(latest!.at).toISOString()}`);
    const grids = hot.json<HotspotReply>().grids;
    // The centres: the most cases of the cluster's category among the villages of its class.
    const centre = async (id: string, category: string) => {
      const codes = grids.filter((grid) => grid.class === id).map((grid) => grid.code);
      const [row] = await db().sql<{ village: string }>`
        SELECT village_code AS village FROM cases WHERE village_code IN (SELECT jsonb_array_elements_text(${JSON.stringify(codes)}::text::jsonb)) AND category = ${category}
          AND reported_at > now() - interval '7 days'
        GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`;
      return row!.village;
    };
    planted = {
      intensifying: await centre('intensifying_hot', 'land_boundary'),
      new: await centre('new_hot', 'environment'),
    };
    const res = await inject({ method: 'POST', url: '/api/alerts/recompute?grid=620724' });
    expect(res.statusCode, res.body).toBe(200);
    recomputed = res.json<AlertRecomputeReply>();
  });

  it('raises today’s alert for the planted new and intensifying villages, explained in words', () => {
    expect(replySchemaErrors(AlertRecomputeReply, recomputed)).toEqual([]);
    expect(recomputed.villages).toBe(146);
    const today = recomputed.alerts.filter((alert) => alert.day === recomputed.day);
    for (const village of [planted.intensifying, planted.new]) {
      const alert = today.find((a) => a.village === village);
      expect(alert, `${village} in ${JSON.stringify(today.map((a) => a.village))}`).toBeDefined();
      expect(alert!.statistic).toBeGreaterThanOrEqual(alert!.threshold);
      expect(alert!.explanation).toMatch(/^近5周中有[1-5]周高于基线（\d+件，基线约[\d.]+件），(主要为|其中)/);
      expect(alert!.explanationEn).toMatch(
        /^[1-5] of the last 5 weeks above baseline \(\d+ cases against about [\d.]+ expected\), /,
      );
    }
    const intensifying = today.find((a) => a.village === planted.intensifying)!;
    expect(intensifying.explanation).toContain('土地权属纠纷');
    expect(Object.entries(intensifying.categories).sort(([, a], [, b]) => b - a)[0]![0]).toBe('land_boundary');
  });

  it('lists the stored alerts scoped: the county sees every town, a town leader only the own', async () => {
    const res = await get('/api/alerts?grid=620724');
    expect(res.statusCode, res.body).toBe(200);
    const reply = res.json<AlertReply>();
    expect(replySchemaErrors(AlertReply, reply)).toEqual([]);
    const lastWeek = recomputed.alerts.filter((a) => a.day >= reply.from && a.day <= reply.to);
    expect(reply.alerts.map((a) => `${a.village} ${a.day}`).sort()).toEqual(
      lastWeek.map((a) => `${a.village} ${a.day}`).sort(),
    );
    const town = `${planted.new.slice(0, 9)}000`;
    const own = await get(`/api/alerts?grid=620724`, `town-${town}`);
    expect(own.statusCode).toBe(200);
    const ownAlerts = own.json<AlertReply>().alerts;
    expect(ownAlerts.length).toBeGreaterThan(0);
    expect(ownAlerts.every((a) => a.town === town)).toBe(true);
    const village = await get(`/api/alerts?grid=${planted.new}`);
    expect(village.json<AlertReply>().alerts.every((a) => a.village === planted.new)).toBe(true);
  });

  it('records the recompute in the audit trail and sends an alert event per changed town', async () => {
    const [audit] = await db().sql<{ n: number }>`
      SELECT count(*)::int AS n FROM audit_log WHERE action = 'alerts.recompute' AND entity_key = '620724000000'`;
    expect(audit!.n).toBeGreaterThanOrEqual(1);
    const events = await db().sql<{ town_code: string; payload: { day: string; villages: string[] } }>`
      SELECT town_code, payload FROM events WHERE kind = 'alert' ORDER BY id`;
    const town = `${planted.new.slice(0, 9)}000`;
    const ofTown = events.filter((e) => e.town_code === town);
    expect(ofTown.length).toBeGreaterThanOrEqual(1);
    expect(ofTown.at(-1)!.payload.villages).toContain(planted.new);
  });

  it('stores the same alerts again when nothing changed, and sends no event then', async () => {
    const [before] = await db().sql<{ n: number }>`SELECT count(*)::int AS n FROM events WHERE kind = 'alert'`;
    const again = await inject({ method: 'POST', url: '/api/alerts/recompute?grid=620724' });
    expect(again.statusCode).toBe(200);
    const keys = (r: AlertRecomputeReply) => r.alerts.map((a) => `${a.village} ${a.day} ${a.statistic}`).sort();
    expect(keys(again.json<AlertRecomputeReply>())).toEqual(keys(recomputed));
    const [after] = await db().sql<{ n: number }>`SELECT count(*)::int AS n FROM events WHERE kind = 'alert'`;
    expect(after!.n).toBe(before!.n);
  });

  it('runs the nightly recompute once a day across instances: the first claim runs it, a second finds it done', async () => {
    const now = new Date();
    const day = chinaDate(now);
    const [first, second] = await Promise.all([runNightlyAlerts(db(), now), runNightlyAlerts(db(), now)]);
    expect([first, second].sort()).toEqual([false, true]);
    expect(await runNightlyAlerts(db(), now)).toBe(false);
    const runs = await db().sql<{ finished: boolean }>`
      SELECT finished_at IS NOT NULL AS finished FROM alert_runs WHERE day = ${day}::date`;
    expect(runs).toEqual([{ finished: true }]);
    const stored = await db().sql<{ village: string }>`
      SELECT village_code AS village FROM village_alerts WHERE day = ${day}::date`;
    expect(stored.map((row) => row.village)).toEqual(expect.arrayContaining([planted.intensifying, planted.new]));
  });

  describe('bad input', () => {
    const future = () => new Date(Date.now() + 86_400_000).toISOString();
    it.each([
      ['an unknown grid → 404', () => '/api/alerts?grid=620799', 404, /620799/],
      [
        'an inverted range → 400',
        () => '/api/alerts?grid=620724&from=2026-11-30T00:00:00Z&to=2026-11-01T00:00:00Z',
        400,
        /inverted/,
      ],
      [
        'a time before the history → 400',
        () => '/api/alerts?grid=620724&from=2001-01-01T00:00:00Z',
        400,
        /before the case history/,
      ],
      ['a time in the future → 400', () => `/api/alerts?grid=620724&to=${future()}`, 400, /future/],
      ['a malformed time → 400', () => '/api/alerts?grid=620724&to=yesterday', 400, /"to"/],
      ['a level other than village → 400', () => '/api/alerts?grid=620724&level=group', 400, /level/],
    ])('%s', async (_, url, status, message) => {
      const res = await get(url());
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json<{ message: string }>().message).toMatch(message);
    });

    it('answers 404 for a grid outside the viewer’s scope, as for an unknown one', async () => {
      const town = `${planted.new.slice(0, 9)}000`;
      const [other] = await db().sql<{ code: string }>`
        SELECT code FROM grids WHERE level = 'village' AND valid_to IS NULL AND code LIKE '620724%' AND parent_code <> ${town} LIMIT 1`;
      expect((await get(`/api/alerts?grid=${other!.code}`, `town-${town}`)).statusCode).toBe(404);
    });

    it('refuses a recompute to a town leader (403), signed out (401), of a group (400), of an unknown grid (404)', async () => {
      const town = `${planted.new.slice(0, 9)}000`;
      const [group] = await db().sql<{ code: string }>`
        SELECT code FROM grids WHERE level = 'group' AND valid_to IS NULL AND parent_code = ${planted.new} LIMIT 1`;
      const post = (url: string, as?: string | null) => inject({ method: 'POST', url }, as);
      expect((await post('/api/alerts/recompute?grid=620724', `town-${town}`)).statusCode).toBe(403);
      expect((await post('/api/alerts/recompute?grid=620724', null)).statusCode).toBe(401);
      const groupReply = await post(`/api/alerts/recompute?grid=${group!.code}`);
      expect(groupReply.statusCode, groupReply.body).toBe(400);
      expect(groupReply.json<{ message: string }>().message).toMatch(/"grid"/);
      expect((await post('/api/alerts/recompute?grid=620799')).statusCode).toBe(404);
    });
  });
});
