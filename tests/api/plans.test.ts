import { beforeAll, describe, expect, it } from 'vitest';
import type { MultiPolygon, Point, Position } from 'geojson';
import { area, booleanPointInPolygon } from '@turf/turf';
import { backends } from '../support/testDatabases.js';
import { seededApp } from '../support/seededApp.js';
import { pushedMidpoint, sharedEdge, square, withVertex } from '../fixtures/plans/sharedEdge.js';
import type { PlanGridCollection, PlanSummary, PlanValidation } from '../../server/src/contract/plan.js';

/**
 * Draft plans on the run's shared seeded databases: every test starts its own plan, and nothing
 * here publishes (drafts live in their own tables, so other files reading the county see no
 * change). Publishing is tested in plansPublish.test.ts on private databases.
 */
describe.each(backends)('%s', (kind) => {
  const seeded = seededApp(kind);
  /** Villages with at least three groups, a different one per test. */
  let villages: string[] = [];

  beforeAll(async () => {
    const rows = await seeded.db.sql<{ code: string }>`
      SELECT parent_code AS code FROM grids WHERE level = 'group' AND valid_to IS NULL
      GROUP BY parent_code HAVING count(*) >= 3 ORDER BY parent_code`;
    villages = rows.map((row) => row.code);
  });

  const village = (index: number) => {
    const code = villages[index * 7];
    if (!code) throw new Error('not enough villages');
    return code;
  };

  async function newPlan(scope: string, as = 'planner'): Promise<number> {
    const reply = await seeded.inject(
      { method: 'POST', url: '/api/plans', payload: { scope, name: `test ${scope}` } },
      as,
    );
    expect(reply.statusCode, reply.body).toBe(201);
    return reply.json<{ id: number }>().id;
  }

  async function grids(id: number): Promise<PlanGridCollection['features']> {
    const reply = await seeded.get(`/api/plans/${id}/grids`, 'planner');
    expect(reply.statusCode, reply.body).toBe(200);
    return reply.json<PlanGridCollection>().features;
  }

  async function validation(id: number): Promise<PlanValidation> {
    const reply = await seeded.get(`/api/plans/${id}/validation`, 'planner');
    expect(reply.statusCode, reply.body).toBe(200);
    return reply.json<PlanValidation>();
  }

  /** Two groups of the plan sharing an edge, the edge, and a sideways push of its midpoint. */
  async function sharedPair(id: number) {
    const features = await grids(id);
    for (const a of features) {
      for (const b of features) {
        if (a.properties.code >= b.properties.code) continue;
        const edge = sharedEdge(a.geometry as MultiPolygon, b.geometry as MultiPolygon);
        if (!edge) continue;
        const length = Math.hypot(edge.q[0]! - edge.p[0]!, edge.q[1]! - edge.p[1]!);
        const push = pushedMidpoint(edge.p, edge.q, Math.min(length / 4, 0.0002));
        return { a, b, edge, push };
      }
    }
    throw new Error(`plan ${id} has no two groups sharing an edge`);
  }

  it('starts a village plan from the published groups; lists and reads it', async () => {
    const scope = village(0);
    const id = await newPlan(scope);
    const plan = (await seeded.get(`/api/plans/${id}`, 'planner')).json<PlanSummary>();
    expect(plan).toMatchObject({
      id,
      scope,
      scopeLevel: 'village',
      status: 'draft',
      version: 1,
      author: 'planner',
      lock: null,
    });
    const listed = (await seeded.get(`/api/plans?scope=${scope}&status=draft`, 'planner')).json<PlanSummary[]>();
    expect(listed.map((p) => p.id)).toContain(id);

    const features = await grids(id);
    const published = await seeded.db.sql<{ code: string; households: number; grid_head: boolean }>`
      SELECT g.code,
        (SELECT count(*) FROM households h WHERE ST_Intersects(g.geom, h.geom))::int AS households,
        EXISTS (SELECT 1 FROM grid_roles r WHERE r.grid_code = g.code AND r.role = 'grid_head' AND r.until IS NULL) AS grid_head
      FROM grids g WHERE g.parent_code = ${scope} AND g.valid_to IS NULL ORDER BY g.code`;
    expect(features.map((f) => f.properties.code)).toEqual(published.map((row) => row.code));
    for (const feature of features) {
      const row = published.find((r) => r.code === feature.properties.code)!;
      expect(feature.properties).toMatchObject({
        version: 1,
        level: 'group',
        parentCode: scope,
        households: row.households,
        gridHead: row.grid_head,
      });
    }
    const checked = await validation(id);
    expect(checked.ok).toBe(true);
    expect(checked.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('moves a shared boundary in one edit (both grids change, still seamless); a one-sided move is an overlap or gap with its area and place', async () => {
    const id = await newPlan(village(1));
    await validation(id);
    const { a, b, edge, push } = await sharedPair(id);
    const movedA = withVertex(a.geometry as MultiPolygon, edge.inA, push.point);
    const movedB = withVertex(b.geometry as MultiPolygon, edge.inB, push.point);

    const edit = await seeded.inject(
      {
        method: 'POST',
        url: `/api/plans/${id}/edits`,
        payload: {
          changes: [
            { code: a.properties.code, geometry: movedA, version: a.properties.version },
            { code: b.properties.code, geometry: movedB, version: b.properties.version },
          ],
        },
      },
      'planner',
    );
    expect(edit.statusCode, edit.body).toBe(200);
    const saved = edit.json<{ grids: { code: string; version: number }[] }>().grids;
    expect(saved).toEqual([
      { code: a.properties.code, version: a.properties.version + 1 },
      { code: b.properties.code, version: b.properties.version + 1 },
    ]);
    const clean = await validation(id);
    expect(clean.problems.filter((p) => p.severity === 'error')).toEqual([]);
    // Only the changed village's tiling was checked again, and only the two grids re-prepared.
    expect(clean.rechecked).toEqual({ parents: 1, grids: 2 });

    // Now undo the move on B only: A still bulges into B (or B leaves a hole), the triangle swept.
    const undo = await seeded.inject(
      {
        method: 'PUT',
        url: `/api/plans/${id}/grids/${b.properties.code}`,
        payload: { geometry: b.geometry, version: b.properties.version + 1 },
      },
      'planner',
    );
    expect(undo.statusCode, undo.body).toBe(200);
    const broken = await validation(id);
    expect(broken.ok).toBe(false);
    const tiling = broken.problems.filter((p) => p.kind === 'overlap' || p.kind === 'gap');
    expect(tiling).toHaveLength(1);
    const problem = tiling[0]!;
    expect(problem.area_m2! / push.areaSquareMeters).toBeCloseTo(1, 1);
    expect(booleanPointInPolygon((problem.location as Point).coordinates, push.triangle)).toBe(true);
    if (problem.kind === 'overlap') expect(problem.codes).toEqual([a.properties.code, b.properties.code].sort());
  });

  it('refuses a stale version with 409 naming who changed the grid and when; nothing of the edit is saved', async () => {
    const id = await newPlan(village(2));
    const { a, b, edge, push } = await sharedPair(id);
    const first = await seeded.inject(
      {
        method: 'PUT',
        url: `/api/plans/${id}/grids/${a.properties.code}`,
        payload: { geometry: withVertex(a.geometry as MultiPolygon, edge.inA, push.point), version: 1 },
      },
      'planner',
    );
    expect(first.statusCode, first.body).toBe(200);
    const stale = await seeded.inject(
      {
        method: 'POST',
        url: `/api/plans/${id}/edits`,
        payload: {
          changes: [
            {
              code: b.properties.code,
              geometry: withVertex(b.geometry as MultiPolygon, edge.inB, push.point),
              version: 1,
            },
            { code: a.properties.code, geometry: a.geometry, version: 1 },
          ],
        },
      },
      'planner',
    );
    expect(stale.statusCode).toBe(409);
    const body = stale.json<{ message: string; code: string; version: number; changedBy: string; changedAt: string }>();
    expect(body).toMatchObject({ code: a.properties.code, version: 2, changedBy: 'planner' });
    expect(body.message).toContain('planner');
    expect(Date.parse(body.changedAt)).not.toBeNaN();
    const after = await grids(id);
    expect(after.find((f) => f.properties.code === b.properties.code)!.properties.version).toBe(1);
    const del = await seeded.inject(
      { method: 'DELETE', url: `/api/plans/${id}/grids/${a.properties.code}?version=1` },
      'planner',
    );
    expect(del.statusCode).toBe(409);
  });

  it('refuses writes while someone else holds the lock (409 naming them); the holder can write and release', async () => {
    const id = await newPlan(village(3));
    const lock = await seeded.inject({ method: 'POST', url: `/api/plans/${id}/lock` }, 'planner');
    expect(lock.statusCode, lock.body).toBe(200);
    expect(lock.json()).toMatchObject({ holder: 'planner' });
    expect((await seeded.get(`/api/plans/${id}`, 'planner')).json<PlanSummary>().lock?.holder).toBe('planner');

    await seeded.db.sql`UPDATE plans SET lock_holder = 'someone-else' WHERE id = ${id}`;
    const [grid] = await grids(id);
    const refused = await seeded.inject(
      {
        method: 'PUT',
        url: `/api/plans/${id}/grids/${grid!.properties.code}`,
        payload: { geometry: grid!.geometry, version: grid!.properties.version },
      },
      'planner',
    );
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ message: string }>().message).toContain('someone-else');
    expect((await seeded.inject({ method: 'POST', url: `/api/plans/${id}/lock` }, 'planner')).statusCode).toBe(409);

    // An expired lock is nobody's.
    await seeded.db.sql`UPDATE plans SET lock_expires_at = now() - interval '1 second' WHERE id = ${id}`;
    expect((await seeded.get(`/api/plans/${id}`, 'planner')).json<PlanSummary>().lock).toBeNull();
    const retaken = await seeded.inject({ method: 'POST', url: `/api/plans/${id}/lock` }, 'planner');
    expect(retaken.statusCode).toBe(200);
    const released = await seeded.inject({ method: 'DELETE', url: `/api/plans/${id}/lock` }, 'planner');
    expect(released.statusCode).toBe(204);
  });

  it('gives a new grid the next unused code of its village, never a deleted one; splits along a line and merges back', async () => {
    const scope = village(4);
    const id = await newPlan(scope);
    const [largest] = await seeded.db.sql<{ centre: Point }>`
      SELECT ST_AsGeoJSON(ST_PointOnSurface(geom))::jsonb AS centre FROM grids
      WHERE parent_code = ${scope} AND valid_to IS NULL ORDER BY area_m2 DESC LIMIT 1`;
    const centre = largest!.centre.coordinates;
    const [highest] = await seeded.db.sql<{ code: string }>`
      SELECT max(code) AS code FROM grids WHERE parent_code = ${scope}`;

    const add = (geometry: MultiPolygon) =>
      seeded.inject({ method: 'POST', url: `/api/plans/${id}/grids`, payload: { geometry } }, 'planner');
    const first = await add(square(centre, 0.0004));
    expect(first.statusCode, first.body).toBe(201);
    const firstCode = first.json<{ code: string }>().code;
    expect(firstCode).toMatch(new RegExp(`^${scope}[0-9]{3}$`));
    expect(firstCode > highest!.code).toBe(true);
    expect(
      (await seeded.inject({ method: 'DELETE', url: `/api/plans/${id}/grids/${firstCode}` }, 'planner')).statusCode,
    ).toBe(204);

    const second = await add(square(centre, 0.0004));
    expect(second.statusCode).toBe(201);
    const code = second.json<{ code: string; version: number }>().code;
    expect(code > firstCode).toBe(true);

    // Split the square a little east of its middle: the bigger, western part keeps the code.
    const x = centre[0]! + 0.00005;
    const line = {
      type: 'LineString',
      coordinates: [
        [x, centre[1]! - 0.001],
        [x, centre[1]! + 0.001],
      ],
    };
    const split = await seeded.inject(
      { method: 'POST', url: `/api/plans/${id}/split`, payload: { code, version: 1, line } },
      'planner',
    );
    expect(split.statusCode, split.body).toBe(200);
    const parts = split.json<{ grids: { code: string; version: number }[] }>().grids;
    expect(parts).toHaveLength(2);
    expect(parts[0]).toEqual({ code, version: 2 });
    expect(parts[1]!.code > code).toBe(true);
    const after = await grids(id);
    const kept = after.find((f) => f.properties.code === code)!;
    const other = after.find((f) => f.properties.code === parts[1]!.code)!;
    const whole = area(square(centre, 0.0004));
    expect(area(kept.geometry as MultiPolygon) / whole).toBeCloseTo(0.625, 2);
    expect(area(other.geometry as MultiPolygon) / whole).toBeCloseTo(0.375, 2);
    expect(other.properties).toMatchObject({ level: 'group', parentCode: scope, gridHead: false, baseVersion: null });

    const missed = await seeded.inject(
      {
        method: 'POST',
        url: `/api/plans/${id}/split`,
        payload: {
          code,
          version: 2,
          line: {
            type: 'LineString',
            coordinates: [
              [0, 0],
              [0.001, 0.001],
            ],
          },
        },
      },
      'planner',
    );
    expect(missed.statusCode).toBe(422);

    const merge = await seeded.inject(
      { method: 'POST', url: `/api/plans/${id}/merge`, payload: { codes: [code, parts[1]!.code], versions: [2, 1] } },
      'planner',
    );
    expect(merge.statusCode, merge.body).toBe(200);
    expect(merge.json()).toEqual({ code, version: 3 });
    const merged = await grids(id);
    expect(merged.map((f) => f.properties.code)).not.toContain(parts[1]!.code);
    expect(area(merged.find((f) => f.properties.code === code)!.geometry as MultiPolygon) / whole).toBeCloseTo(1, 3);
  });

  it('refuses bad outlines with what and where: not a polygon, projected coordinates (400), self-crossing (422)', async () => {
    const id = await newPlan(village(5));
    const [grid] = await grids(id);
    const put = (geometry: unknown) =>
      seeded.inject(
        { method: 'PUT', url: `/api/plans/${id}/grids/${grid!.properties.code}`, payload: { geometry, version: 1 } },
        'planner',
      );
    const point = await put({ type: 'Point', coordinates: [99.8, 39.4] });
    expect(point.statusCode).toBe(400);
    expect(point.json<{ message: string }>().message).toMatch(/Polygon or MultiPolygon/);
    const projected = await put({
      type: 'Polygon',
      coordinates: [
        [
          [500000, 4400000],
          [500100, 4400000],
          [500100, 4400100],
          [500000, 4400000],
        ],
      ],
    });
    expect(projected.statusCode).toBe(400);
    expect(projected.json<{ message: string }>().message).toMatch(/not longitude\/latitude/);
    const [c] = await seeded.db.sql<{ centre: Point }>`
      SELECT ST_AsGeoJSON(ST_PointOnSurface(geom))::jsonb AS centre FROM grids WHERE code = ${grid!.properties.code} AND valid_to IS NULL`;
    const [x, y] = c!.centre.coordinates as [number, number];
    const bowTie: Position[] = [
      [x, y],
      [x + 0.001, y + 0.001],
      [x + 0.001, y],
      [x, y + 0.001],
      [x, y],
    ];
    const crossing = await put({ type: 'Polygon', coordinates: [bowTie] });
    expect(crossing.statusCode).toBe(422);
    const body = crossing.json<{ message: string; location: Point }>();
    expect(body.message).toMatch(/not valid.*Self-intersection/);
    expect(body.location.coordinates[0]).toBeCloseTo(x + 0.0005, 6);
    expect((await grids(id)).find((f) => f.properties.code === grid!.properties.code)!.properties.version).toBe(1);
  });

  it('lets planners and the county admin write, a town leader read their own town’s plans only, and refuses other roles', async () => {
    const scope = village(6);
    const town = `${scope.slice(0, 9)}000`;
    const [otherTown] = await seeded.db.sql<{ code: string }>`
      SELECT code FROM grids WHERE level = 'town' AND valid_to IS NULL AND code <> ${town} ORDER BY code LIMIT 1`;
    const id = await newPlan(scope, 'admin');
    expect((await seeded.get(`/api/plans/${id}`, `town-${town}`)).statusCode).toBe(200);
    expect((await seeded.get(`/api/plans/${id}`, `town-${otherTown!.code}`)).statusCode).toBe(404);
    expect((await seeded.inject({ method: 'POST', url: `/api/plans/${id}/lock` }, `town-${town}`)).statusCode).toBe(
      403,
    );
    expect((await seeded.get(`/api/plans/${id}`, 'auditor')).statusCode).toBe(403);
    expect((await seeded.get(`/api/plans/${id}/grids`, `village-${scope}`)).statusCode).toBe(403);
    const create = await seeded.inject(
      { method: 'POST', url: '/api/plans', payload: { scope, name: 'not mine' } },
      `town-${town}`,
    );
    expect(create.statusCode).toBe(403);
  });
});
