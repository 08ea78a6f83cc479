import type { Sql } from '../../db/database.js';
import { withCategoryDeadlines, type CaseDeadlineConfig } from '../../domain/caseDeadline.js';
import type { CaseState } from '../../domain/caseLifecycle.js';
import type { CaseRecord } from '../../contract/cases.js';
import type { WorkingDayCalendar } from '../../domain/workingDays.js';
import type { Viewer } from '../../domain/accessRole.js';
import { publishEvent } from '../../outbox/publishEvent.js';
import { sqlPart } from '../../db/sqlQuery.js';
import { readCase } from './caseDetailRepo.js';

/**
 * Case writes. Each one is a single transaction holding the case change, its step-log row and its
 * `case` outbox event, so a live client sees a case exactly when (and only if) it is stored. The
 * lifecycle rules are the domain's (caseLifecycle.ts). A report's or an action's statements are
 * caseWriteStatement.ts; this module holds the audited fields, the categories' deadlines, and
 * {@link publishCase} for the writes that move many cases at once (a calendar's deadline shift).
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

/** The lifecycle fields an audit entry keeps before and after (no personal data, no photo). */
export function auditedState(state: CaseState) {
  return {
    status: state.status,
    level: state.level,
    major: state.major,
    stageDueAt: state.stageDueAt?.toISOString() ?? null,
    escalations: state.escalations,
    reopens: state.reopens,
  };
}

/** Stores the case's new state, reads it back and records its `case` event — last, as publishEvent asks. */
export async function publishCase(sql: Sql, serial: string, action: string, now: Date): Promise<CaseRecord> {
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

export async function deadlineConfig(sql: Sql): Promise<CaseConfig> {
  const rows = await sql<CategoryRow>`SELECT code, sla_days FROM case_categories ORDER BY sort, code`;
  return deadlineConfigOf(rows);
}

export interface CaseConfig {
  categories: string[];
  deadlines: CaseDeadlineConfig;
}

interface CategoryRow {
  code: string;
  sla_days: unknown;
}

/** The categories with their deadlines as one JSON array, for a write's first read (see {@link deadlineConfigOf}). */
export const categoriesJson = sqlPart`(SELECT json_agg(json_build_object('code', code, 'sla_days', sla_days) ORDER BY sort, code)
  FROM case_categories)`;

export function deadlineConfigOf(rows: readonly CategoryRow[] | null): CaseConfig {
  const list = rows ?? [];
  return { categories: list.map((row) => row.code), deadlines: withCategoryDeadlines(list) };
}
