import type { Sql } from '../../db/database.js';

/** Where a reported position falls: the group grid that covers it, or why none does. */
export interface GroupPlace {
  groupCode: string;
  villageCode: string;
  townCode: string;
  gridVersion: number;
}

export async function groupGridAt(sql: Sql, lon: number, lat: number): Promise<GroupPlace | null> {
  const rows = await sql<{ code: string; village_code: string; town_code: string; version: number }>`
    SELECT g.code, g.parent_code AS village_code, v.parent_code AS town_code, g.version
    FROM grids g JOIN grids v ON v.code = g.parent_code AND v.valid_to IS NULL
    WHERE g.level = 'group' AND g.valid_to IS NULL
      AND ST_Covers(g.geom, ST_SetSRID(ST_MakePoint(${lon}::float8, ${lat}::float8), 4326))
    ORDER BY g.code LIMIT 1`;
  const row = rows[0];
  return row
    ? { groupCode: row.code, villageCode: row.village_code, townCode: row.town_code, gridVersion: row.version }
    : null;
}

export async function countyContaining(sql: Sql, lon: number, lat: number): Promise<string | null> {
  const rows = await sql<{ name: string }>`
    SELECT name FROM grids WHERE level = 'county' AND valid_to IS NULL
      AND ST_Covers(geom, ST_SetSRID(ST_MakePoint(${lon}::float8, ${lat}::float8), 4326)) LIMIT 1`;
  return rows[0]?.name ?? null;
}

/**
 * The name of what this deployment covers — its root grids: the prefecture, or a county run alone —
 * for the message of a report outside it (no county is assumed: a prefecture has several).
 */
export async function deploymentName(sql: Sql): Promise<string> {
  const rows = await sql<{ name: string | null }>`
    SELECT string_agg(name, '、' ORDER BY code) AS name FROM grids WHERE parent_code IS NULL AND valid_to IS NULL`;
  return rows[0]?.name ?? 'the area this deployment covers';
}
