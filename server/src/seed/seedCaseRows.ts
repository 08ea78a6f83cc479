import type { Database } from '../db/database.js';
import { caseSerialDate, formatCaseSerial } from '../domain/caseSerial.js';
import type { CaseStory, CaseStoryPlan } from './caseStories.js';
import type { Source } from './caseMix.js';
import type { PlantedKind } from './plantedHotspots.js';

/**
 * Writing the demo's drawn cases (seedCases.ts): serials numbered by county, China report date and
 * a sequence in report order, the cases placed near their household, and every step of their logs.
 */
export interface GroupRow {
  code: string;
  village_code: string;
  town_code: string;
  version: number;
}

export interface SeedCase {
  /** The planted cluster the case belongs to, if any. */
  cluster?: PlantedKind;
  story: CaseStory;
  plan: CaseStoryPlan;
  source: Source;
  summary: string;
  group: GroupRow;
  /** The case happened near the group's `homeRank`-th household (by id, from 1), offset by metres east/north. */
  homeRank: number;
  eastM: number;
  northM: number;
}

/** Rows per INSERT: one JSON parameter stays a few MB even at --scale 10. */
const ROWS_PER_INSERT = 20_000;

/** Inserts `seeded` (sorted in place by report time) in one transaction; answers the rows written. */
export async function insertSeedCases(
  db: Database,
  seeded: SeedCase[],
  county: string,
): Promise<{ cases: number; steps: number }> {
  seeded.sort((a, b) => a.plan.reportedAt.getTime() - b.plan.reportedAt.getTime());
  const sequenceByDate = new Map<string, number>();
  const caseRows: Record<string, unknown>[] = [];
  const stepRows: Record<string, unknown>[] = [];
  for (const c of seeded) {
    const date = caseSerialDate(c.plan.reportedAt);
    const sequence = (sequenceByDate.get(date) ?? 0) + 1;
    sequenceByDate.set(date, sequence);
    const serial = formatCaseSerial({ countyCode: county, date, sequence });
    const s = c.story.state;
    caseRows.push({
      serial,
      category: s.category,
      source: c.source,
      summary: c.summary,
      status: s.status,
      level: s.level,
      town_code: c.group.town_code,
      village_code: c.group.village_code,
      group_code: c.group.code,
      grid_version: c.group.version,
      home_rank: c.homeRank,
      east_m: c.eastM,
      north_m: c.northM,
      reported_at: s.reportedAt,
      stage_started_at: s.stageStartedAt,
      stage_warn_at: s.stageWarnAt,
      stage_due_at: s.stageDueAt,
      resolved_at: s.resolvedAt,
      resolved_level: s.resolvedLevel,
      closed_at: s.closedAt,
      escalations: s.escalations,
      reopens: s.reopens,
      major: s.major,
      // A case's version is the number of steps in its log (migration 019).
      version: c.story.steps.length,
    });
    for (const step of c.story.steps) {
      stepRows.push({
        serial,
        at: step.at,
        action: step.action,
        from_status: step.fromStatus,
        to_status: step.toStatus,
        from_level: step.fromLevel,
        to_level: step.toLevel,
        actor_id: step.actorId,
        actor_role: step.actorRole,
        note: step.note,
      });
    }
  }

  await db.transaction(async (sql) => {
    for (let i = 0; i < caseRows.length; i += ROWS_PER_INSERT) {
      await sql`
        WITH r AS (
          SELECT * FROM json_to_recordset(${JSON.stringify(caseRows.slice(i, i + ROWS_PER_INSERT))}::text::json) AS r(
            serial text, category text, source text, summary text, status text, level text, town_code text,
            village_code text, group_code text, grid_version integer, home_rank integer, east_m float8,
            north_m float8, reported_at timestamptz, stage_started_at timestamptz, stage_warn_at timestamptz,
            stage_due_at timestamptz, resolved_at timestamptz, resolved_level text, closed_at timestamptz,
            escalations integer, reopens integer, major boolean, version integer)
        ), homes AS (
          SELECT group_code, geom, row_number() OVER (PARTITION BY group_code ORDER BY id) AS home_rank
          FROM households WHERE group_code IN (SELECT DISTINCT group_code FROM r)
        ), placed AS (
          SELECT r.*, h.geom AS home,
            ST_Translate(h.geom, r.east_m / (111320 * cos(radians(ST_Y(h.geom)))), r.north_m / 110540) AS near
          FROM r JOIN homes h ON h.group_code = r.group_code AND h.home_rank = r.home_rank
        )
        INSERT INTO cases (serial, category, source, summary, status, level, town_code, village_code, group_code,
          grid_version, geom, reported_at, stage_started_at, stage_warn_at, stage_due_at, resolved_at,
          resolved_level, closed_at, escalations, reopens, major, version)
        SELECT p.serial, p.category, p.source, p.summary, p.status, p.level, p.town_code, p.village_code,
          p.group_code, p.grid_version,
          CASE WHEN g.geom IS NULL OR ST_Covers(g.geom, p.near) THEN p.near ELSE p.home END,
          p.reported_at, p.stage_started_at, p.stage_warn_at, p.stage_due_at, p.resolved_at,
          p.resolved_level, p.closed_at, p.escalations, p.reopens, p.major, p.version
        FROM placed p LEFT JOIN grids g ON g.code = p.group_code AND g.valid_to IS NULL
        ORDER BY p.serial`;
    }
    for (let i = 0; i < stepRows.length; i += ROWS_PER_INSERT) {
      await sql`
        INSERT INTO case_steps (serial, at, action, from_status, to_status, from_level, to_level, actor_id, actor_role, note)
        SELECT serial, at, action, from_status, to_status, from_level, to_level, actor_id, actor_role, note
        FROM json_to_recordset(${JSON.stringify(stepRows.slice(i, i + ROWS_PER_INSERT))}::text::json) AS r(
          serial text, at timestamptz, action text, from_status text, to_status text, from_level text,
          to_level text, actor_id bigint, actor_role text, note text)`;
    }
  });
  return { cases: caseRows.length, steps: stepRows.length };
}
