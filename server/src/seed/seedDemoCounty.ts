import type { Database, Sql } from '../db/database.js';
import { assignGroupCodes } from '../domain/groupCode.js';
import { bulkInsert } from './bulkInsert.js';
import { demoCaseCategories } from './caseCategories.js';
import { planCounty, type CountyPlan } from './countyLayout.js';
import { readGaotaiDivisions, readGaotaiOutline, type DivisionRecord } from './gaotaiReference.js';
import type { Polygon } from 'geojson';
import { seedCases } from './seedCases.js';
import { seedDemoAccounts } from './demoAccounts.js';
import { SeededRandom } from './seededRandom.js';
import { settlementHouseholds, type HouseholdRow } from './settlementHouseholds.js';
import { settlementStreets, type StreetRow } from './settlementStreets.js';
import { groupName } from './syntheticNames.js';
import { villageCameras, type CameraRow } from './villageCameras.js';
import { VillageGroupIndex, type CodedGroup } from './villageGroupIndex.js';
import { villagePatrols, type PatrolRow } from './villagePatrols.js';
import { villageTeam, type GridRoleRow, type HouseholdLinkRow, type MemberRow } from './villageTeam.js';

export interface SeedOptions {
  /** County size multiplier for benchmarks (integer 1–30); 1 is the demo. */
  scale?: number;
  /** PRNG seed; the same seed gives the same county. Default 620724. */
  seed?: number;
  /** The moment the demo is generated relative to (patrols, camera last_seen, cases). Default now. */
  now?: Date;
  /** Another county than Gaotai (the prefecture demo): its divisions, outline and size. */
  county?: CountySource;
  /** Add the demo's sign-in accounts (default true; the prefecture demo adds its own at the end). */
  accounts?: boolean;
}

/** What a county is generated from. */
export interface CountySource {
  /** The county's record first, then its towns and villages (gaotai-divisions.json's shape). */
  divisions: DivisionRecord[];
  outline: Polygon;
  /** Households at scale 1. */
  households: number;
  /** The prefecture grid above the county; null when the county is the top grid. */
  parentCode: string | null;
}

/** Rows written per table, plus the time taken. */
export interface SeedSummary {
  divisions: number;
  grids: number;
  members: number;
  grid_roles: number;
  streets: number;
  households: number;
  household_links: number;
  cameras: number;
  patrols: number;
  case_categories: number;
  cases: number;
  case_steps: number;
  milliseconds: number;
}

/** Households at scale 1 (Gaotai has ~140–150k people, a little over 3 per household). */
const demoHouseholds = 45_000;

/** The tables the seed fills, children first (for `--reset`). */
export const seededTables = [
  'case_steps',
  'cases',
  'case_categories',
  'patrols',
  'cameras',
  'household_links',
  'household_private',
  'households',
  'streets',
  'grid_roles',
  'member_private',
  'members',
  'grids',
  'divisions',
  'events',
] as const;

export async function hasGrids(db: Database): Promise<boolean> {
  const rows = await db.sql<{ present: boolean }>`SELECT EXISTS (SELECT 1 FROM grids) AS present`;
  return rows[0]?.present === true;
}

/** Empties every table the seed fills (identity counters restart). */
export async function clearSeededTables(db: Database): Promise<void> {
  await db.sql.exec(`TRUNCATE ${seededTables.join(', ')} RESTART IDENTITY CASCADE`);
}

/**
 * Generates the synthetic Gaotai demo county (see data/reference/README.md: real names and codes,
 * invented geometry and people) and stores it in one transaction. Deterministic for a given seed,
 * scale and `now`.
 */
export async function seedDemoCounty(db: Database, options: SeedOptions = {}): Promise<SeedSummary> {
  const started = performance.now();
  const scale = options.scale ?? 1;
  const now = options.now ?? new Date();
  const random = new SeededRandom(options.seed ?? 620724);
  const source = options.county ?? {
    divisions: readGaotaiDivisions(),
    outline: readGaotaiOutline(),
    households: demoHouseholds,
    parentCode: null,
  };
  const divisions = source.divisions;
  const plan = planCounty(source.outline, divisions, random.fork(), { scale, households: source.households });
  const validFrom = new Date(now.getTime() - 400 * 86_400_000).toISOString();

  return db.transaction(async (sql) => {
    const county = divisions.find((record) => record.level === 'county')!;
    // Another county may be in the database already (the prefecture demo): ids continue after it.
    const [firstIds] = await sql<{ household: number; member: number }>`
      SELECT (SELECT coalesce(max(id), 0) FROM households)::int + 1 AS household,
        (SELECT coalesce(max(id), 0) FROM members)::int + 1 AS member`;
    const divisionRows = [
      { code: county.code, name: county.name, level: 'county', type: county.type, parent_code: county.parentCode },
      ...plan.towns.flatMap((town) => [
        { code: town.code, name: town.name, level: 'town', type: town.type, parent_code: plan.code },
        ...town.villages.map((village) => ({
          code: village.code,
          name: village.name,
          level: 'village',
          type: village.type,
          parent_code: town.code,
        })),
      ]),
    ];
    const summary: Partial<SeedSummary> = {};
    summary.divisions = await bulkInsert(
      sql,
      'divisions',
      'code, name, level, type, parent_code',
      'code text, name text, level text, type text, parent_code text',
      'code, name, level, type, parent_code',
      divisionRows,
    );

    const upperGrids = [
      {
        code: plan.code,
        level: 'county',
        name: plan.name,
        parent_code: source.parentCode,
        geom: JSON.stringify(plan.geometry),
      },
      ...plan.towns.flatMap((town) => [
        {
          code: town.code,
          level: 'town',
          name: town.name,
          parent_code: plan.code,
          geom: JSON.stringify(town.geometry),
        },
        ...town.villages.map((village) => ({
          code: village.code,
          level: 'village',
          name: village.name,
          parent_code: town.code,
          geom: JSON.stringify(village.geometry),
        })),
      ]),
    ];
    const groupsByVillage = await codeGroups(sql, plan);
    const groupGrids = plan.towns.flatMap((town) =>
      town.villages.flatMap((village) =>
        groupsByVillage.get(village.code)!.map((group) => ({
          code: group.code,
          level: 'group',
          name: group.name,
          parent_code: village.code,
          geom: JSON.stringify(group.geometry),
        })),
      ),
    );
    summary.grids = await insertGrids(sql, [...upperGrids, ...groupGrids], validFrom);

    const people = random.fork();
    const households: HouseholdRow[] = [];
    const members: MemberRow[] = [];
    const roles: GridRoleRow[] = [];
    const links: HouseholdLinkRow[] = [];
    const streets: StreetRow[] = [];
    const cameras: CameraRow[] = [];
    const patrols: PatrolRow[] = [];
    for (const town of plan.towns) {
      for (const village of town.villages) {
        const groups = groupsByVillage.get(village.code)!;
        const index = new VillageGroupIndex(village.geometry, groups);
        const villageHouseholds = settlementHouseholds(village, index, people, firstIds!.household + households.length);
        const team = villageTeam(
          village,
          groups,
          villageHouseholds.map((h) => h.id),
          people,
          firstIds!.member + members.length,
        );
        const villageStreets = settlementStreets(village, index, team.partyMemberIds, people);
        const villageCameraRows = villageCameras(
          village,
          index,
          villageStreets,
          villageHouseholds,
          people,
          cameras.length + 1,
          now,
        );
        households.push(...villageHouseholds);
        members.push(...team.members);
        roles.push(...team.roles);
        links.push(...team.links);
        streets.push(...villageStreets);
        cameras.push(...villageCameraRows);
        patrols.push(
          ...villagePatrols(town.code, village.code, team.gridStaffIds, villageCameraRows.length, people, now),
        );
      }
    }

    summary.members = await bulkInsert(
      sql,
      'members',
      'id, link_role, party_member, town_code, village_code',
      'id bigint, link_role text, party_member boolean, town_code text, village_code text',
      'id, link_role, party_member, town_code, village_code',
      members,
      { explicitIdentity: true },
    );
    await bulkInsert(
      sql,
      'member_private',
      'member_id, name, phone',
      'id bigint, name text, phone text',
      'id, name, phone',
      members,
    );
    summary.grid_roles = await bulkInsert(
      sql,
      'grid_roles',
      'grid_code, member_id, role, since',
      'grid_code text, member_id bigint, role text',
      `grid_code, member_id, role, ${dateLiteral(validFrom)}`,
      roles,
    );
    summary.streets = await bulkInsert(
      sql,
      'streets',
      'name, chief_id, town_code, village_code, group_code, geom, length_m',
      'name text, chief_id bigint, town_code text, village_code text, group_code text, coordinates json',
      'name, chief_id, town_code, village_code, group_code, g, ST_Length(g::geography)',
      streets,
      {
        lateral: `CROSS JOIN LATERAL (SELECT ST_SetSRID(ST_GeomFromGeoJSON(
          json_build_object('type', 'LineString', 'coordinates', r.coordinates)::text), 4326) AS g) AS s`,
      },
    );
    summary.households = await bulkInsert(
      sql,
      'households',
      'id, house_no, size, town_code, village_code, group_code, geom',
      'id bigint, house_no text, size smallint, town_code text, village_code text, group_code text, lon float8, lat float8',
      'id, house_no, size, town_code, village_code, group_code, ST_SetSRID(ST_MakePoint(lon, lat), 4326)',
      households,
      { explicitIdentity: true },
    );
    await bulkInsert(
      sql,
      'household_private',
      'household_id, head_name, phone, id_number',
      'id bigint, head_name text, phone text, id_number text',
      'id, head_name, phone, id_number',
      households,
    );
    summary.household_links = await bulkInsert(
      sql,
      'household_links',
      'household_id, member_id, since',
      'household_id bigint, member_id bigint',
      `household_id, member_id, ${dateLiteral(validFrom)}`,
      links,
    );
    summary.cameras = await bulkInsert(
      sql,
      'cameras',
      'id, name, site, status, last_seen, town_code, village_code, group_code, geom',
      'id text, name text, site text, status text, last_seen timestamptz, town_code text, village_code text, group_code text, lon float8, lat float8',
      'id, name, site, status, last_seen, town_code, village_code, group_code, ST_SetSRID(ST_MakePoint(lon, lat), 4326)',
      cameras,
    );
    summary.patrols = await bulkInsert(
      sql,
      'patrols',
      'town_code, village_code, day, slot, done_at, member_id, cameras_viewed',
      'town_code text, village_code text, day date, slot text, done_at timestamptz, member_id bigint, cameras_viewed integer',
      'town_code, village_code, day, slot, done_at, member_id, cameras_viewed',
      patrols,
    );
    summary.case_categories = await bulkInsert(
      sql,
      'case_categories',
      'code, name_zh, name_en, sla_days, sort',
      'code text, name_zh text, name_en text, sla_days jsonb, sort integer',
      'code, name_zh, name_en, sla_days, sort',
      demoCaseCategories,
      { onConflictDoNothing: true },
    );
    await sql`SELECT setval(pg_get_serial_sequence('members', 'id'), (SELECT max(id) FROM members))`;
    await sql`SELECT setval(pg_get_serial_sequence('households', 'id'), (SELECT max(id) FROM households))`;

    const cases = await seedCases(transactionDatabase(db, sql), {
      now,
      random: random.fork().next,
      scale: (scale * source.households) / demoHouseholds,
      countyCode: plan.code,
    });
    summary.cases = cases.cases;
    summary.case_steps = cases.steps;
    if (options.accounts ?? true) await seedDemoAccounts(sql, plan.code); // README "Accounts"
    summary.milliseconds = Math.round(performance.now() - started);
    return summary as SeedSummary;
  });
}

/**
 * Codes every group by the west→east, north→south rule on its label point, which PostGIS computes
 * (ST_PointOnSurface) so the rule holds for the stored `label_point` exactly.
 */
async function codeGroups(sql: Sql, plan: CountyPlan): Promise<Map<string, CodedGroup[]>> {
  const input = plan.towns
    .flatMap((town) =>
      town.villages.flatMap((village) => village.groups.map((group) => ({ geom: JSON.stringify(group.geometry) }))),
    )
    .map((row, ord) => ({ ...row, ord }));
  const points = await sql<{ x: number; y: number }>`
    SELECT ST_X(p) AS x, ST_Y(p) AS y
    FROM (SELECT ord, ST_PointOnSurface(ST_GeomFromGeoJSON(geom)) AS p
          FROM json_to_recordset(${JSON.stringify(input)}::text::json) AS r(geom text, ord integer)) AS s
    ORDER BY ord`;
  const byVillage = new Map<string, CodedGroup[]>();
  let offset = 0;
  for (const town of plan.towns) {
    for (const village of town.villages) {
      const labelPoints = points
        .slice(offset, offset + village.groups.length)
        .map((p) => [Number(p.x), Number(p.y)] as const);
      offset += village.groups.length;
      const codes = assignGroupCodes(village.code, labelPoints);
      byVillage.set(
        village.code,
        village.groups.map((group, index) => ({
          code: codes[index]!,
          name: groupName(Number(codes[index]!.slice(12))),
          geometry: group.geometry,
        })),
      );
    }
  }
  return byVillage;
}

/** Grids with the stored label point and geodesic area computed by PostGIS. */
async function insertGrids(sql: Sql, rows: object[], validFrom: string): Promise<number> {
  return bulkInsert(
    sql,
    'grids',
    'code, level, name, parent_code, version, status, valid_from, geom, label_point, area_m2',
    'code text, level text, name text, parent_code text, geom text',
    `code, level, name, parent_code, 1, 'published', ${dateLiteral(validFrom)}, g, ST_PointOnSurface(g), ST_Area(g::geography)`,
    rows,
    {
      // A clipped polygon GEOS finds invalid (never seen so far) is repaired rather than rejected.
      lateral: `CROSS JOIN LATERAL (SELECT ST_SetSRID(ST_GeomFromGeoJSON(r.geom), 4326) AS raw) AS v
        CROSS JOIN LATERAL (SELECT ST_Multi(CASE WHEN ST_IsValid(raw) THEN raw
          ELSE ST_CollectionExtract(ST_MakeValid(raw), 3) END) AS g) AS s`,
    },
  );
}

/** A timestamp chosen by the generator (never user input), inlined as a literal. */
function dateLiteral(iso: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(iso)) throw new RangeError(`not an ISO timestamp: ${iso}`);
  return `'${iso}'::timestamptz`;
}

/** The seed's transaction seen as a Database, for seedCases (nested transactions join this one). */
function transactionDatabase(db: Database, sql: Sql): Database {
  return {
    kind: db.kind,
    sql,
    transaction: (work) => work(sql),
    listen: (channel, onMessage, onListen) => db.listen(channel, onMessage, onListen),
    close: async () => {},
  };
}
