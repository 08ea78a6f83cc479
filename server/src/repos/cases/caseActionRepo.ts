import type { Database, Sql } from '../../db/database.js';
import { sqlPart, type SqlQuery } from '../../db/sqlQuery.js';
import type { CaseLevel } from '../../domain/caseLevel.js';
import {
  applyCaseAction,
  type CaseAction,
  type CaseActor,
  type CaseRefusalReason,
  type CaseState,
  type CaseStatus,
} from '../../domain/caseLifecycle.js';
import type { CaseRecord, CaseStepRecord } from '../../contract/cases.js';
import { chinaOfficialCalendar } from '../../domain/holidayCalendar.js';
import { viewerCoversGrid } from '../../domain/accessRole.js';
import { auditedState, categoriesJson, deadlineConfigOf, type CaseWriteOptions } from './caseChange.js';
import { runCaseWrite } from './caseWriteStatement.js';
import { readCase, readLastCaseStep } from './caseDetailRepo.js';

export type CaseActionResult =
  | { ok: true; case: CaseRecord }
  | { ok: false; problem: 'not_found' | 'busy' }
  | { ok: false; problem: 'refused'; reason: CaseRefusalReason; message: string }
  | { ok: false; problem: 'version_conflict'; current: CaseRecord & { lastStep: CaseStepRecord | null } };

export interface CaseActionOptions extends CaseWriteOptions {
  /**
   * Skip a case another transaction holds instead of waiting for it (the escalator: the other
   * instance is already handling it). Default false: concurrent actions on one case run one
   * after the other, the second judged on the state the first left.
   */
  skipLocked?: boolean;
  /**
   * The case version the action was decided on (an action made offline, issue #14 part 4): if the
   * case has moved on, nothing is applied and the result is the case as it is now. Checked on the
   * locked row, so of two actions made on one version exactly one applies.
   */
  expectedVersion?: number;
}

/** Takes one lifecycle action on a case, serialised with every other write to it (row lock). */
export async function actOnCase(
  db: Database,
  serial: string,
  action: CaseAction,
  actor: CaseActor,
  options: CaseActionOptions = {},
): Promise<CaseActionResult> {
  return db.transaction((sql) => actOnCaseIn(sql, serial, action, actor, options));
}

/** {@link actOnCase} inside the caller's transaction (a keyed write stores its Idempotency-Key in it too). */
export async function actOnCaseIn(
  sql: Sql,
  serial: string,
  action: CaseAction,
  actor: CaseActor,
  options: CaseActionOptions = {},
): Promise<CaseActionResult> {
  const now = options.now ?? new Date();
  const calendar = options.calendar ?? chinaOfficialCalendar;
  const locked = await lockCase(sql, serial, options.skipLocked ?? false);
  if (!locked) {
    if (!options.skipLocked) return { ok: false, problem: 'not_found' };
    return (await caseExists(sql, serial)) ? { ok: false, problem: 'busy' } : { ok: false, problem: 'not_found' };
  }
  const viewer = options.viewer ?? null;
  const groupCode = locked.groupCode;
  // A case outside the actor's scope is answered as one that does not exist.
  if (viewer && !viewerCoversGrid(viewer, groupCode)) return { ok: false, problem: 'not_found' };
  if (options.expectedVersion !== undefined && options.expectedVersion !== locked.version) {
    // The conflict path only: the case as the client will show it beside what it meant to do.
    const [record, lastStep] = await Promise.all([readCase(sql, serial, now), readLastCaseStep(sql, serial)]);
    if (!record) throw new Error(`case ${serial} vanished while its row was locked`);
    return { ok: false, problem: 'version_conflict', current: { ...record, lastStep } };
  }
  const config = deadlineConfigOf(locked.categories);
  const outcome = applyCaseAction(locked.state, action, actor, now, calendar, config.deadlines);
  if (!outcome.ok) return { ok: false, problem: 'refused', reason: outcome.reason, message: outcome.message };
  const written = await runCaseWrite(sql, {
    cases: savedState(serial, outcome.state),
    step: outcome.step,
    audit: {
      actor: viewer,
      action: `case.${action.type}`,
      entity: 'case',
      before: auditedState(locked.state),
      after: {
        ...auditedState(outcome.state),
        ...(action.note ? { note: action.note } : {}),
        ...(action.type === 'follow_up' ? { satisfaction: action.satisfaction } : {}),
      },
      place: groupCode,
    },
    state: outcome.state,
    event: {
      townCode: locked.townCode,
      villageCode: locked.villageCode,
      groupCode,
      action: action.type,
      category: locked.state.category,
      lon: locked.lon,
      lat: locked.lat,
    },
    now,
  });
  if (!written) throw new Error(`case ${serial} vanished while its row was locked`);
  return { ok: true, case: written.record };
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
  version: number;
  town_code: string;
  village_code: string;
  group_code: string;
  lon: number;
  lat: number;
  categories: { code: string; sla_days: unknown }[] | null;
}

/** A locked case: its lifecycle state and version, where it is, and the categories' deadlines to judge it by. */
interface LockedCase {
  state: CaseState;
  version: number;
  townCode: string;
  villageCode: string;
  groupCode: string;
  lon: number;
  lat: number;
  categories: CaseStateRow['categories'];
}

/**
 * The case's lifecycle state, its row locked until the transaction ends, with everything the action
 * is decided on (one statement); null if missing (or locked, with skipLocked).
 */
async function lockCase(sql: Sql, serial: string, skipLocked: boolean): Promise<LockedCase | null> {
  const rows = skipLocked
    ? await sql<CaseStateRow>`SELECT ${stateColumns} FROM cases k WHERE k.serial = ${serial} FOR UPDATE SKIP LOCKED`
    : await sql<CaseStateRow>`SELECT ${stateColumns} FROM cases k WHERE k.serial = ${serial} FOR UPDATE`;
  const row = rows[0];
  if (!row) return null;
  const state: CaseState = {
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
  return {
    state,
    version: row.version,
    townCode: row.town_code,
    villageCode: row.village_code,
    groupCode: row.group_code,
    lon: row.lon,
    lat: row.lat,
    categories: row.categories,
  };
}

// previous_level: where 回退 (send back) returns — the from_level of the last level change.
// version is the locked row's own column (migration 019): a waiting action reads it as the action
// before it left it.
const stateColumns = sqlPart`k.status, k.level, k.category, k.major, k.reported_at, k.stage_started_at, k.stage_warn_at,
  k.stage_due_at, k.resolved_at, k.resolved_level, k.closed_at, k.escalations, k.reopens, k.version,
  k.town_code, k.village_code, k.group_code, ST_X(k.geom) AS lon, ST_Y(k.geom) AS lat, ${categoriesJson} AS categories,
  (SELECT s.from_level FROM case_steps s
    WHERE s.serial = k.serial AND s.from_level IS NOT NULL AND s.from_level <> s.to_level
    ORDER BY s.at DESC, s.id DESC LIMIT 1) AS previous_level`;

async function caseExists(sql: Sql, serial: string): Promise<boolean> {
  return (await sql`SELECT 1 FROM cases WHERE serial = ${serial}`).length > 0;
}

/** The WITH entry `k` of an action: the case's new lifecycle state. */
function savedState(serial: string, state: CaseState): SqlQuery {
  return sqlPart`
    k AS (
      UPDATE cases SET status = ${state.status}::text, level = ${state.level}::text, major = ${state.major}::boolean,
        stage_started_at = ${state.stageStartedAt}::timestamptz, stage_warn_at = ${state.stageWarnAt}::timestamptz,
        stage_due_at = ${state.stageDueAt}::timestamptz, resolved_at = ${state.resolvedAt}::timestamptz,
        resolved_level = ${state.resolvedLevel}::text, closed_at = ${state.closedAt}::timestamptz,
        escalations = ${state.escalations}::integer, reopens = ${state.reopens}::integer,
        version = version + 1 -- the step this write adds (migration 019)
      WHERE serial = ${serial}
      RETURNING serial)`;
}
