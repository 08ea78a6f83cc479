import { beforeAll, describe, expect, it } from 'vitest';
import type { MultiPolygon } from 'geojson';
import { area } from '@turf/turf';
import { backends } from '../support/testDatabases.js';
import { privateApp } from '../fixtures/plans/privateApps.js';
import type { Sql } from '../../server/src/db/database.js';
import { sqlRaw } from '../../server/src/db/sqlQuery.js';
import { parseGridCode } from '../../server/src/domain/gridCode.js';
import type { Viewer } from '../../server/src/domain/accessRole.js';
import { checkStoredPartition } from '../../server/src/repos/grids/partitionRepo.js';
import { publishPlan } from '../../server/src/repos/plans/planPublishRepo.js';
import type { PlanSummary } from '../../server/src/contract/plan.js';

/**
 * Publishing, on a private seeded database per backend (tests/fixtures/plans/privateApps.ts): a
 * publish moves households, retires grids and writes a grid event, which the other test files —
 * counting households per grid and comparing the two backends on the shared seeded databases at
 * the same moment — must not see.
 */
const eventPayload = sqlRaw(`(payload #>> '{}')::jsonb`);

interface Pair {
  village: string;
  keep: string;
  drop: string;
}

/** Two adjacent groups of one village (sharing a boundary line); the dropped one has households and staff. */
async function adjacentPairs(sql: Sql): Promise<Pair[]> {
  return sql<Pair>`
    SELECT a.parent_code AS village, a.code AS keep, b.code AS drop
    FROM grids a JOIN grids b ON b.parent_code = a.parent_code AND a.code < b.code AND a.geom && b.geom
    WHERE a.valid_to IS NULL AND b.valid_to IS NULL AND a.level = 'group'
      AND ST_Relate(a.geom, b.geom, '****1****')
      AND EXISTS (SELECT 1 FROM households h WHERE h.group_code = b.code)
      AND EXISTS (SELECT 1 FROM grid_roles r WHERE r.grid_code = b.code AND r.until IS NULL)
    ORDER BY a.parent_code, a.code, b.code`;
}

/** `` await count(sql)`SELECT count(*)::int AS n …` `` → the number. */
const count =
  (sql: Sql) =>
  async (query: TemplateStringsArray, ...values: unknown[]): Promise<number> =>
    Number((await sql<{ n: number }>(query, ...values))[0]?.n ?? -1);

describe.each(backends)('%s', (kind) => {
  const seeded = privateApp(kind);
  let pairs: Pair[] = [];
  /** One pair per test, each in its own village. */
  const pair = (index: number): Pair => {
    const seen = new Set<string>();
    const distinct = pairs.filter((p) => !seen.has(p.village) && seen.add(p.village));
    return distinct[index * 5]!;
  };

  beforeAll(async () => {
    pairs = await adjacentPairs(seeded.db.sql);
  });

  async function mergePlan({ village, keep, drop }: Pair): Promise<number> {
    const created = await seeded.inject(
      { method: 'POST', url: '/api/plans', payload: { scope: village, name: `merge ${drop}` } },
      'planner',
    );
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ id: number }>().id;
    const merged = await seeded.inject(
      { method: 'POST', url: `/api/plans/${id}/merge`, payload: { codes: [keep, drop], versions: [1, 1] } },
      'planner',
    );
    expect(merged.statusCode, merged.body).toBe(200);
    return id;
  }

  it('previews the impact exactly, then publishes: households, streets, cameras, staff and open cases move; one grid event; versions list, show and compare', async () => {
    const { village, keep, drop } = pair(0);
    const sql = seeded.db.sql;
    const id = await mergePlan({ village, keep, drop });
    const rival = await seeded.inject(
      { method: 'POST', url: '/api/plans', payload: { scope: village, name: 'rival' } },
      'planner',
    );
    const rivalId = rival.json<{ id: number }>().id;

    const expected = {
      households: await count(sql)`SELECT count(*)::int AS n FROM households WHERE group_code = ${drop}`,
      streets: await count(sql)`SELECT count(*)::int AS n FROM streets WHERE group_code = ${drop}`,
      cameras: await count(sql)`SELECT count(*)::int AS n FROM cameras WHERE group_code = ${drop}`,
      staff: await count(sql)`SELECT count(*)::int AS n FROM grid_roles WHERE grid_code = ${drop} AND until IS NULL`,
      openCases: await count(sql)`
        SELECT count(*)::int AS n FROM cases WHERE group_code = ${drop} AND status IN ('registered', 'accepted', 'mediating')`,
    };
    const closedCases = await count(sql)`
      SELECT count(*)::int AS n FROM cases WHERE group_code = ${drop} AND status NOT IN ('registered', 'accepted', 'mediating')`;
    const keptBefore = await count(sql)`SELECT count(*)::int AS n FROM households WHERE group_code = ${keep}`;
    const eventsBefore = await count(sql)`SELECT count(*)::int AS n FROM events WHERE kind = 'grid'`;

    const impact = await seeded.get(`/api/plans/${id}/impact`, 'planner');
    expect(impact.statusCode, impact.body).toBe(200);
    const preview =
      impact.json<Record<string, { count: number; items: { id: unknown; from: string; to: string }[] }>>();
    for (const [key, value] of Object.entries(expected)) {
      expect(preview[key]!.count, key).toBe(value);
      for (const item of preview[key]!.items) expect(item).toMatchObject({ from: drop, to: keep });
    }
    expect(impact.json<{ grids: unknown }>().grids).toEqual({ added: [], removed: [drop], changed: [keep] });
    const householdIds = await sql<{
      id: string;
    }>`SELECT id FROM households WHERE group_code = ${drop} ORDER BY id LIMIT 200`;
    expect(preview['households']!.items.map((item) => Number(item.id))).toEqual(
      householdIds.map((row) => Number(row.id)),
    );

    const published = await seeded.inject({ method: 'POST', url: `/api/plans/${id}/publish` }, 'planner');
    expect(published.statusCode, published.body).toBe(200);
    const { gridVersion, changed } = published.json<{ gridVersion: number; changed: number }>();
    expect(changed).toBe(2);
    expect(gridVersion).toBeGreaterThan(1);

    expect(await count(sql)`SELECT count(*)::int AS n FROM households WHERE group_code = ${drop}`).toBe(0);
    expect(await count(sql)`SELECT count(*)::int AS n FROM households WHERE group_code = ${keep}`).toBe(
      keptBefore + expected.households,
    );
    expect(await count(sql)`SELECT count(*)::int AS n FROM streets WHERE group_code = ${drop}`).toBe(0);
    expect(await count(sql)`SELECT count(*)::int AS n FROM cameras WHERE group_code = ${drop}`).toBe(0);
    expect(
      await count(sql)`SELECT count(*)::int AS n FROM grid_roles WHERE grid_code = ${drop} AND until IS NULL`,
    ).toBe(0);
    // Closed cases keep the grid they happened in; open ones moved to the new row of their new group.
    expect(await count(sql)`SELECT count(*)::int AS n FROM cases WHERE group_code = ${drop}`).toBe(closedCases);
    expect(
      await count(sql)`
        SELECT count(*)::int AS n FROM cases WHERE group_code = ${keep} AND grid_version = 2
          AND status IN ('registered', 'accepted', 'mediating')`,
    ).toBe(expected.openCases);

    const rows = await sql<{
      code: string;
      version: number;
      from_version: number;
      to_version: number | null;
      current: boolean;
    }>`
      SELECT code, version, from_version, to_version, valid_to IS NULL AS current FROM grids
      WHERE code IN (${keep}, ${drop}) ORDER BY code, version`;
    expect(rows).toEqual([
      { code: keep, version: 1, from_version: 1, to_version: gridVersion, current: false },
      { code: keep, version: 2, from_version: gridVersion, to_version: null, current: true },
      { code: drop, version: 1, from_version: 1, to_version: gridVersion, current: false },
    ]);
    expect((await checkStoredPartition(sql, village))?.ok).toBe(true);

    const events = await sql<{ payload: { scope: string; gridVersion: number }; village_code: string }>`
      SELECT ${eventPayload} AS payload, village_code FROM events WHERE kind = 'grid' ORDER BY id`;
    expect(events.length - eventsBefore).toBe(1);
    expect(events.at(-1)).toEqual({ payload: { scope: village, gridVersion }, village_code: village });

    const plan = (await seeded.get(`/api/plans/${id}`, 'planner')).json<PlanSummary>();
    expect(plan).toMatchObject({ status: 'published', publishedGridVersion: gridVersion, lock: null });
    expect((await seeded.inject({ method: 'POST', url: `/api/plans/${id}/publish` }, 'planner')).statusCode).toBe(409);
    // The rival plan started from the grids this publish replaced.
    const stale = await seeded.inject({ method: 'POST', url: `/api/plans/${rivalId}/publish` }, 'planner');
    expect(stale.statusCode).toBe(409);
    expect(stale.json<{ message: string }>().message).toMatch(/published by another plan/);

    const versions = (await seeded.get(`/api/grid-versions?scope=${village}`, 'planner')).json<
      { version: number; planId: number | null; publishedBy: string | null; changed: number }[]
    >();
    expect(versions[0]).toMatchObject({ version: gridVersion, planId: id, publishedBy: 'planner', changed: 2 });
    expect(versions.at(-1)).toMatchObject({ version: 1, planId: null });
    const codesOf = async (version: number) =>
      (await seeded.get(`/api/grid-versions/${version}/grids?scope=${village}`, 'planner'))
        .json<{ features: { properties: { code: string } }[] }>()
        .features.map((f) => f.properties.code);
    expect(await codesOf(1)).toContain(drop);
    expect(await codesOf(gridVersion)).not.toContain(drop);
    expect(await codesOf(gridVersion)).toContain(keep);
    const compared = await seeded.get(
      `/api/grid-versions/compare?scope=${village}&from=1&to=${gridVersion}`,
      'planner',
    );
    expect(compared.statusCode, compared.body).toBe(200);
    const differences = compared.json<{
      changed: { code: string; change: string; from: MultiPolygon; to: MultiPolygon }[];
    }>().changed;
    expect(differences.map((d) => [d.code, d.change])).toEqual([
      [keep, 'changed'],
      [drop, 'removed'],
    ]);
    const [keptOld, droppedOld] = differences;
    expect(area(keptOld!.to) / (area(keptOld!.from) + area(droppedOld!.from))).toBeCloseTo(1, 3);
    expect(droppedOld!.to).toBeNull();
  });

  it('refuses a plan that leaves a gap with 422 and the problem where it is; nothing changes', async () => {
    const { village, drop } = pair(1);
    const sql = seeded.db.sql;
    const created = await seeded.inject(
      { method: 'POST', url: '/api/plans', payload: { scope: village, name: 'gap' } },
      'planner',
    );
    const id = created.json<{ id: number }>().id;
    expect(
      (await seeded.inject({ method: 'DELETE', url: `/api/plans/${id}/grids/${drop}?version=1` }, 'planner'))
        .statusCode,
    ).toBe(204);
    const versionBefore = await count(sql)`SELECT max(version)::int AS n FROM grid_versions`;
    const refused = await seeded.inject({ method: 'POST', url: `/api/plans/${id}/publish` }, 'planner');
    expect(refused.statusCode).toBe(422);
    const problems = refused.json<{ problems: { kind: string; area_m2: number }[] }>().problems;
    const [dropArea] = await sql<{ area: number }>`
      SELECT ST_Area(geom::geography) AS area FROM grids WHERE code = ${drop} AND valid_to IS NULL`;
    expect(problems.map((p) => p.kind)).toEqual(['gap']);
    // turf (pure checker) and PostGIS (spheroid) areas agree to ~0.1 %.
    expect(problems[0]!.area_m2 / dropArea!.area).toBeCloseTo(1, 2);
    expect(await count(sql)`SELECT max(version)::int AS n FROM grid_versions`).toBe(versionBefore);
    expect((await seeded.get(`/api/plans/${id}`, 'planner')).json<PlanSummary>().status).toBe('draft');
  });

  it('rolls everything back when the publish fails mid-way (a constraint violated on purpose)', async () => {
    const target = pair(2);
    const sql = seeded.db.sql;
    const id = await mergePlan(target);
    const snapshot = async () => ({
      versions: await count(sql)`SELECT max(version)::int AS n FROM grid_versions`,
      moved: await count(sql)`SELECT count(*)::int AS n FROM households WHERE group_code = ${target.drop}`,
      grids: await count(sql)`SELECT count(*)::int AS n FROM grids WHERE code IN (${target.keep}, ${target.drop})`,
      current: await count(sql)`SELECT count(*)::int AS n FROM grids WHERE code = ${target.drop} AND valid_to IS NULL`,
      staff: await count(
        sql,
      )`SELECT count(*)::int AS n FROM grid_roles WHERE grid_code = ${target.drop} AND until IS NULL`,
      events: await count(sql)`SELECT count(*)::int AS n FROM events WHERE kind = 'grid'`,
      audit: await count(sql)`SELECT count(*)::int AS n FROM audit_log WHERE action = 'plan.publish'`,
    });
    const before = await snapshot();
    const [account] = await sql<{ id: string }>`SELECT id FROM accounts WHERE username = 'planner'`;
    const planner: Viewer = {
      accountId: Number(account!.id),
      username: 'planner',
      role: 'planner',
      scope: parseGridCode('620724000000')!,
      memberId: null,
    };
    await expect(
      publishPlan(seeded.db, id, planner, {
        beforeCommit: async (tx) => {
          await tx`UPDATE households SET size = 0 WHERE group_code = ${target.keep}`;
        },
      }),
    ).rejects.toThrow();
    expect(await snapshot()).toEqual(before);
    expect(before.moved).toBeGreaterThan(0);
    expect((await seeded.get(`/api/plans/${id}`, 'planner')).json<PlanSummary>().status).toBe('draft');
  });
});
