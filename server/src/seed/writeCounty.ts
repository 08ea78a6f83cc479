import type { Sql } from '../db/database.js';
import { assignGroupCodes } from '../domain/groupCode.js';
import { bulkInsert } from './bulkInsert.js';
import type { CountyPlan } from './countyPlan.js';
import type { SeededRandom } from './seededRandom.js';
import { settlementHouseholds, type HouseholdRow } from './settlementHouseholds.js';
import { settlementStreets, type StreetRow } from './settlementStreets.js';
import { groupName } from './syntheticNames.js';
import { villageCameras, type CameraRow } from './villageCameras.js';
import { VillageGroupIndex, type CodedGroup } from './villageGroupIndex.js';
import { villagePatrols, type PatrolRow } from './villagePatrols.js';
import { villageTeam, type GridRoleRow, type HouseholdLinkRow, type MemberRow } from './villageTeam.js';

/** Rows one county wrote, per table. */
export interface CountyRowCounts {
  divisions: number;
  grids: number;
  members: number;
  grid_roles: number;
  streets: number;
  households: number;
  household_links: number;
  cameras: number;
  patrols: number;
}

export interface CountyWrite {
  /** The county's own division record: its type, and the division above it. */
  division: { type: string; parentCode: string };
  /** The grid above the county's (the prefecture); null when the county is the top grid. */
  parentGridCode: string | null;
  /** Draws people, teams, streets, cameras and patrols. */
  people: SeededRandom;
  now: Date;
  /** ISO instant every grid and role is valid from. */
  validFrom: string;
  /** The first free ids: members and households are numbered by the generator. */
  firstIds: { household: number; member: number };
}

/**
 * Writes one planned county — its divisions, grids of every level, teams, streets, households,
 * links, cameras and patrols — with bulk inserts in the caller's transaction.
 */
export async function writeCounty(sql: Sql, plan: CountyPlan, write: CountyWrite): Promise<CountyRowCounts> {
  const { now, validFrom } = write;
  const divisionRows = [
    {
      code: plan.code,
      name: plan.name,
      level: 'county',
      type: write.division.type,
      parent_code: write.division.parentCode,
    },
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
  const counts: Partial<CountyRowCounts> = {};
  counts.divisions = await insertDivisions(sql, divisionRows);

  const upperGrids = [
    {
      code: plan.code,
      level: 'county',
      name: plan.name,
      parent_code: write.parentGridCode,
      geom: JSON.stringify(plan.geometry),
    },
    ...plan.towns.flatMap((town) => [
      { code: town.code, level: 'town', name: town.name, parent_code: plan.code, geom: JSON.stringify(town.geometry) },
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
  counts.grids = await insertGrids(sql, [...upperGrids, ...groupGrids], validFrom);

  const people = write.people;
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
      const villageHouseholds = settlementHouseholds(
        village,
        index,
        people,
        write.firstIds.household + households.length,
      );
      const team = villageTeam(
        village,
        groups,
        villageHouseholds.map((h) => h.id),
        people,
        write.firstIds.member + members.length,
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

  counts.members = await bulkInsert(
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
    'member_id, name, phone, phone_public',
    'id bigint, name text, phone text, phone_public boolean',
    'id, name, phone, phone_public',
    members,
  );
  counts.grid_roles = await bulkInsert(
    sql,
    'grid_roles',
    'grid_code, member_id, role, since',
    'grid_code text, member_id bigint, role text',
    `grid_code, member_id, role, ${dateLiteral(validFrom)}`,
    roles,
  );
  counts.streets = await bulkInsert(
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
  counts.households = await bulkInsert(
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
  counts.household_links = await bulkInsert(
    sql,
    'household_links',
    'household_id, member_id, since',
    'household_id bigint, member_id bigint',
    `household_id, member_id, ${dateLiteral(validFrom)}`,
    links,
  );
  counts.cameras = await bulkInsert(
    sql,
    'cameras',
    'id, name, site, status, last_seen, town_code, village_code, group_code, geom',
    'id text, name text, site text, status text, last_seen timestamptz, town_code text, village_code text, group_code text, lon float8, lat float8',
    'id, name, site, status, last_seen, town_code, village_code, group_code, ST_SetSRID(ST_MakePoint(lon, lat), 4326)',
    cameras,
  );
  counts.patrols = await bulkInsert(
    sql,
    'patrols',
    'town_code, village_code, day, slot, done_at, member_id, cameras_viewed',
    'town_code text, village_code text, day date, slot text, done_at timestamptz, member_id bigint, cameras_viewed integer',
    'town_code, village_code, day, slot, done_at, member_id, cameras_viewed',
    patrols,
  );
  return counts as CountyRowCounts;
}

export function insertDivisions(sql: Sql, rows: readonly object[]): Promise<number> {
  return bulkInsert(
    sql,
    'divisions',
    'code, name, level, type, parent_code',
    'code text, name text, level text, type text, parent_code text',
    'code, name, level, type, parent_code',
    rows,
  );
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
export async function insertGrids(sql: Sql, rows: object[], validFrom: string): Promise<number> {
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
export function dateLiteral(iso: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(iso)) throw new RangeError(`not an ISO timestamp: ${iso}`);
  return `'${iso}'::timestamptz`;
}
