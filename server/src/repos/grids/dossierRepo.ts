import type { Sql } from '../../db/database.js';
import { sqlPart, sqlRaw } from '../../db/sqlQuery.js';
import type { GridCode, GridLevel, GridScope } from '../../domain/gridCode.js';
import { linkQuotaCheck, type LinkRole } from '../../domain/linkQuota.js';
import { emptyRollup, gridRollups, linkLoads } from '../rollups/gridRollupRepo.js';
import { shareOf } from '../../domain/kpiPeriod.js';
import type { Bbox } from '../../contract/grids.js';
import type {
  DossierCameras,
  DossierLinkQuota,
  DossierStreets,
  DossierTeam,
  TeamRole,
} from '../../contract/dossier.js';
import { gridScopeCondition, isoTimestampSql } from '../sql/gridScopeSql.js';
import { maskedNameSql } from '../sql/personalDataSql.js';

/**
 * The parts of the grid dossier (issue #4) that list people, streets and cameras. Every list reads
 * its table through the grid's indexed scope column (or the grid's own code) and stops at its
 * limit; totals come from the rollups (migration 010), so no part reads everything below a county
 * or prefecture. Names are masked in SQL; phones are never read.
 */

/** The roles a grid of each level should have (DOMAIN.md "The grid"; local worthies are optional). */
export const expectedTeamRoles: Readonly<Record<GridLevel, readonly TeamRole[]>> = {
  prefecture: [],
  county: [],
  town: [],
  village: ['village_cadre'],
  group: ['grid_head', 'grid_staff', 'party_group_head'],
};

const teamRoleOrder: readonly TeamRole[] = [
  'grid_head',
  'grid_staff',
  'party_group_head',
  'village_cadre',
  'local_worthy',
];

/** Street list and offline camera list caps: the panel lists, the map shows the rest. */
export const STREET_LIST_LIMIT = 300;
export const OFFLINE_LIST_LIMIT = 100;

/** `[west, south, east, north]` of the geometry of a table alias chosen by the query, 6 decimals. */
export function bboxColumns(alias: 'g' | 's' | 'k') {
  const geom = sqlRaw(`${alias}.geom`);
  return sqlPart`round(ST_XMin(${geom})::numeric, 6)::float8 AS west,
    round(ST_YMin(${geom})::numeric, 6)::float8 AS south,
    round(ST_XMax(${geom})::numeric, 6)::float8 AS east,
    round(ST_YMax(${geom})::numeric, 6)::float8 AS north`;
}

export interface BboxRow {
  west: number;
  south: number;
  east: number;
  north: number;
}

export function bboxOf(row: BboxRow): Bbox {
  return [row.west, row.south, row.east, row.north];
}

export async function gridBbox(sql: Sql, code: string): Promise<Bbox> {
  const rows = await sql<BboxRow>`
    SELECT ${bboxColumns('g')} FROM grids g WHERE g.code = ${code} AND g.valid_to IS NULL`;
  const row = rows[0];
  if (!row) throw new Error(`grid ${code} vanished while its dossier was read`);
  return bboxOf(row);
}

/**
 * A member's masked name as a correlated lookup: one primary-key probe per listed row, where a join
 * could let the planner hash the whole member_private table (a cost that follows the county).
 */
function maskedMemberName(memberId: string) {
  return sqlPart`(SELECT ${maskedNameSql('p.name')} FROM member_private p WHERE p.member_id = ${sqlRaw(memberId)})`;
}

/** The member a household is linked to, or NULL: a primary-key probe per household (see maskedMemberName). */
export function linkedMemberOf(householdId: string) {
  return sqlPart`(SELECT l.member_id FROM household_links l WHERE l.household_id = ${sqlRaw(householdId)})`;
}

export async function gridTeam(sql: Sql, grid: GridCode): Promise<DossierTeam> {
  const rows = await sql<{ role: TeamRole; member_id: number; name: string; since: string }>`
    SELECT r.role, r.member_id, ${maskedMemberName('r.member_id')} AS name, to_char(r.since, 'YYYY-MM-DD') AS since
    FROM grid_roles r
    WHERE r.grid_code = ${grid.code} AND r.until IS NULL`;
  const members = rows
    .map((row) => ({ role: row.role, memberId: Number(row.member_id), name: row.name, since: row.since }))
    .sort((a, b) => teamRoleOrder.indexOf(a.role) - teamRoleOrder.indexOf(b.role) || a.memberId - b.memberId);
  const expected = [...expectedTeamRoles[grid.level]];
  const held = new Set(members.map((member) => member.role));
  return { members, expected, missing: expected.filter((role) => !held.has(role)) };
}

/**
 * The grid's streets: its totals from the rollup, the list in name order through the scope column
 * (a town or smaller) or the name index (a county or prefecture stops after the first rows in scope).
 */
export async function gridStreets(sql: Sql, grid: GridCode): Promise<DossierStreets> {
  const [rows, rollups] = await Promise.all([
    sql<
      BboxRow & {
        id: number;
        name: string;
        group_code: string;
        chief_id: number | null;
        chief: string | null;
        length_m: number;
      }
    >`
      SELECT s.id, s.name, s.group_code, s.chief_id, ${maskedMemberName('s.chief_id')} AS chief,
        round(s.length_m)::float8 AS length_m, ${bboxColumns('s')}
      FROM streets s
      WHERE ${gridScopeCondition('s', grid.scope)}
      ORDER BY s.name, s.id
      LIMIT ${STREET_LIST_LIMIT}`,
    gridRollups(sql, [grid.code]),
  ]);
  const totals = rollups.get(grid.code) ?? emptyRollup;
  return {
    total: totals.streets,
    totalLengthM: totals.streetLengthM,
    withoutChief: totals.streetsWithoutChief,
    list: rows.map((row) => ({
      id: Number(row.id),
      name: row.name,
      groupCode: row.group_code,
      chief: row.chief_id === null ? null : { memberId: Number(row.chief_id), name: row.chief ?? '' },
      lengthM: row.length_m,
      bbox: bboxOf(row),
    })),
    truncated: totals.streets > rows.length,
  };
}

/**
 * The responsible members a grid lists with their link quota: a village's active members; a
 * group's members who link one of its households or hold one of its roles. Towns and above
 * only count verdicts (hundreds to thousands of people are a table for export, not a panel).
 */
export async function gridLinkQuota(sql: Sql, grid: GridCode): Promise<DossierLinkQuota> {
  if (grid.level !== 'village' && grid.level !== 'group') return linkQuotaCounts(sql, grid);
  // Who is listed, with how many of the grid's households each links.
  const listed =
    grid.level === 'village'
      ? sqlPart`SELECT m.id, coalesce(g.n, 0) AS n
          FROM members m LEFT JOIN in_grid g ON g.member_id = m.id
          WHERE m.village_code = ${grid.code} AND m.active`
      : sqlPart`SELECT id, sum(n) AS n FROM (
            SELECT member_id AS id, n FROM in_grid
            UNION ALL SELECT r.member_id, 0 FROM grid_roles r WHERE r.grid_code = ${grid.code} AND r.until IS NULL
          ) AS holders GROUP BY id`;
  const rows = await sql<{
    id: number;
    name: string;
    link_role: LinkRole;
    party_member: boolean;
    linked: number;
    linked_in_grid: number;
  }>`
    WITH grid_links AS MATERIALIZED (
      SELECT ${linkedMemberOf('h.id')} AS member_id FROM households h WHERE ${gridScopeCondition('h', grid.scope)}
    ), in_grid AS MATERIALIZED (
      SELECT member_id, count(*) AS n FROM grid_links WHERE member_id IS NOT NULL GROUP BY member_id
    ), listed AS (${listed})
    SELECT m.id, ${maskedMemberName('m.id')} AS name, m.link_role, m.party_member,
      (SELECT count(*) FROM household_links l WHERE l.member_id = m.id) AS linked,
      listed.n AS linked_in_grid
    FROM listed
    -- LIMIT keeps this a primary-key probe per listed member: a join may hash every member of the county.
    CROSS JOIN LATERAL (SELECT * FROM members m WHERE m.id = listed.id LIMIT 1) AS m`;
  const members = rows.map((row) => {
    const check = linkQuotaCheck(row.link_role, row.linked);
    return {
      memberId: Number(row.id),
      name: row.name,
      linkRole: row.link_role,
      partyMember: row.party_member,
      quota: check.quota,
      linked: check.linked,
      linkedInGrid: Number(row.linked_in_grid),
      difference: check.difference,
      verdict: check.verdict,
    };
  });
  const verdictOrder = { under: 0, over: 1, met: 2 } as const;
  members.sort((a, b) => verdictOrder[a.verdict] - verdictOrder[b.verdict] || a.memberId - b.memberId);
  const count = (verdict: keyof typeof verdictOrder) => members.filter((m) => m.verdict === verdict).length;
  return { members, listed: true, under: count('under'), met: count('met'), over: count('over') };
}

/**
 * The verdict counts of the active members of a town, county or prefecture (members carry
 * town_code), from the rollup's histogram of members by link role and number of links.
 */
async function linkQuotaCounts(sql: Sql, grid: GridCode): Promise<DossierLinkQuota> {
  const counts = { under: 0, met: 0, over: 0 };
  for (const load of await linkLoads(sql, grid.code)) {
    counts[linkQuotaCheck(load.linkRole, load.linked).verdict] += load.members;
  }
  return { members: [], listed: false, ...counts };
}

export async function gridCameras(
  sql: Sql,
  scope: GridScope,
  totals: { cameras: number; camerasOnline: number },
): Promise<DossierCameras> {
  const rows = await sql<{ id: string; name: string; group_code: string; last_seen: string; lon: number; lat: number }>`
    SELECT c.id, c.name, c.group_code, ${isoTimestampSql('c.last_seen')} AS last_seen,
      round(ST_X(c.geom)::numeric, 6)::float8 AS lon, round(ST_Y(c.geom)::numeric, 6)::float8 AS lat
    FROM cameras c WHERE ${gridScopeCondition('c', scope)} AND c.status = 'offline'
    ORDER BY c.last_seen, c.id
    LIMIT ${OFFLINE_LIST_LIMIT}`;
  const offline = totals.cameras - totals.camerasOnline;
  return {
    total: totals.cameras,
    online: totals.camerasOnline,
    offline,
    onlineRate: shareOf(totals.camerasOnline, totals.cameras),
    offlineList: rows.map((row) => ({
      id: row.id,
      name: row.name,
      groupCode: row.group_code,
      lastSeen: row.last_seen,
      lon: row.lon,
      lat: row.lat,
    })),
    offlineTruncated: offline > rows.length,
  };
}
