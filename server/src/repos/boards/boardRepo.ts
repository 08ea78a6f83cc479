import type { Sql } from '../../db/database.js';
import { sqlPart, sqlRaw, type SqlQuery } from '../../db/sqlQuery.js';
import { descendantCodeRange, type GridCode, type GridLevel } from '../../domain/gridCode.js';
import { linkMemberDuty, streetChiefDuty, type BoardPerson, type BoardPost } from '../../domain/boards/boardPeople.js';
import type { BoardGrid, GroupBoardContent, Outline, VillageBoardContent } from '../../domain/boards/boardContent.js';
import { gridParents } from '../grids/gridRepo.js';
import { bboxColumns, type BboxRow } from '../grids/dossierRepo.js';
import { gridRollups, emptyRollup } from '../rollups/gridRollupRepo.js';

/**
 * What notice boards print (一格一图), read per page so a town's PDF streams page by page. Names of
 * responsible people are read in full — boards publish them — and nothing of households but their
 * count. Every list goes through an indexed column of the one grid the page is about.
 */

/** Neighbours drawn in grey around a group: those within 60 % of its size around it, at most this many. */
const NEIGHBOUR_LIMIT = 80;

/**
 * A member's phone where a county administrator published it (migration 013
 * member_private.phone_public, false by default), else NULL: the board then prints
 * 服务电话未公开 (boardPeople.UNPUBLISHED_PHONE). A primary-key probe per row.
 */
function publishedPhoneSql(memberId: string): SqlQuery {
  return sqlPart`(SELECT CASE WHEN p.phone_public THEN p.phone END FROM member_private p WHERE p.member_id = ${sqlRaw(memberId)})`;
}

/** A member's name as boards publish it: one primary-key probe per row (see dossierRepo.maskedMemberName). */
function memberNameSql(memberId: string): SqlQuery {
  return sqlPart`(SELECT p.name FROM member_private p WHERE p.member_id = ${sqlRaw(memberId)})`;
}

/** The current villages and groups inside a town, village or group (itself included), by code. */
export async function boardGridCodes(sql: Sql, target: GridCode): Promise<{ code: string; level: GridLevel }[]> {
  const villages = target.level === 'town' ? descendantCodeRange(target, 'village') : null;
  const groups = target.level === 'group' ? null : descendantCodeRange(target, 'group');
  const ranges: SqlQuery[] = [sqlPart`g.code = ${target.code}`];
  if (villages) ranges.push(sqlPart`g.code BETWEEN ${villages.from} AND ${villages.to}`);
  if (groups) ranges.push(sqlPart`g.code BETWEEN ${groups.from} AND ${groups.to}`);
  const where = ranges.reduce((all, range) => sqlPart`${all} OR ${range}`);
  return sql<{ code: string; level: GridLevel }>`
    SELECT g.code, g.level FROM grids g
    WHERE g.valid_to IS NULL AND g.level IN ('village', 'group') AND (${where})
    ORDER BY g.code`;
}

async function boardGrid(sql: Sql, code: string): Promise<BoardGrid & { villageName: string | null }> {
  const [rows, parents] = await Promise.all([
    sql<BboxRow & { code: string; name: string; outline: string }>`
      SELECT g.code, g.name, ST_AsGeoJSON(g.geom, 6) AS outline, ${bboxColumns('g')}
      FROM grids g WHERE g.code = ${code} AND g.valid_to IS NULL`,
    gridParents(sql, code),
  ]);
  const row = rows[0];
  if (!row) throw new Error(`grid ${code} vanished while its board was read`);
  return {
    code: row.code,
    name: row.name,
    parents: parents.map(({ name, level }) => ({ name, level })),
    outline: multiPolygonOf(row.outline),
    bbox: [row.west, row.south, row.east, row.north],
    villageName: parents.find((parent) => parent.level === 'village')?.name ?? null,
  };
}

interface LabelRow {
  label_lon: number;
  label_lat: number;
}

/** A point inside a grid (its stored label point, else one on its surface) for its label. */
function labelColumns(alias: 'g' | 'n'): SqlQuery {
  const point = sqlRaw(`coalesce(${alias}.label_point, ST_PointOnSurface(${alias}.geom))`);
  return sqlPart`ST_X(${point}) AS label_lon, ST_Y(${point}) AS label_lat`;
}

function multiPolygonOf(geojson: string): Outline {
  const geometry = JSON.parse(geojson) as { type: string; coordinates: unknown };
  if (geometry.type === 'Polygon') return [geometry.coordinates as number[][][]];
  return geometry.coordinates as Outline;
}

/** A group's board: outline, grey neighbours, streets with their chiefs, cameras, people, households. */
export async function groupBoardContent(sql: Sql, code: string): Promise<GroupBoardContent> {
  const villageCode = code.slice(0, 12);
  const [grid, neighbours, streets, cameras, roles, linkers, rollups] = await Promise.all([
    boardGrid(sql, code),
    sql<{ code: string; name: string; village: string | null; outline: string } & LabelRow>`
      SELECT n.code, n.name, ST_AsGeoJSON(n.geom, 6) AS outline, ${labelColumns('n')},
        CASE WHEN n.parent_code <> t.parent_code
          THEN (SELECT v.name FROM grids v WHERE v.code = n.parent_code AND v.valid_to IS NULL) END AS village
      FROM grids t
      JOIN grids n ON n.valid_to IS NULL AND n.level = 'group' AND n.code <> t.code
        AND n.geom && ST_Expand(t.geom::box2d,
          0.6 * (ST_XMax(t.geom) - ST_XMin(t.geom)), 0.6 * (ST_YMax(t.geom) - ST_YMin(t.geom)))
      WHERE t.code = ${code} AND t.valid_to IS NULL
      ORDER BY n.code
      LIMIT ${NEIGHBOUR_LIMIT}`,
    sql<{
      id: number;
      name: string;
      chief_id: number | null;
      chief: string | null;
      chief_phone: string | null;
      line: string;
    }>`
      SELECT s.id, s.name, s.chief_id, ${memberNameSql('s.chief_id')} AS chief,
        ${publishedPhoneSql('s.chief_id')} AS chief_phone, ST_AsGeoJSON(s.geom, 6) AS line
      FROM streets s WHERE s.group_code = ${code}
      ORDER BY s.name, s.id`,
    sql<{ lon: number; lat: number }>`
      SELECT ST_X(c.geom) AS lon, ST_Y(c.geom) AS lat FROM cameras c WHERE c.group_code = ${code} ORDER BY c.id`,
    sql<{ role: BoardPost; member_id: number; name: string | null; phone: string | null }>`
      SELECT r.role, r.member_id, ${memberNameSql('r.member_id')} AS name, ${publishedPhoneSql('r.member_id')} AS phone
      FROM grid_roles r
      WHERE r.until IS NULL
        AND (r.grid_code = ${code} OR r.grid_code = ${villageCode} AND r.role = 'village_cadre')
      ORDER BY r.id`,
    sql<{ member_id: number; households: number; name: string | null; phone: string | null }>`
      SELECT x.member_id, x.households, ${memberNameSql('x.member_id')} AS name, ${publishedPhoneSql('x.member_id')} AS phone
      FROM (
        SELECT l.member_id, count(*)::int AS households
        FROM households h JOIN household_links l ON l.household_id = h.id
        WHERE h.group_code = ${code}
        GROUP BY l.member_id
      ) AS x
      WHERE EXISTS (SELECT 1 FROM members m WHERE m.id = x.member_id AND m.party_member AND m.active)
      ORDER BY x.households DESC, x.member_id`,
    gridRollups(sql, [code]),
  ]);
  const people: BoardPerson[] = roles
    .filter((row) => row.name !== null)
    .map((row) => ({ post: row.role, name: row.name!, publishedPhone: row.phone, duty: null }));
  // One row per street chief, naming every street they answer for.
  const chiefs = new Map<number, { name: string; phone: string | null; streets: string[] }>();
  for (const street of streets) {
    if (street.chief_id === null || street.chief === null) continue;
    const chief = chiefs.get(Number(street.chief_id)) ?? { name: street.chief, phone: street.chief_phone, streets: [] };
    chief.streets.push(street.name);
    chiefs.set(Number(street.chief_id), chief);
  }
  for (const chief of chiefs.values()) {
    people.push({
      post: 'street_chief',
      name: chief.name,
      publishedPhone: chief.phone,
      duty: streetChiefDuty(chief.streets),
    });
  }
  for (const linker of linkers) {
    if (linker.name === null) continue;
    people.push({
      post: 'link_member',
      name: linker.name,
      publishedPhone: linker.phone,
      duty: linkMemberDuty(Number(linker.households)),
    });
  }
  return {
    grid,
    neighbours: neighbours.map((row) => ({
      code: row.code,
      label: row.village ? `${row.village}${row.name}` : row.name,
      outline: multiPolygonOf(row.outline),
      labelAt: [Number(row.label_lon), Number(row.label_lat)],
    })),
    streets: streets.map((row) => ({
      name: row.name,
      chief: row.chief,
      line: (JSON.parse(row.line) as { coordinates: number[][] }).coordinates,
    })),
    cameras: cameras.map((row) => ({ lon: Number(row.lon), lat: Number(row.lat) })),
    households: (rollups.get(code) ?? emptyRollup).households,
    people,
  };
}

/** A village's cover: its groups with their figures, its cadres and each group's grid head. */
export async function villageBoardContent(sql: Sql, code: string): Promise<VillageBoardContent> {
  const [grid, groups, people] = await Promise.all([
    boardGrid(sql, code),
    sql<{ code: string; name: string; outline: string } & LabelRow>`
      SELECT g.code, g.name, ST_AsGeoJSON(g.geom, 6) AS outline, ${labelColumns('g')}
      FROM grids g WHERE g.parent_code = ${code} AND g.valid_to IS NULL AND g.level = 'group'
      ORDER BY g.code`,
    sql<{ role: BoardPost; grid_code: string; group_name: string | null; name: string | null; phone: string | null }>`
      SELECT r.role, r.grid_code, ${memberNameSql('r.member_id')} AS name, ${publishedPhoneSql('r.member_id')} AS phone,
        (SELECT g.name FROM grids g WHERE g.code = r.grid_code AND g.valid_to IS NULL AND g.level = 'group') AS group_name
      FROM grid_roles r
      WHERE r.until IS NULL AND (
        r.grid_code = ${code} AND r.role = 'village_cadre'
        OR r.grid_code IN (SELECT g.code FROM grids g WHERE g.parent_code = ${code} AND g.valid_to IS NULL)
          AND r.role = 'grid_head')
      ORDER BY r.grid_code, r.id`,
  ]);
  const rollups = await gridRollups(sql, [code, ...groups.map((group) => group.code)]);
  const figures = (grid: string) => rollups.get(grid) ?? emptyRollup;
  return {
    grid,
    groups: groups.map((group) => ({
      code: group.code,
      name: group.name,
      outline: multiPolygonOf(group.outline),
      labelAt: [Number(group.label_lon), Number(group.label_lat)],
      households: figures(group.code).households,
      streets: figures(group.code).streets,
      cameras: figures(group.code).cameras,
    })),
    households: figures(code).households,
    people: people
      .filter((row) => row.name !== null)
      .map((row) => ({
        post: row.role,
        name: row.name!,
        publishedPhone: row.phone,
        duty: row.role === 'grid_head' ? (row.group_name ?? null) : null,
      })),
  };
}
