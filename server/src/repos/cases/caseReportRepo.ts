import type { Database, Sql } from '../../db/database.js';
import { registerCase, type CaseActor } from '../../domain/caseLifecycle.js';
import type { CaseRecord } from '../../contract/cases.js';
import type { CaseReport } from '../../domain/caseReport.js';
import { caseSerialDate, formatCaseSerial, MAX_CASE_SEQUENCE } from '../../domain/caseSerial.js';
import { chinaOfficialCalendar } from '../../domain/holidayCalendar.js';
import { viewerCoversGrid } from '../../domain/accessRole.js';
import { makeCaseCheckCode } from '../../domain/caseCheckCode.js';
import { recordAudit } from '../audit/auditRepo.js';
import { readCase } from './caseDetailRepo.js';
import { auditedState, deadlineConfig, insertStep, publishCase, type CaseWriteOptions } from './caseChange.js';
import { countyContaining, deploymentName, groupGridAt } from './casePlaceRepo.js';

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
  const checkCode = makeCaseCheckCode();
  await sql`
    INSERT INTO cases (serial, category, source, summary, status, level, town_code, village_code, group_code,
      grid_version, geom, reported_at, stage_started_at, stage_warn_at, stage_due_at, escalations, reopens,
      major, photo, photo_type, report_id, check_code)
    VALUES (${serial}, ${report.category}, 'grid_patrol', ${report.summary}, ${s.status}, ${s.level},
      ${place.townCode}, ${place.villageCode}, ${place.groupCode}, ${place.gridVersion},
      ST_SetSRID(ST_MakePoint(${report.lon}::float8, ${report.lat}::float8), 4326),
      ${s.reportedAt}, ${s.stageStartedAt}, ${s.stageWarnAt}, ${s.stageDueAt}, 0, 0, ${s.major},
      ${report.photo?.bytes ?? null}::bytea, ${report.photo?.type ?? null}, ${reportId}::uuid, ${checkCode})`;
  await insertStep(sql, serial, outcome.step);
  await recordAudit(sql, {
    actor: viewer,
    action: 'case.register',
    entity: 'case',
    entityKey: serial,
    before: null,
    after: { ...auditedState(s), category: report.category, groupCode: place.groupCode, summary: report.summary },
    place: place.groupCode,
  });
  return { ok: true, case: await publishCase(sql, serial, 'register', now), repeated: false, checkCode };
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
