import { describe, expect, it } from 'vitest';
import type { Database } from '../../server/src/db/database.js';
import { GridKpis } from '../../server/src/contract/kpis.js';
import { backends } from '../support/testDatabases.js';
import { seededApp } from '../support/seededApp.js';
import { replySchemaErrors } from '../support/replySchema.js';

type Kpis = Record<string, number | string | null>;

/**
 * The figures recomputed with SQL written independently of kpiRepo: the China day and month come
 * from the database clock shifted by +8 h, villages from the grid tree's parent links, the patrol
 * slots from the hours their windows end (am 11:30, pm 17:30).
 */
async function independentKpis(db: Database, scope: string): Promise<Kpis> {
  const prefix = scope.replace(/0+$/, '');
  const [row] = await db.sql<Record<string, number>>`
    WITH clock AS (
      SELECT now() AS now,
        (now() AT TIME ZONE 'UTC' + interval '8 hours') AS local),
    bounds AS (
      SELECT now, local::date AS today,
        (date_trunc('day', local) - interval '8 hours') AT TIME ZONE 'UTC' AS day_start,
        (date_trunc('month', local) - interval '8 hours') AT TIME ZONE 'UTC' AS month_start,
        (extract(hour FROM local) * 60 + extract(minute FROM local)) AS minute_of_day
      FROM clock),
    c AS (SELECT * FROM cases WHERE town_code LIKE ${prefix + '%'}),
    v AS (SELECT code FROM grids WHERE level = 'village' AND valid_to IS NULL
            AND parent_code IN (SELECT code FROM grids WHERE level = 'town' AND valid_to IS NULL AND code LIKE ${prefix + '%'})),
    p AS (SELECT pa.* FROM patrols pa, bounds b WHERE pa.village_code IN (SELECT code FROM v) AND pa.day = b.today AND pa.done_at <= b.now),
    slots AS (SELECT (CASE WHEN minute_of_day >= 690 THEN 1 ELSE 0 END) + (CASE WHEN minute_of_day >= 1050 THEN 1 ELSE 0 END) AS due,
                     minute_of_day FROM bounds)
    SELECT
      (SELECT count(*) FROM c WHERE status NOT IN ('resolved', 'closed', 'transferred', 'voided'))::int AS open_now,
      (SELECT count(*) FROM c, bounds b WHERE status NOT IN ('resolved', 'closed', 'transferred', 'voided') AND stage_due_at < b.now)::int AS overdue_now,
      (SELECT count(*) FROM c, bounds b WHERE resolved_at >= b.day_start)::int AS resolved_today,
      (SELECT count(*) FROM c, bounds b WHERE resolved_at >= b.month_start)::int AS resolved_month,
      (SELECT count(*) FROM c, bounds b WHERE resolved_at >= b.month_start AND resolved_level IN ('group', 'village'))::int AS resolved_in_village,
      (SELECT count(DISTINCT c.serial) FROM c JOIN case_steps s ON s.serial = c.serial, bounds b
         WHERE c.status = 'transferred' AND s.to_status = 'transferred' AND s.at >= b.month_start)::int AS transferred_month,
      (SELECT count(*) FROM cameras WHERE town_code LIKE ${prefix + '%'})::int AS cameras,
      (SELECT count(*) FROM cameras WHERE town_code LIKE ${prefix + '%'} AND status = 'online')::int AS cameras_online,
      (SELECT count(*) FROM v)::int AS villages,
      (SELECT count(*) FROM p)::int AS slots_done,
      (SELECT count(*) FROM p, slots s WHERE (p.slot = 'am' AND s.minute_of_day < 690) OR (p.slot = 'pm' AND s.minute_of_day < 1050))::int AS slots_early,
      (SELECT due FROM slots)::int AS slots_due_per_village`;
  const r = row!;
  const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);
  const slotsDue = r.villages! * r.slots_due_per_village! + r.slots_early!;
  return {
    openNow: r.open_now!,
    overdueNow: r.overdue_now!,
    resolvedToday: r.resolved_today!,
    resolvedThisMonth: r.resolved_month!,
    transferredThisMonth: r.transferred_month!,
    villageResolutionRate: share(r.resolved_in_village!, r.resolved_month!),
    townResolutionRate: share(r.resolved_month!, r.resolved_month! + r.transferred_month!),
    cameras: r.cameras!,
    camerasOnline: r.cameras_online!,
    cameraOnlineRate: share(r.cameras_online!, r.cameras!),
    villages: r.villages!,
    patrolSlotsDone: r.slots_done!,
    patrolSlotsDue: slotsDue,
    patrolCompletion: share(r.slots_done!, slotsDue),
  };
}

describe.each(backends)('%s', (kind) => {
  const seeded = seededApp(kind);

  /**
   * The API's figures next to the independent ones. Other test files may write cases into the
   * shared PostgreSQL database meanwhile, so the SQL runs before and after the request and a pair
   * that disagrees (a write landed in between) is read again.
   */
  async function figuresOf(scope: string): Promise<{ api: Kpis; expected: Kpis }> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const before = await independentKpis(seeded.db, scope);
      const res = await seeded.inject({ method: 'GET', url: `/api/kpis?scope=${scope}` });
      expect(res.statusCode).toBe(200);
      const after = await independentKpis(seeded.db, scope);
      if (JSON.stringify(before) !== JSON.stringify(after)) continue;
      const { scope: _scope, at: _at, ...api } = res.json<Kpis>();
      return { api, expected: after };
    }
    throw new Error(`the figures of ${scope} kept changing under the test`);
  }

  describe('GET /api/kpis', () => {
    it('gives the county figures that independent SQL over the same tables gives', async () => {
      const { api, expected } = await figuresOf('620724');
      for (const [name, value] of Object.entries(expected)) {
        if (typeof value === 'number' && !Number.isInteger(value)) expect(api[name], name).toBeCloseTo(value, 9);
        else expect(api[name], name).toEqual(value);
      }
      // The seed has a working county: these are not figures of an empty database.
      expect(api.openNow).toBeGreaterThan(0);
      expect(api.cameras).toBeGreaterThan(100);
      expect(api.villages).toBeGreaterThan(50);
      expect(api.resolvedThisMonth).toBeGreaterThan(0);
    });

    it('gives a town its own figures, a part of the county figures', async () => {
      const [town] = await seeded.db.sql<{ code: string }>`
        SELECT town_code AS code FROM cases GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`;
      const { api, expected } = await figuresOf(town!.code);
      for (const [name, value] of Object.entries(expected)) {
        if (typeof value === 'number' && !Number.isInteger(value)) expect(api[name], name).toBeCloseTo(value, 9);
        else expect(api[name], name).toEqual(value);
      }
      const county = (await figuresOf('620724')).api;
      expect(api.openNow as number).toBeLessThan(county.openNow as number);
      expect(api.villages as number).toBeLessThan(county.villages as number);
    });

    it('answers in the documented shape, with the scope as stored and shares between 0 and 1', async () => {
      const res = await seeded.inject({ method: 'GET', url: '/api/kpis?scope=620724' });
      const body = res.json<Kpis>();
      expect(replySchemaErrors(GridKpis, body)).toEqual([]);
      expect(body.scope).toBe('620724000000');
    });

    it('rejects a malformed scope naming the parameter', async () => {
      const res = await seeded.inject({ method: 'GET', url: '/api/kpis?scope=62' });
      expect(res.statusCode).toBe(400);
      expect(res.json<{ message: string }>().message).toContain('scope');
    });

    it('answers 404 for a well-formed code that is no grid', async () => {
      const res = await seeded.inject({ method: 'GET', url: '/api/kpis?scope=620724999000' });
      expect(res.statusCode).toBe(404);
    });
  });
});
