import type { Database, Sql } from '../../db/database.js';
import { registerCase, type CaseActor } from '../../domain/caseLifecycle.js';
import type { CaseRecord } from '../../contract/cases.js';
import type { CaseReport } from '../../domain/caseReport.js';
import { caseSerialDate, MAX_CASE_SEQUENCE } from '../../domain/caseSerial.js';
import { chinaOfficialCalendar } from '../../domain/holidayCalendar.js';
import { viewerCoversGrid } from '../../domain/accessRole.js';
import { makeCaseCheckCode } from '../../domain/caseCheckCode.js';
import { readCase } from './caseDetailRepo.js';
import { auditedState, categoriesJson, deadlineConfigOf, type CaseWriteOptions } from './caseChange.js';
import { countyContaining, deploymentName, type GroupPlace } from './casePlaceRepo.js';
import { runCaseWrite } from './caseWriteStatement.js';
import { sqlPart, type SqlQuery } from '../../db/sqlQuery.js';
import type { CaseState } from '../../domain/caseLifecycle.js';

export interface ReportCaseOptions extends CaseWriteOptions {
  /** The report page's id of this draft: a repeat returns the case it already stored. */
  reportId?: string;
}

export type ReportCaseResult =
  /**
   * `repeated`: the reportId was seen before; nothing new was stored or published. `checkCode`:
   * the new case's check code (一案一码), for the reporter's reply only; absent on a repeat.
   */
  | { ok: true; case: CaseRecord; repeated: true }
  | { ok: true; case: CaseRecord; repeated: false; checkCode: string }
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
  return db.transaction((sql) => reportCaseIn(sql, report, actor, options));
}

/** {@link reportCase} inside the caller's transaction (a keyed write stores its Idempotency-Key in it too). */
export async function reportCaseIn(
  sql: Sql,
  report: CaseReport,
  actor: CaseActor,
  options: ReportCaseOptions = {},
): Promise<ReportCaseResult> {
  const now = options.now ?? new Date();
  const calendar = options.calendar ?? chinaOfficialCalendar;
  const reportId = options.reportId ?? null;
  const known = await readReportContext(sql, report, reportId);
  if (known.earlier) return repeated(sql, known.earlier, now);
  const config = deadlineConfigOf(known.categories);
  if (!config.categories.includes(report.category)) {
    return {
      ok: false,
      problem: 'unknown_category',
      message: `unknown category "${report.category}"; known: ${config.categories.join(', ')}`,
    };
  }
  const place = known.place;
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
          message: `position ${report.lon}, ${report.lat} is outside ${await deploymentName(sql)}`,
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
  const s = outcome.state;
  const checkCode = makeCaseCheckCode();
  const written = await runCaseWrite(sql, {
    cases: newCaseRow({ report, place, state: s, countyCode, day, reportId, checkCode }),
    step: outcome.step,
    audit: {
      actor: viewer,
      action: 'case.register',
      entity: 'case',
      before: null,
      after: { ...auditedState(s), category: report.category, groupCode: place.groupCode, summary: report.summary },
      place: place.groupCode,
    },
    state: s,
    event: {
      townCode: place.townCode,
      villageCode: place.villageCode,
      groupCode: place.groupCode,
      action: 'register',
      category: report.category,
      lon: report.lon,
      lat: report.lat,
    },
    now,
  });
  if (written) return { ok: true, case: written.record, repeated: false, checkCode };
  // No row written: an attempt of this report committed while this one waited for its lock, or the
  // county has used up the day's numbers.
  const earlier = reportId === null ? null : await caseSerialOfReport(sql, reportId);
  if (earlier) return repeated(sql, earlier, now);
  return {
    ok: false,
    problem: 'serials_exhausted',
    message: `the county has used all ${MAX_CASE_SEQUENCE} case numbers of ${day}`,
  };
}

async function repeated(sql: Sql, serial: string, now: Date): Promise<ReportCaseResult> {
  const record = await readCase(sql, serial, now);
  if (!record) throw new Error(`case ${serial} of a repeated report vanished`);
  return { ok: true, case: record, repeated: true };
}

interface ReportContext {
  /** The case an earlier attempt of this report stored (as committed when the statement began). */
  earlier: string | null;
  categories: { code: string; sla_days: unknown }[] | null;
  place: GroupPlace | null;
}

/**
 * Everything a report is decided on, in one statement: the categories and their deadlines, the group
 * grid at the position (the current grids; on a shared edge the lowest code), and with a report id
 * the case an earlier attempt stored. A report id's transaction-scoped lock is taken here too, so
 * two attempts racing on one id run one after the other; an attempt that committed while this one
 * waited is invisible to this statement's snapshot, and the write's own guard finds it.
 */
async function readReportContext(sql: Sql, report: CaseReport, reportId: string | null): Promise<ReportContext> {
  const rows = await sql<ReportContext & { locked: unknown }>`
    SELECT ${reportId === null ? sqlPart`NULL` : sqlPart`pg_advisory_xact_lock(hashtext(${reportId}))::text`} AS locked,
      ${reportId === null ? sqlPart`NULL::text` : sqlPart`(SELECT serial FROM cases WHERE report_id = ${reportId}::uuid)`} AS earlier,
      ${categoriesJson} AS categories,
      (SELECT json_build_object('groupCode', g.code, 'villageCode', g.parent_code, 'townCode', v.parent_code,
          'gridVersion', g.version)
        FROM grids g JOIN grids v ON v.code = g.parent_code AND v.valid_to IS NULL
        WHERE g.level = 'group' AND g.valid_to IS NULL
          AND ST_Covers(g.geom, ST_SetSRID(ST_MakePoint(${report.lon}::float8, ${report.lat}::float8), 4326))
        ORDER BY g.code LIMIT 1) AS place`;
  const row = rows[0]!;
  return { earlier: row.earlier, categories: row.categories, place: row.place };
}

/**
 * The WITH entries of a new case: the county's next number of the day (`seq`), then the case (`k`).
 * The first report of a day starts after any case already numbered that day (the demo seed numbers
 * its cases without the counter). Numbers stay dense — a rolled-back report leaves none behind —
 * and the counter's row is held only from here to COMMIT, one statement away (caseWriteStatement.ts).
 * `seq` yields no row when the day's numbers are used up, or when the report id's case exists by now.
 */
function newCaseRow(fields: {
  report: CaseReport;
  place: GroupPlace;
  state: CaseState;
  countyCode: string;
  day: string;
  reportId: string | null;
  checkCode: string;
}): SqlQuery {
  const { report, place, state: s, countyCode, day, reportId, checkCode } = fields;
  const prefix = `${countyCode}${day.replaceAll('-', '')}`;
  return sqlPart`
    seq AS (
      INSERT INTO case_serial_counters AS c (county_code, day, last_sequence)
      SELECT ${countyCode}::text, ${day}::date, coalesce(max(substr(serial, 15)::integer), 0) + 1
      FROM cases WHERE serial BETWEEN ${`${prefix}00000`}::text AND ${`${prefix}99999`}::text
      HAVING coalesce(max(substr(serial, 15)::integer), 0) < ${MAX_CASE_SEQUENCE}
        AND NOT EXISTS (SELECT 1 FROM cases WHERE report_id = ${reportId}::uuid)
      ON CONFLICT (county_code, day) DO UPDATE SET last_sequence = c.last_sequence + 1
        WHERE c.last_sequence < ${MAX_CASE_SEQUENCE}
      RETURNING last_sequence),
    k AS (
      INSERT INTO cases (serial, category, source, summary, status, level, town_code, village_code, group_code,
        grid_version, geom, reported_at, stage_started_at, stage_warn_at, stage_due_at, escalations, reopens,
        major, photo, photo_type, report_id, check_code)
      SELECT ${prefix}::text || lpad(seq.last_sequence::text, 5, '0'), ${report.category}::text, 'grid_patrol',
        ${report.summary}::text, ${s.status}::text, ${s.level}::text,
        ${place.townCode}::text, ${place.villageCode}::text, ${place.groupCode}::text, ${place.gridVersion}::integer,
        ST_SetSRID(ST_MakePoint(${report.lon}::float8, ${report.lat}::float8), 4326),
        ${s.reportedAt}::timestamptz, ${s.stageStartedAt}::timestamptz, ${s.stageWarnAt}::timestamptz,
        ${s.stageDueAt}::timestamptz, 0, 0, ${s.major}::boolean,
        ${report.photo?.bytes ?? null}::bytea, ${report.photo?.type ?? null}::text, ${reportId}::uuid, ${checkCode}::text
      FROM seq
      RETURNING serial)`;
}

async function caseSerialOfReport(sql: Sql, reportId: string): Promise<string | null> {
  const rows = await sql<{ serial: string }>`SELECT serial FROM cases WHERE report_id = ${reportId}::uuid`;
  return rows[0]?.serial ?? null;
}
