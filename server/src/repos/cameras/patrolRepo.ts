import type { Database, Sql } from '../../db/database.js';
import { sqlPart, type SqlQuery } from '../../db/sqlQuery.js';
import { descendantCodeRange, type GridCode } from '../../domain/gridCode.js';
import type { PatrolSlot } from '../../domain/kpiPeriod.js';
import { publishEvent } from '../../outbox/publishEvent.js';
import type { Viewer } from '../../domain/accessRole.js';
import { recordAudit } from '../audit/auditRepo.js';
import { isoTimestampSql } from '../sql/gridScopeSql.js';
import type { Patrol, VillagePatrolDay } from '../../contract/patrols.js';

/** One online patrol (探头站岗、鼠标巡逻) of a village, as stored. No member: events and replies carry no person. */
export type PatrolRecord = Patrol;

export interface PatrolInput {
  villageCode: string;
  slot: PatrolSlot;
  /** China-time date `YYYY-MM-DD`. */
  day: string;
  /** Default: the village's cameras online now (what the patrol could look at). */
  camerasViewed?: number;
  doneAt: Date;
  /** Who records it (the route checked the village is theirs): audited, and its member stored. */
  viewer?: Viewer | null;
}

export type RecordPatrolResult =
  { ok: true; patrol: PatrolRecord } | { ok: false; problem: 'unknown_village' | 'already_done' };

/**
 * Records a patrol and its `patrol` event in one transaction. The (village, day, slot) unique key
 * decides a race between two records of one slot: the loser inserts nothing and publishes nothing.
 */
export async function recordPatrol(db: Database, input: PatrolInput): Promise<RecordPatrolResult> {
  return db.transaction(async (sql): Promise<RecordPatrolResult> => {
    const villages = await sql<{ town_code: string }>`
      SELECT parent_code AS town_code FROM grids WHERE code = ${input.villageCode} AND level = 'village' AND valid_to IS NULL`;
    const village = villages[0];
    if (!village) return { ok: false, problem: 'unknown_village' };
    const viewed =
      input.camerasViewed ??
      (
        await sql<{
          n: number;
        }>`SELECT count(*) AS n FROM cameras WHERE village_code = ${input.villageCode} AND status = 'online'`
      )[0]!.n;
    const rows = await sql<PatrolRow>`
      INSERT INTO patrols (town_code, village_code, day, slot, done_at, cameras_viewed, member_id)
      VALUES (${village.town_code}, ${input.villageCode}, ${input.day}::date, ${input.slot}, ${input.doneAt}, ${viewed},
              ${input.viewer?.memberId ?? null})
      ON CONFLICT (village_code, day, slot) DO NOTHING
      RETURNING ${patrolColumns}`;
    const row = rows[0];
    if (!row) return { ok: false, problem: 'already_done' };
    const patrol = patrolOf(row);
    await recordAudit(sql, {
      actor: input.viewer ?? null,
      action: 'patrol.record',
      entity: 'patrol',
      entityKey: `${patrol.villageCode}/${patrol.day}/${patrol.slot}`,
      before: null,
      after: patrol,
      place: patrol.villageCode,
    });
    await publishEvent(sql, {
      kind: 'patrol',
      townCode: patrol.townCode,
      villageCode: patrol.villageCode,
      payload: {
        patrolId: patrol.id,
        day: patrol.day,
        slot: patrol.slot,
        doneAt: patrol.doneAt,
        camerasViewed: patrol.camerasViewed,
      },
    });
    return { ok: true, patrol };
  });
}

export type { VillagePatrolDay };

/** The patrol of a village's slot on a day, or null while it is not done. */
export async function findPatrol(
  sql: Sql,
  villageCode: string,
  day: string,
  slot: PatrolSlot,
): Promise<PatrolRecord | null> {
  const rows = await sql<PatrolRow>`
    SELECT ${patrolColumns} FROM patrols WHERE village_code = ${villageCode} AND day = ${day}::date AND slot = ${slot}`;
  return rows[0] ? patrolOf(rows[0]) : null;
}

/** Which of `ids` are not cameras of the village (a view names only the village's own). */
export async function camerasOutsideVillage(sql: Sql, villageCode: string, ids: readonly string[]): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    SELECT id FROM cameras WHERE village_code = ${villageCode}
      AND id IN (SELECT jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`;
  const inside = new Set(rows.map((row) => row.id));
  return ids.filter((id) => !inside.has(id));
}

/** The current villages of a grid (a group: its village), each with the day's am / pm patrol or null. */
export async function patrolDay(sql: Sql, grid: GridCode, day: string): Promise<VillagePatrolDay[]> {
  const rows = await sql<{ code: string; name: string; patrols: PatrolRow[] }>`
    SELECT g.code, g.name,
      coalesce((SELECT json_agg(json_build_object(${sqlPart`'id', p.id, 'town_code', p.town_code, 'village_code', p.village_code,
        'day', to_char(p.day, 'YYYY-MM-DD'), 'slot', p.slot, 'done_at', ${isoTimestampSql('p.done_at')},
        'cameras_viewed', p.cameras_viewed`}))
        FROM patrols p WHERE p.village_code = g.code AND p.day = ${day}::date), '[]'::json) AS patrols
    FROM grids g
    WHERE g.valid_to IS NULL AND g.level = 'village' AND ${villageCondition(grid)}
    ORDER BY g.code`;
  return rows.map((row) => {
    const patrols = (typeof row.patrols === 'string' ? (JSON.parse(row.patrols) as PatrolRow[]) : row.patrols).map(
      patrolOf,
    );
    return {
      villageCode: row.code,
      villageName: row.name,
      am: patrols.find((p) => p.slot === 'am') ?? null,
      pm: patrols.find((p) => p.slot === 'pm') ?? null,
    };
  });
}

function villageCondition(grid: GridCode): SqlQuery {
  const range = descendantCodeRange(grid, 'village');
  if (range) return sqlPart`g.code BETWEEN ${range.from} AND ${range.to}`;
  return sqlPart`g.code = ${grid.code.slice(0, 12)}`;
}

interface PatrolRow {
  id: number;
  town_code: string;
  village_code: string;
  day: string;
  slot: PatrolSlot;
  done_at: string;
  cameras_viewed: number;
}

const patrolColumns = sqlPart`id, town_code, village_code, to_char(day, 'YYYY-MM-DD') AS day, slot,
  ${isoTimestampSql('done_at')} AS done_at, cameras_viewed`;

function patrolOf(row: PatrolRow): PatrolRecord {
  return {
    id: Number(row.id),
    townCode: row.town_code,
    villageCode: row.village_code,
    day: row.day,
    slot: row.slot,
    doneAt: row.done_at,
    camerasViewed: Number(row.cameras_viewed),
  };
}
