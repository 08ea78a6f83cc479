import type { Sql } from '../../db/database.js';
import { sqlPart, type SqlQuery } from '../../db/sqlQuery.js';
import { isOpenCaseStatus, type CaseState, type CaseStep } from '../../domain/caseLifecycle.js';
import { caseDeadlineState } from '../../domain/caseDeadline.js';
import type { CaseRecord } from '../../contract/cases.js';
import type { CaseEventPayload } from '../../contract/live.js';
import { eventsChannel } from '../../outbox/eventOutbox.js';
import { checkedEventOf, signalEventWritten } from '../../outbox/publishEvent.js';
import { auditInsertFrom, type AuditEntry } from '../audit/auditRepo.js';
import { isoTimestampSql } from '../sql/gridScopeSql.js';
import { caseRecordOf, caseRowColumns, round6, type CaseRow } from './caseDetailRepo.js';

/**
 * A case write as two statements (issue #13 part 1), where it was nine, each its own round trip:
 *
 * 1. the case row, inserted or updated (the caller's WITH entries ending in `k`), with its audit
 *    entry — the rollup triggers (migration 010) fire at its end and take the county's and the
 *    prefecture's rollup rows, which every case write of a prefecture updates and holds to COMMIT;
 * 2. its step, its `case` outbox event, and the case as the API shows it, as the result.
 *
 * The two are sent together (pipelined), so a report is BEGIN, its decision read, the write and
 * COMMIT — four round trips — and an action the same (its row lock for the read); the hot rows are
 * held for statement 2 and COMMIT only, with no round trip between taking them and statement 2.
 *
 * Why the step is not in statement 1: a transfer's rollup ('transferred', timed by the transfer
 * step) is counted by the cases trigger for a transferred case whose step exists, and by the steps
 * trigger for a transfer step whose case is transferred. Statement-level triggers see everything
 * their statement wrote, so a case update and its step in one statement would be counted by both.
 * In separate statements, in this order, exactly one counts it (the steps trigger), as before.
 *
 * Event order (the live hub's gap rule, live/liveHub.ts) stays exact without any lock around the
 * write: the hub may only skip a missing id once every transaction that could own it has ended,
 * which it knows from the transaction horizon — so the transaction must have its transaction id
 * before it takes an event id. Statement 1 wrote a row (and an action's `SELECT … FOR UPDATE`
 * locked one even earlier), which gives it the id. The event id is taken in statement 2, after the
 * rollup rows are held, so writers of one county take event ids in the order they commit and the
 * hub seldom holds a gap at all; when it does, it lasts one statement and a commit.
 */
export interface CaseWrite {
  /** WITH entries (without `WITH`) ending in `k AS (INSERT … | UPDATE … RETURNING serial)`: statement 1. */
  cases: SqlQuery;
  step: CaseStep;
  audit: Omit<AuditEntry, 'entityKey'>;
  /** The case's state as written (the event's payload is made of it, as publishCase makes it of the record). */
  state: CaseState;
  /** The event's place and the payload's other fields; the serial is the written row's. */
  event: {
    townCode: string;
    villageCode: string;
    groupCode: string;
    action: string;
    category: string;
    lon: number;
    lat: number;
  };
  now: Date;
}

/** The columns of a case {@link caseRowColumns} reads (no photo bytes: only whether there is one). */
const caseColumns = sqlPart`serial, category, source, summary, status, level, major, town_code, village_code,
  group_code, grid_version, geom, reported_at, stage_started_at, stage_warn_at, stage_due_at, resolved_at,
  resolved_level, closed_at, escalations, reopens, version, photo IS NOT NULL AS has_photo`;

/** The transaction-local setting statement 1 leaves the written case's serial in, for statement 2. */
const serialSetting = 'gridmap.case_serial';

/** Runs the write; null when `k` wrote no row (the caller's WITH entries decided not to). */
export async function runCaseWrite(
  sql: Sql,
  write: CaseWrite,
): Promise<{ record: CaseRecord; eventId: number } | null> {
  const { townCode, villageCode, groupCode, action, category, lon, lat } = write.event;
  const s = write.state;
  const payload: Omit<CaseEventPayload, 'serial'> = {
    action,
    category,
    status: s.status,
    level: s.level,
    major: s.major,
    deadlineState: isOpenCaseStatus(s.status) ? caseDeadlineState(s, write.now) : null,
    stageWarnAt: s.stageWarnAt?.toISOString() ?? null,
    stageDueAt: s.stageDueAt?.toISOString() ?? null,
    lon: round6(lon),
    lat: round6(lat),
  };
  // Checked as publishEvent checks an event (codes, size, reserved keys), with a serial's length.
  const checked = checkedEventOf({
    kind: 'case',
    townCode,
    villageCode,
    groupCode,
    payload: { serial: '0'.repeat(19), ...payload },
  });
  // Sent together (pipelined: one round trip for both); statement 2 finds the case statement 1
  // wrote through a transaction-local setting, which statement 1 sets every time ('' for none).
  const step = write.step;
  const [written, rows] = await Promise.all([
    sql<{ serial: string }>`
      WITH ${write.cases},
      au AS (${auditInsertFrom(write.audit, sqlPart`k.serial`, sqlPart`k`)})
      SELECT set_config(${serialSetting}, coalesce((SELECT k.serial FROM k), ''), true) AS serial`,
    sql<CaseRow & { event_id: number }>`
      WITH k AS (SELECT ${caseColumns} FROM cases WHERE serial = current_setting(${serialSetting})),
      st AS (
        INSERT INTO case_steps (serial, at, action, from_status, to_status, from_level, to_level, actor_id, actor_role,
          note, satisfaction)
        SELECT k.serial, ${step.at}::timestamptz, ${step.action}::text, ${step.fromStatus}::text, ${step.toStatus}::text,
          ${step.fromLevel}::text, ${step.toLevel}::text, ${step.actorId}::bigint, ${step.actorRole}::text,
          ${step.note}::text, ${step.satisfaction}::text
        FROM k
        RETURNING serial, at, action, satisfaction, note),
      e AS (
        INSERT INTO events (kind, town_code, village_code, group_code, payload)
        SELECT 'case', ${checked.townCode}::text, ${checked.villageCode}::text, ${checked.groupCode}::text,
          ${JSON.stringify(payload)}::text::jsonb || jsonb_build_object('serial', k.serial)
        FROM k
        RETURNING id)
      SELECT ${caseRowColumns(followUpOfWrite)}, e.id AS event_id, pg_notify(${eventsChannel}, e.id::text) AS notified
      FROM k JOIN case_categories cat ON cat.code = k.category CROSS JOIN e`,
  ]);
  const serial = written[0]?.serial ?? '';
  if (serial === '') return null;
  const row = rows[0];
  if (!row) throw new Error(`case ${serial} vanished inside its own write`);
  signalEventWritten();
  return { record: caseRecordOf(row, write.now), eventId: row.event_id };
}

/**
 * The last follow-up visit as readCase picks it (latest instant, then latest id), among the stored
 * ones and this write's step (the statement's snapshot does not see the rows its own WITH entries
 * insert; the new step's id is above every stored one).
 */
const followUpOfWrite = sqlPart`(SELECT json_build_object('at', ${isoTimestampSql('f.at')}, 'satisfaction', f.satisfaction, 'note', f.note)
  FROM (
    SELECT st.at, st.satisfaction, st.note, true AS fresh, 0::bigint AS id FROM st WHERE st.action = 'follow_up'
    UNION ALL
    SELECT s.at, s.satisfaction, s.note, false, s.id FROM case_steps s WHERE s.serial = k.serial AND s.action = 'follow_up'
  ) AS f
  ORDER BY f.at DESC, f.fresh DESC, f.id DESC LIMIT 1)`;
