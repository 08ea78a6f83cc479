import type { Database } from '../../server/src/db/database.js';

/**
 * A small prefecture over the seeded demo county (issue #12): 张掖市 (620700000000) becomes the
 * root, 高台县 as seeded its first county, and 临泽县 (620723000000) a second one — a rectangle a
 * little east of 高台县's outline that is at once one town, one village and one group (each level
 * tiles its parent exactly), with one household, one street and one camera in the group. The
 * prefecture's outline is the union of the two counties, so every level partitions its parent.
 * Cases are left to the caller, which reports them through the API (serials, deadlines, events).
 */
export const PREFECTURE = '620700000000';
export const GAOTAI = '620724000000';
export const LINZE = '620723000000';
export const LINZE_TOWN = '620723100000';
export const LINZE_VILLAGE = '620723100201';
export const LINZE_GROUP = '620723100201001';
export const LINZE_CAMERA = '62072310020113100001';

export interface PrefectureFixture {
  /** A point inside 临泽县's one group (and away from its edges). */
  linzePoint: { lon: number; lat: number };
  linzeHousehold: number;
  linzeStreet: number;
}

export async function addPrefectureAboveGaotai(db: Database): Promise<PrefectureFixture> {
  return db.transaction(async (sql) => {
    const [gaotai] = await sql<{ east: number; middle: number }>`
      SELECT ST_XMax(geom) AS east, (ST_YMin(geom) + ST_YMax(geom)) / 2 AS middle
      FROM grids WHERE code = ${GAOTAI} AND valid_to IS NULL`;
    if (!gaotai) throw new Error('prefectureFixture: the database holds no current 高台县 grid');
    const west = Number(gaotai.east) + 0.02;
    const south = Number(gaotai.middle) - 0.04;
    const [east, north] = [west + 0.1, south + 0.08];
    const box = `POLYGON((${west} ${south}, ${east} ${south}, ${east} ${north}, ${west} ${north}, ${west} ${south}))`;

    await sql`
      INSERT INTO grids (code, level, name, parent_code, geom, label_point, area_m2)
      SELECT ${PREFECTURE}, 'prefecture', '张掖市', NULL, u.geom, ST_PointOnSurface(u.geom), ST_Area(u.geom::geography)
      FROM (SELECT ST_Multi(ST_Union(g.geom, ST_GeomFromText(${box}, 4326))) AS geom
            FROM grids g WHERE g.code = ${GAOTAI} AND g.valid_to IS NULL) AS u`;
    await sql`UPDATE grids SET parent_code = ${PREFECTURE} WHERE code = ${GAOTAI} AND valid_to IS NULL`;
    const levels = [
      [LINZE, 'county', '临泽县', PREFECTURE],
      [LINZE_TOWN, 'town', '沙河镇', LINZE],
      [LINZE_VILLAGE, 'village', '沙河村', LINZE_TOWN],
      [LINZE_GROUP, 'group', '一组', LINZE_VILLAGE],
    ] as const;
    for (const [code, level, name, parent] of levels) {
      await sql`
        INSERT INTO grids (code, level, name, parent_code, geom, label_point, area_m2)
        SELECT ${code}, ${level}, ${name}, ${parent}, b.geom, ST_PointOnSurface(b.geom), ST_Area(b.geom::geography)
        FROM (SELECT ST_Multi(ST_GeomFromText(${box}, 4326)) AS geom) AS b`;
    }

    const linzePoint = { lon: west + 0.05, lat: south + 0.04 };
    const [household] = await sql<{ id: number }>`
      INSERT INTO households (house_no, size, town_code, village_code, group_code, geom)
      VALUES ('1号', 4, ${LINZE_TOWN}, ${LINZE_VILLAGE}, ${LINZE_GROUP},
              ST_SetSRID(ST_MakePoint(${linzePoint.lon}::float8, ${linzePoint.lat}::float8), 4326))
      RETURNING id`;
    await sql`
      INSERT INTO household_private (household_id, head_name, phone)
      VALUES (${household!.id}, '张临泽', '13900000000')`;
    const line = `LINESTRING(${west + 0.01} ${south + 0.03}, ${west + 0.09} ${south + 0.03})`;
    const [street] = await sql<{ id: number }>`
      INSERT INTO streets (name, town_code, village_code, group_code, geom, length_m)
      SELECT '沙河街', ${LINZE_TOWN}, ${LINZE_VILLAGE}, ${LINZE_GROUP}, l.geom, ST_Length(l.geom::geography)
      FROM (SELECT ST_GeomFromText(${line}, 4326) AS geom) AS l
      RETURNING id`;
    await sql`
      INSERT INTO cameras (id, name, site, status, last_seen, town_code, village_code, group_code, geom)
      VALUES (${LINZE_CAMERA}, '沙河村口', 'village_entrance', 'online', now(),
              ${LINZE_TOWN}, ${LINZE_VILLAGE}, ${LINZE_GROUP},
              ST_SetSRID(ST_MakePoint(${linzePoint.lon + 0.01}::float8, ${linzePoint.lat}::float8), 4326))`;
    return { linzePoint, linzeHousehold: Number(household!.id), linzeStreet: Number(street!.id) };
  });
}
