import type { Database, Sql } from '../../db/database.js';
import type { GridCode } from '../../domain/gridCode.js';
import type { PatrolSlot } from '../../domain/kpiPeriod.js';
import type { LinkRole } from '../../domain/linkQuota.js';
import { gridScopeCondition } from '../sql/gridScopeSql.js';
import { codeArray } from './rollupCodeSql.js';

/**
 * The rollups of migration 010 that do not depend on the time of reading: per grid code, counts of
 * households, links, open cases, cameras, streets and villages; the link-load histogram; patrols
 * per day and slot. Kept by triggers in the writer's transaction; read by primary key.
 */
export interface GridRollup {
  households: number;
  population: number;
  linked: number;
  openCases: number;
  cameras: number;
  camerasOnline: number;
  streets: number;
  streetsWithoutChief: number;
  /** Rounded to whole metres. */
  streetLengthM: number;
  villages: number;
}

export const emptyRollup: GridRollup = {
  households: 0,
  population: 0,
  linked: 0,
  openCases: 0,
  cameras: 0,
  camerasOnline: 0,
  streets: 0,
  streetsWithoutChief: 0,
  streetLengthM: 0,
  villages: 0,
};

/** The rollups of `codes` (a code nothing was ever counted in is {@link emptyRollup}). */
export async function gridRollups(sql: Sql, codes: readonly string[]): Promise<Map<string, GridRollup>> {
  const rows = await sql<{
    code: string;
    households: number;
    population: number;
    linked: number;
    open_cases: number;
    cameras: number;
    cameras_online: number;
    streets: number;
    streets_without_chief: number;
    street_length_m: number;
    villages: number;
  }>`
    SELECT code, households, population, linked, open_cases, cameras, cameras_online, streets,
      streets_without_chief, round(street_length_m)::float8 AS street_length_m, villages
    FROM grid_rollups WHERE code = ANY (${codeArray(codes)})`;
  const byCode = new Map(codes.map((code) => [code, emptyRollup]));
  for (const row of rows) {
    byCode.set(row.code, {
      households: Number(row.households),
      population: Number(row.population),
      linked: Number(row.linked),
      openCases: Number(row.open_cases),
      cameras: Number(row.cameras),
      camerasOnline: Number(row.cameras_online),
      streets: Number(row.streets),
      streetsWithoutChief: Number(row.streets_without_chief),
      streetLengthM: row.street_length_m,
      villages: Number(row.villages),
    });
  }
  return byCode;
}

/** How many active members of a town, county or prefecture have each role and number of links. */
export async function linkLoads(
  sql: Sql,
  code: string,
): Promise<{ linkRole: LinkRole; linked: number; members: number }[]> {
  const rows = await sql<{ link_role: LinkRole; linked: number; n: number }>`
    SELECT link_role, linked, n FROM grid_link_loads WHERE code = ${code}`;
  return rows.map((row) => ({ linkRole: row.link_role, linked: Number(row.linked), members: Number(row.n) }));
}

/**
 * Patrols of `day` per slot in `grid` (a village or above) done by `now`: the rollup's count less
 * those recorded with a later `done_at` (none in normal operation; found through the done_at
 * index, so the subtraction costs nothing when there are none).
 */
export async function patrolsDone(
  sql: Sql,
  grid: GridCode,
  day: string,
  now: Date,
): Promise<Record<PatrolSlot, number>> {
  const rows = await sql<{ slot: PatrolSlot; n: number }>`
    SELECT slot, sum(n) AS n FROM (
      SELECT slot, n FROM grid_patrol_days WHERE code = ${grid.code} AND day = ${day}::date
      UNION ALL
      SELECT p.slot, -count(*) FROM (
        WITH later AS MATERIALIZED (SELECT * FROM patrols WHERE done_at > ${now})
        SELECT * FROM later) AS p
      WHERE p.day = ${day}::date AND ${gridScopeCondition('p', grid.scope)}
      GROUP BY p.slot) AS counted
    GROUP BY slot`;
  const done: Record<PatrolSlot, number> = { am: 0, pm: 0 };
  for (const row of rows) done[row.slot] = Number(row.n);
  return done;
}

/**
 * Recounts every rollup from the base tables, in the caller's transaction (after a restore or a
 * load that went around the triggers; `npm run rollups -- rebuild`).
 */
export async function rebuildGridRollups(sql: Sql): Promise<void> {
  await sql`SELECT gridmap_rebuild_rollups()`;
}

/** An md5 of every rollup row that counts something (rows at zero are the same as none). */
async function rollupFingerprint(sql: Sql): Promise<string> {
  const [row] = await sql<{ md5: string }>`
    SELECT md5(concat_ws('|',
      (SELECT string_agg(concat_ws(',', code, households, population, linked, open_cases, cameras, cameras_online,
          streets, streets_without_chief, street_length_m, villages), ';' ORDER BY code)
        FROM grid_rollups
        WHERE (households, population, linked, open_cases, cameras, cameras_online, streets, streets_without_chief, villages)
          <> (0, 0, 0, 0, 0, 0, 0, 0, 0) OR street_length_m <> 0),
      (SELECT string_agg(concat_ws(',', code, series, grain, extract(epoch FROM bucket), n), ';'
          ORDER BY code, series, grain, bucket) FROM grid_rollup_timeline WHERE n <> 0),
      (SELECT string_agg(concat_ws(',', code, day, slot, n), ';' ORDER BY code, day, slot) FROM grid_patrol_days WHERE n <> 0),
      (SELECT string_agg(concat_ws(',', code, link_role, linked, n), ';' ORDER BY code, link_role, linked)
        FROM grid_link_loads WHERE n <> 0))) AS md5`;
  return row!.md5;
}

class RolledBack extends Error {}

/** Whether the stored rollups equal a recount (`npm run rollups -- check`); changes nothing. */
export async function rollupsMatchRecount(db: Database): Promise<boolean> {
  let equal = false;
  try {
    await db.transaction(async (sql) => {
      const kept = await rollupFingerprint(sql);
      await rebuildGridRollups(sql);
      equal = kept === (await rollupFingerprint(sql));
      throw new RolledBack('the recount is only compared, never kept');
    });
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
  }
  return equal;
}
