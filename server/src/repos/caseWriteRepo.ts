import type { Database, Sql } from '../db/database.js';
import { sqlPart } from '../db/sqlQuery.js';
import { withCategoryDeadlines, type CaseDeadlineConfig } from '../domain/caseDeadline.js';
import type { CaseLevel } from '../domain/caseLevel.js';
import {
  applyCaseAction,
  registerCase,
  type CaseAction,
  type CaseActor,
  type CaseRefusalReason,
  type CaseState,
  type CaseStatus,
  type CaseStep,
} from '../domain/caseLifecycle.js';
import type { CaseRecord } from '../domain/caseRecord.js';
import type { CaseReport } from '../domain/caseReport.js';
import { caseSerialDate, formatCaseSerial, MAX_CASE_SEQUENCE } from '../domain/caseSerial.js';
import { chinaOfficialCalendar } from '../domain/holidayCalendar.js';
import type { WorkingDayCalendar } from '../domain/workingDays.js';
import { publishEvent } from '../live/publishEvent.js';
import { readCase } from './caseDetailRepo.js';
import { recordAudit } from './auditRepo.js';
import { viewerCoversGrid, type Viewer } from '../domain/accessRole.js';

/**
 * Case writes. Each one is a single transaction holding the case change, its step-log row and its
 * `case` outbox event, so a live client sees a case exactly when (and only if) it is stored. The
 * lifecycle rules are the domain's (caseLifecycle.ts); this module finds, locks and stores.
 */
export interface CaseWriteOptions {
  /** The instant of the write (tests choose it); default now. */
  now?: Date;
  calendar?: WorkingDayCalendar;
  /**
   * The signed-in account acting: the case (or the reported position) must lie in its scope, and
   * the audit entry names it. Absent: the system (automatic escalation), audited without an actor.
   */
  viewer?: Viewer | null;
}

export interface ReportCaseOptions extends CaseWriteOptions {
  /** The report page's id of this draft: a repeat returns the case it already stored. */
  reportId?: string;
}

export type ReportCaseResult =
  /** `repeated`: the reportId was seen before; nothing new was stored or published. */
  | { ok: true; case: CaseRecord; repeated: boolean }
  | {
      ok: false;
      problem:
        'unknown_category' | 'outside_county' | 'no_group_grid' | 'outside_scope' | 'refused' | 'serials_exhausted';
      message: string;
    };

/**
 * Registers a reported case at the group level of the group grid that covers its position (the
 * current grids; on a shared edge the lowest code). The village, town, grid version, deadlines and
 * responsible grid head all follow from that grid.
 */
export async function reportCase(
  db: Database,
  report: CaseReport,
  actor: CaseActor,
  options: ReportCaseOptions = {},
): Promise<ReportCaseResult> {
  const now = options.now ?? new Date();
  const calendar = options.calendar ?? chinaOfficialCalendar;
  const reportId = options.reportId ?? null;
  return db.transaction(async (sql): Promise<ReportCaseResult> => {
    if (reportId !== null) {
      const earlier = await caseOfReport(sql, reportId, now);
      if (earlier) return { ok: true, case: earlier, repeated: true };
    }
    const config = await deadlineConfig(sql);
    if (!config.categories.includes(report.category)) {
      return {
        ok: false,
        problem: 'unknown_category',
        message: `unknown category "${report.category}"; known: ${config.categories.join(', ')}`,
      };
    }
    const place = await groupGridAt(sql, report.lon, report.lat);
    if (!place) {
      const county = await countyContaining(sql, report.lon, report.lat);
      return county
        ? {
            ok: false,
            problem: 'no_group_grid',
            message: `no current group grid covers position ${report.lon}, ${report.lat} in ${county}`,
          }
        : {
            ok: false,
            problem: 'outside_county',
            message: `position ${report.lon}, ${report.lat} is outside ${await countyName(sql)}`,
          };
    }
    const viewer = options.viewer ?? null;
    if (viewer && !viewerCoversGrid(viewer, place.groupCode)) {
      return {
        ok: false,
        problem: 'outside_scope',
        message: `position ${report.lon}, ${report.lat} is outside your scope (${viewer.scope.code}); report cases where you work`,
      };
    }
    const outcome = registerCase(
      { category: report.category, major: false, level: 'group', reportedAt: now },
      actor,
      calendar,
      config.deadlines,
    );
    if (!outcome.ok) return { ok: false, problem: 'refused', message: outcome.message };
    const countyCode = place.townCode.slice(0, 6);
    const day = caseSerialDate(now);
    const sequence = await nextCaseSequence(sql, countyCode, day);
    if (sequence > MAX_CASE_SEQUENCE) {
      return {
        ok: false,
        problem: 'serials_exhausted',
        message: `the county has used all ${MAX_CASE_SEQUENCE} case numbers of ${day}`,
      };
    }
    const serial = formatCaseSerial({ countyCode, date: day, sequence });
    const s = outcome.state;
    await sql`
      INSERT INTO cases (serial, category, source, summary, status, level, town_code, village_code, group_code,
        grid_version, geom, reported_at, stage_started_at, stage_warn_at, stage_due_at, escalations, reopens,
        major, photo, photo_type, report_id)
      VALUES (${serial}, ${report.category}, 'grid_patrol', ${report.summary}, ${s.status}, ${s.level},
        ${place.townCode}, ${place.villageCode}, ${place.groupCode}, ${place.gridVersion},
        ST_SetSRID(ST_MakePoint(${report.lon}::float8, ${report.lat}::float8), 4326),
        ${s.reportedAt}, ${s.stageStartedAt}, ${s.stageWarnAt}, ${s.stageDueAt}, 0, 0, ${s.major},
        ${report.photo?.bytes ?? null}::bytea, ${report.photo?.type ?? null}, ${reportId}::uuid)`;
    await insertStep(sql, serial, outcome.step);
    await recordAudit(sql, {
      actor: viewer,
      action: 'case.register',
      entity: 'case',
      entityKey: serial,
      before: null,
      after: { ...auditedState(s), category: report.category, groupCode: place.groupCode, summary: report.summary },
    });
    return { ok: true, case: await publishCase(sql, serial, 'register', now), repeated: false };
  });
}

export type CaseActionResult =
  | { ok: true; case: CaseRecord }
  | { ok: false; problem: 'not_found' | 'busy' }
  | { ok: false; problem: 'refused'; reason: CaseRefusalReason; message: string };

export interface CaseActionOptions extends CaseWriteOptions {
  /**
   * Skip a case another transaction holds instead of waiting for it (the escalator: the other
   * instance is already handling it). Default false: concurrent actions on one case run one
   * after the other, the second judged on the state the first left.
   */
  skipLocked?: boolean;
}

/** Takes one lifecycle action on a case, serialised with every other write to it (row lock). */
export async function actOnCase(
  db: Database,
  serial: string,
  action: CaseAction,
  actor: CaseActor,
  options: CaseActionOptions = {},
): Promise<CaseActionResult> {
  const now = options.now ?? new Date();
  const calendar = options.calendar ?? chinaOfficialCalendar;
  return db.transaction(async (sql): Promise<CaseActionResult> => {
    const locked = await lockCase(sql, serial, options.skipLocked ?? false);
    if (!locked) {
      if (!options.skipLocked) return { ok: false, problem: 'not_found' };
      return (await caseExists(sql, serial)) ? { ok: false, problem: 'busy' } : { ok: false, problem: 'not_found' };
    }
    const viewer = options.viewer ?? null;
    // A case outside the actor's scope is answered as one that does not exist.
    if (viewer && !viewerCoversGrid(viewer, await caseGroupCode(sql, serial)))
      return { ok: false, problem: 'not_found' };
    const config = await deadlineConfig(sql);
    const outcome = applyCaseAction(locked, action, actor, now, calendar, config.deadlines);
    if (!outcome.ok) return { ok: false, problem: 'refused', reason: outcome.reason, message: outcome.message };
    await saveState(sql, serial, outcome.state);
    await insertStep(sql, serial, outcome.step);
    await recordAudit(sql, {
      actor: viewer,
      action: `case.${action.type}`,
      entity: 'case',
      entityKey: serial,
      before: auditedState(locked),
      after: { ...auditedState(outcome.state), ...(action.note ? { note: action.note } : {}) },
    });
    return { ok: true, case: await publishCase(sql, serial, action.type, now) };
  });
}

export interface OverdueCandidate {
  serial: string;
  stageDueAt: Date;
}

/**
 * Open cases below the top level whose stage was due at or before `dueBefore`, oldest deadline
 * first, after the keyset `(after.stageDueAt, after.serial)`. Uses the `cases_open_due` index.
 */
export async function overdueCases(
  sql: Sql,
  dueBefore: Date,
  limit: number,
  after: OverdueCandidate | null,
): Promise<OverdueCandidate[]> {
  const afterDue = after?.stageDueAt ?? new Date(0);
  const afterSerial = after?.serial ?? '';
  const rows = await sql<{ serial: string; stage_due_at: Date }>`
    SELECT serial, stage_due_at FROM cases
    WHERE status IN ('registered', 'accepted', 'mediating') AND level <> 'town_centre'
      AND stage_due_at <= ${dueBefore} AND (stage_due_at, serial) > (${afterDue}::timestamptz, ${afterSerial}::text)
    ORDER BY stage_due_at, serial LIMIT ${limit}`;
  return rows.map((row) => ({ serial: row.serial, stageDueAt: row.stage_due_at }));
}

/** The lifecycle fields an audit entry keeps before and after (no personal data, no photo). */
function auditedState(state: CaseState) {
  return {
    status: state.status,
    level: state.level,
    major: state.major,
    stageDueAt: state.stageDueAt?.toISOString() ?? null,
    escalations: state.escalations,
    reopens: state.reopens,
  };
}

async function caseGroupCode(sql: Sql, serial: string): Promise<string> {
  const rows = await sql<{ code: string }>`SELECT group_code AS code FROM cases WHERE serial = ${serial}`;
  return rows[0]?.code ?? '';
}

/** Stores the case's new state, reads it back and records its `case` event — last, as publishEvent asks. */
async function publishCase(sql: Sql, serial: string, action: string, now: Date): Promise<CaseRecord> {
  const record = await readCase(sql, serial, now);
  if (!record) throw new Error(`case ${serial} vanished inside its own transaction`);
  await publishEvent(sql, {
    kind: 'case',
    townCode: record.townCode,
    villageCode: record.villageCode,
    groupCode: record.groupCode,
    payload: {
      serial: record.serial,
      action,
      category: record.category,
      status: record.status,
      level: record.level,
      major: record.major,
      deadlineState: record.deadlineState,
      stageWarnAt: record.stageWarnAt,
      stageDueAt: record.stageDueAt,
      lon: record.lon,
      lat: record.lat,
    },
  });
  return record;
}

/**
 * The case an earlier attempt of this report stored, or null. Takes a transaction-scoped lock on
 * the report id first, so two attempts racing on one id run one after the other and the second
 * finds the first's case instead of failing on the unique key.
 */
async function caseOfReport(sql: Sql, reportId: string, now: Date): Promise<CaseRecord | null> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${reportId}))`;
  const rows = await sql<{ serial: string }>`SELECT serial FROM cases WHERE report_id = ${reportId}::uuid`;
  const serial = rows[0]?.serial;
  return serial ? readCase(sql, serial, now) : null;
}

async function deadlineConfig(sql: Sql): Promise<{ categories: string[]; deadlines: CaseDeadlineConfig }> {
  const rows = await sql<{
    code: string;
    sla_days: unknown;
  }>`SELECT code, sla_days FROM case_categories ORDER BY sort, code`;
  return { categories: rows.map((row) => row.code), deadlines: withCategoryDeadlines(rows) };
}

interface GroupPlace {
  groupCode: string;
  villageCode: string;
  townCode: string;
  gridVersion: number;
}

async function groupGridAt(sql: Sql, lon: number, lat: number): Promise<GroupPlace | null> {
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

async function countyContaining(sql: Sql, lon: number, lat: number): Promise<string | null> {
  const rows = await sql<{ name: string }>`
    SELECT name FROM grids WHERE level = 'county' AND valid_to IS NULL
      AND ST_Covers(geom, ST_SetSRID(ST_MakePoint(${lon}::float8, ${lat}::float8), 4326)) LIMIT 1`;
  return rows[0]?.name ?? null;
}

async function countyName(sql: Sql): Promise<string> {
  const rows = await sql<{
    name: string;
  }>`SELECT name FROM grids WHERE level = 'county' AND valid_to IS NULL ORDER BY code LIMIT 1`;
  return rows[0]?.name ?? 'the county';
}

/**
 * The next sequence of a county and day. The first report of a day starts after any case already
 * numbered that day (the demo seed numbers its cases without the counter).
 */
async function nextCaseSequence(sql: Sql, countyCode: string, day: string): Promise<number> {
  const prefix = `${countyCode}${day.replaceAll('-', '')}`;
  const rows = await sql<{ last_sequence: number }>`
    INSERT INTO case_serial_counters (county_code, day, last_sequence)
    SELECT ${countyCode}, ${day}::date, coalesce(max(substr(serial, 15)::integer), 0) + 1
    FROM cases WHERE serial BETWEEN ${`${prefix}00000`} AND ${`${prefix}99999`}
    ON CONFLICT (county_code, day) DO UPDATE SET last_sequence = case_serial_counters.last_sequence + 1
    RETURNING last_sequence`;
  return rows[0]!.last_sequence;
}

interface CaseStateRow {
  status: CaseStatus;
  level: CaseLevel;
  category: string;
  major: boolean;
  reported_at: Date;
  stage_started_at: Date;
  stage_warn_at: Date | null;
  stage_due_at: Date | null;
  resolved_at: Date | null;
  resolved_level: CaseLevel | null;
  closed_at: Date | null;
  escalations: number;
  reopens: number;
  previous_level: CaseLevel | null;
}

/** The case's lifecycle state, its row locked until the transaction ends; null if missing (or locked, with skipLocked). */
async function lockCase(sql: Sql, serial: string, skipLocked: boolean): Promise<CaseState | null> {
  const rows = skipLocked
    ? await sql<CaseStateRow>`SELECT ${stateColumns} FROM cases k WHERE k.serial = ${serial} FOR UPDATE SKIP LOCKED`
    : await sql<CaseStateRow>`SELECT ${stateColumns} FROM cases k WHERE k.serial = ${serial} FOR UPDATE`;
  const row = rows[0];
  if (!row) return null;
  return {
    status: row.status,
    level: row.level,
    category: row.category,
    major: row.major,
    reportedAt: row.reported_at,
    stageStartedAt: row.stage_started_at,
    stageWarnAt: row.stage_warn_at,
    stageDueAt: row.stage_due_at,
    resolvedAt: row.resolved_at,
    resolvedLevel: row.resolved_level,
    closedAt: row.closed_at,
    escalations: row.escalations,
    reopens: row.reopens,
    previousLevel: row.previous_level,
  };
}

// previous_level: where 回退 (send back) returns — the from_level of the last level change.
const stateColumns = sqlPart`k.status, k.level, k.category, k.major, k.reported_at, k.stage_started_at, k.stage_warn_at,
  k.stage_due_at, k.resolved_at, k.resolved_level, k.closed_at, k.escalations, k.reopens,
  (SELECT s.from_level FROM case_steps s
    WHERE s.serial = k.serial AND s.from_level IS NOT NULL AND s.from_level <> s.to_level
    ORDER BY s.at DESC, s.id DESC LIMIT 1) AS previous_level`;

async function caseExists(sql: Sql, serial: string): Promise<boolean> {
  return (await sql`SELECT 1 FROM cases WHERE serial = ${serial}`).length > 0;
}

async function saveState(sql: Sql, serial: string, state: CaseState): Promise<void> {
  await sql`
    UPDATE cases SET status = ${state.status}, level = ${state.level}, major = ${state.major},
      stage_started_at = ${state.stageStartedAt}, stage_warn_at = ${state.stageWarnAt}, stage_due_at = ${state.stageDueAt},
      resolved_at = ${state.resolvedAt}, resolved_level = ${state.resolvedLevel}, closed_at = ${state.closedAt},
      escalations = ${state.escalations}, reopens = ${state.reopens}
    WHERE serial = ${serial}`;
}

async function insertStep(sql: Sql, serial: string, step: CaseStep): Promise<void> {
  await sql`
    INSERT INTO case_steps (serial, at, action, from_status, to_status, from_level, to_level, actor_id, actor_role, note)
    VALUES (${serial}, ${step.at}, ${step.action}, ${step.fromStatus}, ${step.toStatus}, ${step.fromLevel},
      ${step.toLevel}, ${step.actorId}, ${step.actorRole}, ${step.note})`;
}
