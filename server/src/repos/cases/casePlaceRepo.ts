import type { Sql } from '../../db/database.js';

/** Where a reported position falls: the group grid that covers it (read by caseReportRepo's first statement). */
export interface GroupPlace {
  groupCode: string;
  villageCode: string;
  townCode: string;
  gridVersion: number;
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
