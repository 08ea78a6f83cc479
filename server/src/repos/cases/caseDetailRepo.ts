import type { Sql } from '../../db/database.js';
import { caseDeadlineState } from '../../domain/caseDeadline.js';
import { isOpenCaseStatus, type CaseStatus } from '../../domain/caseLifecycle.js';
import { chinaDate } from '../../domain/workingDays.js';
import { isoTimestampSql } from '../sql/gridScopeSql.js';
import { sqlPart, type SqlQuery } from '../../db/sqlQuery.js';
import type {
  CaseCamera,
  CaseCameraChange,
  CaseDetail,
  CasePatrol,
  CaseRecord,
  CaseStepRecord,
  CaseVillagePatrol,
} from '../../contract/cases.js';

export interface CaseRow {
  serial: string;
  category: string;
  category_name: string;
  source: string;
  summary: string;
  status: CaseStatus;
  level: CaseRecord['level'];
  major: boolean;
  town_code: string;
  village_code: string;
  group_code: string;
  grid_version: number;
  lon: number;
  lat: number;
  reported_at: Date;
  stage_started_at: Date;
  stage_warn_at: Date | null;
  stage_due_at: Date | null;
  resolved_at: Date | null;
  resolved_level: CaseRecord['resolvedLevel'];
  closed_at: Date | null;
  escalations: number;
  reopens: number;
  version: number;
  has_photo: boolean;
  responsible: number[] | null;
  follow_up: { at: string; satisfaction: NonNullable<CaseStepRecord['satisfaction']>; note: string | null } | null;
}

/**
 * One case without personal data (see `CaseRecord`), or null. `now` decides the deadline colour;
 * the photo is not read, only whether there is one.
 */
export async function readCase(sql: Sql, serial: string, now: Date): Promise<CaseRecord | null> {
  const rows = await sql<CaseRow>`
    SELECT ${caseRowColumns(lastFollowUp)}
    FROM (SELECT *, photo IS NOT NULL AS has_photo FROM cases WHERE serial = ${serial}) k
    JOIN case_categories cat ON cat.code = k.category`;
  const row = rows[0];
  return row ? caseRecordOf(row, now) : null;
}

/** The last follow-up visit of case `k` as stored (readCase's `follow_up`). */
const lastFollowUp = sqlPart`(SELECT json_build_object('at', ${isoTimestampSql('s.at')}, 'satisfaction', s.satisfaction, 'note', s.note)
  FROM case_steps s WHERE s.serial = k.serial AND s.action = 'follow_up'
  ORDER BY s.at DESC, s.id DESC LIMIT 1)`;

/**
 * The columns of a {@link CaseRow} over `k` (a case's columns and a `has_photo` column) and `cat`
 * (its category); `followUp` the expression of the last follow-up visit. The case writes select them
 * in the statement that writes the case's step and event (repos/cases/caseWriteStatement.ts).
 */
export function caseRowColumns(followUp: SqlQuery): SqlQuery {
  return sqlPart`k.serial, k.category, cat.name_zh AS category_name, k.source, k.summary, k.status, k.level, k.major,
      k.town_code, k.village_code, k.group_code, k.grid_version, ST_X(k.geom) AS lon, ST_Y(k.geom) AS lat,
      k.reported_at, k.stage_started_at, k.stage_warn_at, k.stage_due_at, k.resolved_at, k.resolved_level,
      k.closed_at, k.escalations, k.reopens, k.version, k.has_photo,
      (SELECT json_agg(r.member_id ORDER BY r.member_id) FROM grid_roles r
        WHERE r.grid_code = k.group_code AND r.role = 'grid_head' AND r.until IS NULL) AS responsible,
      ${followUp} AS follow_up`;
}

/** A case row as the API's {@link CaseRecord}; `now` decides the deadline colour. */
export function caseRecordOf(row: CaseRow, now: Date): CaseRecord {
  const open = isOpenCaseStatus(row.status);
  return {
    serial: row.serial,
    category: row.category,
    categoryName: row.category_name,
    source: row.source,
    summary: row.summary,
    status: row.status,
    level: row.level,
    major: row.major,
    townCode: row.town_code,
    villageCode: row.village_code,
    groupCode: row.group_code,
    gridVersion: row.grid_version,
    lon: round6(row.lon),
    lat: round6(row.lat),
    reportedAt: row.reported_at.toISOString(),
    stageStartedAt: row.stage_started_at.toISOString(),
    stageWarnAt: iso(row.stage_warn_at),
    stageDueAt: iso(row.stage_due_at),
    deadlineState: open
      ? caseDeadlineState({ status: row.status, stageWarnAt: row.stage_warn_at, stageDueAt: row.stage_due_at }, now)
      : null,
    resolvedAt: iso(row.resolved_at),
    resolvedLevel: row.resolved_level,
    closedAt: iso(row.closed_at),
    escalations: row.escalations,
    reopens: row.reopens,
    version: row.version,
    hasPhoto: row.has_photo,
    responsibleMemberIds: (row.responsible ?? []).map(Number),
    followUp: row.follow_up,
  };
}

/** A case with its full step log, its group's cameras and its village's patrols on the report day. */
export async function readCaseDetail(sql: Sql, serial: string, now: Date): Promise<CaseDetail | null> {
  const record = await readCase(sql, serial, now);
  if (!record) return null;
  const reportDay = chinaDate(new Date(record.reportedAt));
  const [steps, cameras, patrols] = await Promise.all([
    caseSteps(sql, serial),
    groupCameras(sql, record.groupCode),
    villagePatrols(sql, record.villageCode, reportDay),
  ]);
  return { ...record, steps, cameras, patrols };
}

async function caseSteps(sql: Sql, serial: string): Promise<CaseStepRecord[]> {
  const rows = await sql<CaseStepRow>`
    SELECT ${stepColumns} FROM case_steps WHERE serial = ${serial} ORDER BY at, id`;
  return rows.map(stepRecordOf);
}

/** The case's newest step (what a version conflict shows as what moved the case on); null if none. */
export async function readLastCaseStep(sql: Sql, serial: string): Promise<CaseStepRecord | null> {
  const rows = await sql<CaseStepRow>`
    SELECT ${stepColumns} FROM case_steps WHERE serial = ${serial} ORDER BY at DESC, id DESC LIMIT 1`;
  return rows[0] ? stepRecordOf(rows[0]) : null;
}

interface CaseStepRow {
  at: Date;
  action: CaseStepRecord['action'];
  from_status: CaseStepRecord['fromStatus'];
  to_status: CaseStepRecord['toStatus'];
  from_level: CaseStepRecord['fromLevel'];
  to_level: CaseStepRecord['toLevel'];
  actor_role: CaseStepRecord['actorRole'];
  actor_id: number | null;
  note: string | null;
  satisfaction: CaseStepRecord['satisfaction'];
}

const stepColumns = sqlPart`at, action, from_status, to_status, from_level, to_level, actor_role, actor_id, note, satisfaction`;

function stepRecordOf(row: CaseStepRow): CaseStepRecord {
  return {
    at: row.at.toISOString(),
    action: row.action,
    fromStatus: row.from_status,
    toStatus: row.to_status,
    fromLevel: row.from_level,
    toLevel: row.to_level,
    actorRole: row.actor_role,
    actorId: row.actor_id,
    note: row.note,
    satisfaction: row.satisfaction,
  };
}

async function groupCameras(sql: Sql, groupCode: string): Promise<CaseCamera[]> {
  const rows = await sql<{
    id: string;
    name: string;
    site: string;
    status: CaseCamera['status'];
    last_seen: Date;
    lon: number;
    lat: number;
  }>`
    SELECT id, name, site, status, last_seen, ST_X(geom) AS lon, ST_Y(geom) AS lat
    FROM cameras WHERE group_code = ${groupCode} ORDER BY id`;
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    site: row.site,
    status: row.status,
    lastSeen: row.last_seen.toISOString(),
    lon: round6(row.lon),
    lat: round6(row.lat),
  }));
}

async function villagePatrols(sql: Sql, villageCode: string, day: string): Promise<CasePatrol[]> {
  const rows = await sql<{
    day: string;
    slot: CasePatrol['slot'];
    done_at: Date;
    cameras_viewed: number;
    raised_case: string | null;
  }>`
    SELECT to_char(day, 'YYYY-MM-DD') AS day, slot, done_at, cameras_viewed, raised_case
    FROM patrols WHERE village_code = ${villageCode} AND day = ${day}::date ORDER BY slot`;
  return rows.map((row) => ({
    day: row.day,
    slot: row.slot,
    doneAt: row.done_at.toISOString(),
    camerasViewed: row.cameras_viewed,
    raisedCase: row.raised_case,
  }));
}

function iso(at: Date | null): string | null {
  return at ? at.toISOString() : null;
}

/** Degrees as the API gives them: six decimals (~0.1 m). */
export function round6(degrees: number): number {
  return Math.round(degrees * 1e6) / 1e6;
}

/** The most rows of each activity list on a case detail: a long-open case in a busy village stays readable. */
export const CASE_ACTIVITY_LIMIT = 200;

/**
 * What happened around a case since it was reported (issue #3 open item, issue #4 detail): the
 * status changes of its village's cameras from the events outbox, and its village's online
 * patrols, both from the report until it was closed (or now). Read through the village-indexed
 * camera events (migration 006) and the patrols' (village, day) key.
 */
export async function readCaseActivity(
  sql: Sql,
  record: Pick<CaseRecord, 'villageCode' | 'reportedAt' | 'closedAt'>,
  now: Date,
): Promise<{ cameraChanges: CaseCameraChange[]; villagePatrols: CaseVillagePatrol[] }> {
  const from = new Date(record.reportedAt);
  const until = record.closedAt ? new Date(record.closedAt) : now;
  const [changes, patrols] = await Promise.all([
    sql<{
      at: Date;
      camera_id: string;
      camera_name: string | null;
      status: CaseCameraChange['status'];
      group_code: string;
    }>`
      SELECT e.at, p.body ->> 'cameraId' AS camera_id,
        (SELECT c.name FROM cameras c WHERE c.id = p.body ->> 'cameraId') AS camera_name,
        p.body ->> 'status' AS status, e.group_code
      -- The payload read as an object whether it was stored as one or as JSON text.
      FROM events e CROSS JOIN LATERAL (SELECT (e.payload #>> '{}')::jsonb AS body) AS p
      WHERE e.kind = 'camera' AND e.village_code = ${record.villageCode} AND e.at >= ${from} AND e.at <= ${until}
      ORDER BY e.at, e.id
      LIMIT ${CASE_ACTIVITY_LIMIT}`,
    sql<{
      day: string;
      slot: CaseVillagePatrol['slot'];
      done_at: Date;
      cameras_viewed: number;
      raised_case: string | null;
    }>`
      SELECT to_char(day, 'YYYY-MM-DD') AS day, slot, done_at, cameras_viewed, raised_case
      FROM patrols
      WHERE village_code = ${record.villageCode} AND day BETWEEN ${chinaDate(from)}::date AND ${chinaDate(until)}::date
        AND done_at <= ${until}
      ORDER BY day, slot
      LIMIT ${CASE_ACTIVITY_LIMIT}`,
  ]);
  return {
    cameraChanges: changes.map((row) => ({
      at: row.at.toISOString(),
      cameraId: row.camera_id,
      cameraName: row.camera_name ?? row.camera_id,
      status: row.status,
      groupCode: row.group_code,
    })),
    villagePatrols: patrols.map((row) => ({
      day: row.day,
      slot: row.slot,
      doneAt: row.done_at.toISOString(),
      camerasViewed: row.cameras_viewed,
      raisedCase: row.raised_case,
    })),
  };
}
