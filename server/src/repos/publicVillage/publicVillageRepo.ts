import type { Sql } from '../../db/database.js';
import { sqlPart, sqlRaw } from '../../db/sqlQuery.js';
import type { MonthCount } from '../../domain/publicMonths.js';
import type {
  PublicGroup,
  PublicPerson,
  PublicRole,
  PublicStreet,
  PublicVillageReply,
} from '../../contract/publicVillage.js';
import { maskedNameSql } from '../sql/personalDataSql.js';
import { gridParents } from '../grids/gridRepo.js';

/**
 * What the village's public page shows (一村一码), read through the village's own code only: every
 * query is bounded by `village_code` or the village's groups, so nothing of another village can
 * enter, and no query touches households or their private rows. A member's full name and phone
 * leave the database only where `member_private.phone_public` (migration 013) is true.
 */

/** Outlines on a phone screen: ~3 m tolerance (degrees of latitude), a fraction of a pixel there. */
const outlineSimplifyDegrees = 3 / 111_320;

type MultiPolygon = PublicGroup['outline'];

export type PublicVillageCore = Omit<PublicVillageReply, 'caseCountsByMonth' | 'links'>;

function outlineJson(alias: 'v' | 'g') {
  const geom = sqlRaw(`${alias}.geom`);
  return sqlPart`ST_AsGeoJSON(ST_ForcePolygonCCW(ST_Multi(ST_SimplifyPreserveTopology(${geom}, ${outlineSimplifyDegrees}::float8))), 6)`;
}

/** A member's name as published (`p`: their member_private row): full when their contact is public, else masked. */
const publishedName = sqlPart`CASE WHEN p.phone_public THEN p.name ELSE ${maskedNameSql('p.name')} END`;

/** The village, its place in the hierarchy, groups, people and streets; null when no current village has the code. */
export async function publicVillage(sql: Sql, code: string): Promise<PublicVillageCore | null> {
  const [village] = await sql.query<{ code: string; name: string; outline: string }>(sqlPart`
    SELECT v.code, v.name, ${outlineJson('v')} AS outline
    FROM grids v WHERE v.code = ${code} AND v.level = 'village' AND v.valid_to IS NULL`);
  if (!village) return null;
  const [parents, groups, people, streets] = await Promise.all([
    gridParents(sql, code),
    villageGroups(sql, code),
    villagePeople(sql, code),
    villageStreets(sql, code),
  ]);
  const town = parents.find((parent) => parent.level === 'town');
  const county = parents.find((parent) => parent.level === 'county');
  if (!town || !county) throw new Error(`village ${code} has no current town or county above it`);
  return {
    code: village.code,
    name: village.name,
    town: { code: town.code, name: town.name },
    county: { code: county.code, name: county.name },
    outline: JSON.parse(village.outline) as MultiPolygon,
    groups,
    people,
    streets,
  };
}

async function villageGroups(sql: Sql, village: string): Promise<PublicGroup[]> {
  const rows = await sql.query<{ code: string; name: string; outline: string }>(sqlPart`
    SELECT g.code, g.name, ${outlineJson('g')} AS outline
    FROM grids g
    WHERE g.parent_code = ${village} AND g.level = 'group' AND g.valid_to IS NULL
    ORDER BY g.code`);
  return rows.map((row) => ({ code: row.code, name: row.name, outline: JSON.parse(row.outline) as MultiPolygon }));
}

const roleOrder: readonly PublicRole[] = ['grid_head', 'grid_staff', 'street_chief'];

/**
 * Grid heads and grid staff of the village's groups, and the chiefs of its streets (one entry per
 * chief and group). Only active members; a member holding several posts appears once per post.
 */
async function villagePeople(sql: Sql, village: string): Promise<PublicPerson[]> {
  const rows = await sql.query<{
    role: PublicRole;
    member_id: number;
    name: string;
    phone: string | null;
    grid_code: string;
    grid_name: string;
  }>(sqlPart`
    WITH posts AS (
      SELECT r.role, r.member_id, r.grid_code
      FROM grid_roles r JOIN grids g ON g.code = r.grid_code AND g.valid_to IS NULL
      WHERE g.parent_code = ${village} AND g.level = 'group' AND r.until IS NULL
        AND r.role IN ('grid_head', 'grid_staff')
      UNION
      SELECT 'street_chief', s.chief_id, s.group_code
      FROM streets s WHERE s.village_code = ${village} AND s.chief_id IS NOT NULL
    )
    SELECT posts.role, posts.member_id, ${publishedName} AS name,
      CASE WHEN p.phone_public THEN p.phone END AS phone,
      g.code AS grid_code, g.name AS grid_name
    FROM posts
      JOIN members m ON m.id = posts.member_id AND m.active
      JOIN member_private p ON p.member_id = m.id
      JOIN grids g ON g.code = posts.grid_code AND g.valid_to IS NULL`);
  return rows
    .sort(
      (a, b) =>
        a.grid_code.localeCompare(b.grid_code) ||
        roleOrder.indexOf(a.role) - roleOrder.indexOf(b.role) ||
        Number(a.member_id) - Number(b.member_id),
    )
    .map((row) => ({
      role: row.role,
      name: row.name,
      grid: { code: row.grid_code, name: row.grid_name },
      phone: row.phone,
    }));
}

async function villageStreets(sql: Sql, village: string): Promise<PublicStreet[]> {
  const rows = await sql.query<{ name: string; group_code: string; chief_name: string | null }>(sqlPart`
    SELECT s.name, s.group_code,
      (SELECT ${publishedName} FROM member_private p JOIN members m ON m.id = p.member_id AND m.active
       WHERE p.member_id = s.chief_id) AS chief_name
    FROM streets s WHERE s.village_code = ${village}
    ORDER BY s.name, s.id`);
  return rows.map((row) => ({ name: row.name, groupCode: row.group_code, chiefName: row.chief_name }));
}

/** Cases reported (voided ones left out) and closed per China month since `since`, months with none absent. */
export async function villageCaseMonths(sql: Sql, village: string, since: Date): Promise<MonthCount[]> {
  const from = since.toISOString();
  const rows = await sql<{ month: string; reported: number; closed: number }>`
    WITH reported AS (
      SELECT to_char((k.reported_at AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM') AS month, count(*)::int AS n
      FROM cases k
      WHERE k.village_code = ${village} AND k.reported_at >= ${from}::timestamptz AND k.status <> 'voided'
      GROUP BY 1
    ), closed AS (
      SELECT to_char((k.closed_at AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM') AS month, count(*)::int AS n
      FROM cases k
      WHERE k.village_code = ${village} AND k.closed_at >= ${from}::timestamptz AND k.status = 'closed'
      GROUP BY 1
    )
    SELECT coalesce(r.month, c.month) AS month, coalesce(r.n, 0) AS reported, coalesce(c.n, 0) AS closed
    FROM reported r FULL JOIN closed c ON c.month = r.month`;
  return rows.map((row) => ({ month: row.month, reported: Number(row.reported), closed: Number(row.closed) }));
}
