import type { MultiPolygon, Point } from 'geojson';
import type { Sql } from '../../db/database.js';
import { sqlPart, type SqlQuery } from '../../db/sqlQuery.js';
import { PlanError } from '../../domain/plan/planError.js';

/** A GeoJSON geometry parameter as a PostGIS geometry in EPSG:4326. */
export function geometryParam(geometry: unknown): SqlQuery {
  return sqlPart`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geometry)}), 4326)`;
}

/**
 * PostGIS checks of an outline a plan is about to store: valid (OGC, ST_IsValid: the table refuses
 * anything else) and meeting its parent's interior (the parent is a grid of the plan, or the
 * published scope). 422 naming what and where otherwise; nothing is stored. Reaching partly
 * outside the parent is allowed here and reported by the validation (`outside_parent`).
 */
export async function checkOutlineInPlan(
  sql: Sql,
  planId: number,
  code: string,
  geometry: MultiPolygon,
  parentCode: string,
): Promise<void> {
  const [row] = await sql<{ valid: boolean; reason: string; location: Point | null; inside: boolean | null }>`
    WITH input AS (SELECT ${geometryParam(geometry)} AS geom),
    parent AS (
      (SELECT geom FROM plan_grids WHERE plan_id = ${planId} AND code = ${parentCode} AND NOT deleted
       UNION ALL
       SELECT geom FROM grids WHERE code = ${parentCode} AND valid_to IS NULL)
      LIMIT 1
    )
    SELECT ST_IsValid(i.geom) AS valid, ST_IsValidReason(i.geom) AS reason,
      ST_AsGeoJSON((ST_IsValidDetail(i.geom)).location)::jsonb AS location,
      CASE WHEN ST_IsValid(i.geom) THEN ST_Relate(i.geom, p.geom, 'T********') END AS inside
    FROM input i LEFT JOIN parent p ON true`;
  if (!row) throw new PlanError(422, `grid ${code}: the outline could not be read`);
  if (!row.valid) {
    throw new PlanError(422, `grid ${code}: the outline is not valid (${row.reason})`, {
      code,
      reason: row.reason,
      location: row.location,
    });
  }
  if (row.inside === false) {
    throw new PlanError(422, `grid ${code}: the outline lies entirely outside its parent ${parentCode}`, {
      code,
      parentCode,
    });
  }
}
