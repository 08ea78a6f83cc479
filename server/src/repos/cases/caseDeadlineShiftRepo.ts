import type { Sql } from '../../db/database.js';
import { shiftedStageClock } from '../../domain/deadlineShift.js';
import { chinaTime, type WorkingDayCalendar } from '../../domain/workingDays.js';
import { deadlineConfig, publishCase } from './caseChange.js';

/**
 * Moves the deadlines of open cases whose stage runs into `year` to where the changed calendar puts
 * them (domain/deadlineShift.ts), in the caller's transaction, and publishes each moved case so
 * maps and walls recolour it. The serials moved, in deadline order.
 */
export async function shiftOpenDeadlines(
  sql: Sql,
  year: number,
  before: WorkingDayCalendar,
  after: WorkingDayCalendar,
  now: Date,
): Promise<string[]> {
  const yearStart = chinaTime(`${year}-01-01`, 0);
  const nextYearStart = chinaTime(`${year + 1}-01-01`, 0);
  // FOR UPDATE: a case acted on meanwhile waits, then restarts its clock from the shifted state.
  const rows = await sql<{ serial: string; stage_started_at: Date; stage_due_at: Date }>`
    SELECT serial, stage_started_at, stage_due_at FROM cases
    WHERE status IN ('registered', 'accepted', 'mediating')
      AND stage_due_at >= ${yearStart} AND stage_started_at < ${nextYearStart}
    ORDER BY stage_due_at, serial
    FOR UPDATE`;
  if (rows.length === 0) return [];
  const { deadlines } = await deadlineConfig(sql);
  const moved: string[] = [];
  for (const row of rows) {
    const clock = shiftedStageClock(
      { stageStartedAt: row.stage_started_at, stageDueAt: row.stage_due_at },
      before,
      after,
      deadlines.warnShare,
    );
    if (!clock) continue;
    await sql`UPDATE cases SET stage_due_at = ${clock.stageDueAt}, stage_warn_at = ${clock.stageWarnAt}
      WHERE serial = ${row.serial}`;
    moved.push(row.serial);
  }
  // Events last, as publishEvent asks, one per moved case.
  for (const serial of moved) await publishCase(sql, serial, 'deadline_shift', now);
  return moved;
}
