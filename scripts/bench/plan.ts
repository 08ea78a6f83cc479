// `npm run bench:plan [-- --edits 5 --households 10000 --skip-embedded]`
//
// Plans (issue #5), on both databases, figures and ratios measured in the same run:
//  (1) live validation of a ~1,000-group partition (one synthetic town: each of its villages cut
//      into square cells clipped to the village, about 1,000 groups in all) after a one-vertex edit
//      of a shared boundary (two groups saved in one edit, then GET-validation's work), against a
//      full recheck from scratch (cache dropped: every outline and count loaded, prepared, checked).
//      Goal: the incremental check < 500 ms on the embedded database, and much cheaper than full.
//  (2) publishing a plan that moves 10,000 households (two groups merged, the dropped one given
//      10,000 households with ST_GeneratePoints). Goal: < 2 s.
// Nothing asserted. Uses a throw-away PostgreSQL database (dropped at the end) and an in-memory
// embedded database loaded from data/generated/embedded-template.tar.gz when present.
import { readCommandLine } from '../cli/commandLine.mjs';
import { existsSync, readFileSync } from 'node:fs';
import type { MultiPolygon } from 'geojson';
import { createThrowawayPostgres } from '../../tests/support/throwawayPostgres.js';
import { pushedMidpoint, sharedEdge, withVertex } from '../../tests/fixtures/plans/sharedEdge.js';
import { openPostgres } from '../../server/src/db/postgresDatabase.js';
import { openEmbedded } from '../../server/src/db/embeddedDatabase.js';
import type { Database } from '../../server/src/db/database.js';
import { migrate } from '../../server/src/db/migrate.js';
import { seedDemoCounty } from '../../server/src/seed/seedDemoCounty.js';
import { parseGridCode } from '../../server/src/domain/gridCode.js';
import type { Viewer } from '../../server/src/domain/accessRole.js';
import { PlanValidator } from '../../server/src/domain/plan/planValidator.js';
import { createPlan } from '../../server/src/repos/plans/planRepo.js';
import { mergeGrids, saveGridEdits } from '../../server/src/repos/plans/planGridRepo.js';
import {
  forgetPlanState,
  planGridStates,
  planParents,
  validatePlan,
} from '../../server/src/repos/plans/planStateRepo.js';
import { publishPlan } from '../../server/src/repos/plans/planPublishRepo.js';

const { values: args } = readCommandLine({
  name: 'bench:plan',
  usage: `usage: npm run bench:plan -- [--edits N] [--households N] [--groups N] [--skip-embedded]
  --edits N         boundary edits timed (default 5)
  --households N    households the published plan moves (default 10000)
  --groups N        groups of the synthetic partition (default 1000)
  --skip-embedded   PostgreSQL only
Needs the local PostgreSQL + PostGIS (TEST_POSTGRES_ADMIN_URL); prints figures, asserts nothing.`,
  options: {
    edits: { type: 'string', default: '5' },
    households: { type: 'string', default: '10000' },
    groups: { type: 'string', default: '1000' },
    'skip-embedded': { type: 'boolean', default: false },
  },
});
const editRuns = Number(args.edits);
const movedHouseholds = Number(args.households);
const targetGroups = Number(args.groups);
const embeddedTemplate = 'data/generated/embedded-template.tar.gz';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const ms = (value: number) => `${value.toFixed(0)} ms`;

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await work();
  return { value, ms: performance.now() - t0 };
}

async function adminOf(db: Database): Promise<Viewer> {
  const [row] = await db.sql<{ id: string }>`SELECT id FROM accounts WHERE username = 'admin'`;
  return {
    accountId: Number(row?.id ?? 0),
    username: 'admin',
    role: 'county_admin',
    scope: parseGridCode('620724000000')!,
    memberId: null,
  };
}

/** A town plan whose groups are replaced by ~`targetGroups` square cells clipped to their villages. */
async function syntheticTownPlan(db: Database, viewer: Viewer): Promise<{ id: number; town: string; groups: number }> {
  const [town] = await db.sql<{ code: string; area: number }>`
    SELECT t.code, ST_Area(t.geom) AS area FROM grids t
    WHERE t.level = 'town' AND t.valid_to IS NULL
    ORDER BY (SELECT count(*) FROM grids v WHERE v.parent_code = t.code AND v.valid_to IS NULL) DESC, t.code LIMIT 1`;
  const id = await createPlan(db, { scope: town!.code, name: 'bench: 1,000 groups' }, viewer);
  const side = Math.sqrt(town!.area / targetGroups);
  await db.transaction(async (sql) => {
    await sql`DELETE FROM plan_grids WHERE plan_id = ${id} AND level = 'group'`;
    await sql`
      INSERT INTO plan_grids (plan_id, code, level, parent_code, name, geom, base_version, updated_by)
      SELECT ${id}, v.code || lpad(row_number() OVER (PARTITION BY v.code ORDER BY x, y, piece.path)::text, 3, '0'),
        'group', v.code, 'cell', ST_Multi(piece.geom), NULL, 'bench'
      FROM plan_grids v
      CROSS JOIN LATERAL generate_series(0, ceil((ST_XMax(v.geom) - ST_XMin(v.geom)) / ${side}::float8)::int) AS x
      CROSS JOIN LATERAL generate_series(0, ceil((ST_YMax(v.geom) - ST_YMin(v.geom)) / ${side}::float8)::int) AS y
      CROSS JOIN LATERAL ST_Dump(ST_CollectionExtract(ST_Intersection(v.geom, ST_MakeEnvelope(
        ST_XMin(v.geom) + x * ${side}::float8, ST_YMin(v.geom) + y * ${side}::float8,
        ST_XMin(v.geom) + (x + 1) * ${side}::float8, ST_YMin(v.geom) + (y + 1) * ${side}::float8, 4326)), 3)) AS piece
      WHERE v.plan_id = ${id} AND v.level = 'village' AND NOT ST_IsEmpty(piece.geom) AND ST_Area(piece.geom) > 0`;
  });
  const [count] = await db.sql<{ n: number }>`
    SELECT count(*)::int AS n FROM plan_grids WHERE plan_id = ${id} AND level = 'group'`;
  return { id, town: town!.code, groups: count!.n };
}

async function validationBench(db: Database, viewer: Viewer) {
  const plan = await syntheticTownPlan(db, viewer);
  // Full recheck from scratch: nothing cached, every outline and count loaded, prepared and checked.
  const fullRuns: number[] = [];
  const pureFullRuns: number[] = [];
  for (let run = 0; run < 3; run++) {
    forgetPlanState(db, plan.id);
    fullRuns.push((await timed(() => validatePlan(db, plan.id))).ms);
    const { state, grids } = await planGridStates(db, plan.id);
    pureFullRuns.push((await timed(async () => new PlanValidator().validate(planParents(state, grids), grids))).ms);
  }
  await validatePlan(db, plan.id);

  const editMs: number[] = [];
  const incrementalMs: number[] = [];
  let rechecked = { parents: 0, grids: 0 };
  const { grids } = await planGridStates(db, plan.id);
  const groups = grids.filter((grid) => grid.level === 'group');
  let done = 0;
  for (let i = 0; i < groups.length && done < editRuns; i += Math.max(1, Math.floor(groups.length / (editRuns * 3)))) {
    const a = groups[i]!;
    const b = groups.find(
      (other) => other.parentCode === a.parentCode && other.code !== a.code && sharedEdge(a.geometry, other.geometry),
    );
    if (!b) continue;
    const edge = sharedEdge(a.geometry, b.geometry)!;
    const length = Math.hypot(edge.q[0]! - edge.p[0]!, edge.q[1]! - edge.p[1]!);
    const push = pushedMidpoint(edge.p, edge.q, length / 10);
    const save = await timed(() =>
      saveGridEdits(db, plan.id, viewer, [
        { code: a.code, geometry: withVertex(a.geometry, edge.inA, push.point) as MultiPolygon, version: a.version },
        { code: b.code, geometry: withVertex(b.geometry, edge.inB, push.point) as MultiPolygon, version: b.version },
      ]),
    );
    const check = await timed(() => validatePlan(db, plan.id));
    editMs.push(save.ms);
    incrementalMs.push(check.ms);
    rechecked = check.value.rechecked;
    done++;
    // The cached copies are now stale for the next pick: re-read.
    const fresh = await planGridStates(db, plan.id);
    groups.splice(0, groups.length, ...fresh.grids.filter((grid) => grid.level === 'group'));
  }
  return {
    groups: plan.groups,
    full: median(fullRuns),
    pureFull: median(pureFullRuns),
    edit: median(editMs),
    incremental: median(incrementalMs),
    rechecked,
    edits: done,
  };
}

async function publishBench(db: Database, viewer: Viewer) {
  const [pair] = await db.sql<{ village: string; keep: string; drop: string }>`
    SELECT a.parent_code AS village, a.code AS keep, b.code AS drop
    FROM grids a JOIN grids b ON b.parent_code = a.parent_code AND a.code < b.code AND a.geom && b.geom
    WHERE a.valid_to IS NULL AND b.valid_to IS NULL AND a.level = 'group' AND ST_Relate(a.geom, b.geom, '****1****')
    ORDER BY a.code LIMIT 1`;
  const { village, keep, drop } = pair!;
  const [existing] = await db.sql<{ n: number }>`SELECT count(*)::int AS n FROM households WHERE group_code = ${drop}`;
  const extra = Math.max(0, movedHouseholds - existing!.n);
  if (extra > 0)
    await db.sql`
    INSERT INTO households (house_no, size, town_code, village_code, group_code, geom)
    SELECT 'bench-' || n, 3, left(${village}, 9) || '000', ${village}, ${drop}, (ST_Dump(pts)).geom
    FROM (SELECT ST_GeneratePoints(geom, ${extra}, 7) AS pts FROM grids WHERE code = ${drop} AND valid_to IS NULL) g,
      LATERAL generate_series(1, 1) AS n`;
  const id = await createPlan(db, { scope: village, name: 'bench: publish' }, viewer);
  await mergeGrids(db, id, viewer, { codes: [keep, drop], versions: [1, 1] });
  const published = await timed(() => publishPlan(db, id, viewer));
  return { ms: published.ms, moved: published.value.moved.households };
}

async function benchOn(label: string, db: Database) {
  const viewer = await adminOf(db);
  const validation = await validationBench(db, viewer);
  const publish = await publishBench(db, viewer);
  console.log(`\n${label}`);
  console.log(
    `  partition: ${validation.groups} groups in one town plan; ${validation.edits} one-vertex edits of a shared boundary`,
  );
  console.log(
    `  full recheck from scratch (load + prepare + check): ${ms(validation.full)}  (pure check alone: ${ms(validation.pureFull)})`,
  );
  console.log(
    `  after an edit: save ${ms(validation.edit)}, incremental validation ${ms(validation.incremental)} (re-checked ${validation.rechecked.parents} parent, ${validation.rechecked.grids} grids)`,
  );
  console.log(
    `  incremental / full: ${(validation.incremental / validation.full).toFixed(3)}× (${(validation.full / validation.incremental).toFixed(0)}× cheaper)`,
  );
  console.log(`  publish moving ${publish.moved} households: ${ms(publish.ms)} (goal < 2000 ms)`);
  return { validation, publish };
}

const throwaway = await createThrowawayPostgres('gridmap_bench_plan');
try {
  const pg = openPostgres({ url: throwaway.url, max: 4 });
  try {
    await migrate(pg);
    await seedDemoCounty(pg);
    await benchOn('PostgreSQL', pg);
  } finally {
    await pg.close();
  }
} finally {
  await throwaway.drop();
}

if (!args['skip-embedded']) {
  const embedded = await openEmbedded(
    existsSync(embeddedTemplate) ? { loadDataDir: new Blob([readFileSync(embeddedTemplate)]) } : {},
  );
  try {
    await migrate(embedded);
    await seedDemoCounty(embedded);
    const result = await benchOn('embedded (PGlite)', embedded);
    console.log(
      `  goal: incremental validation < 500 ms embedded → ${result.validation.incremental < 500 ? 'met' : 'NOT met'}`,
    );
  } finally {
    await embedded.close();
  }
}
