import type { Database } from '../../db/database.js';
import type { Viewer } from '../../domain/accessRole.js';
import type { CalendarArrangement } from '../../domain/calendarArrangement.js';
import { calendarWithYears, type OfficialCalendar } from '../../domain/holidayCalendar.js';
import { publishEvent } from '../../outbox/publishEvent.js';
import { recordAudit } from '../audit/auditRepo.js';
import { shiftOpenDeadlines } from '../cases/caseDeadlineShiftRepo.js';
import {
  arrangementsByYear,
  deleteCalendarYear,
  listCalendarYears,
  lockCalendar,
  saveCalendarYear,
} from './calendarRepo.js';

export interface CalendarChange {
  /** False only for a withdrawal of a year that was not loaded (nothing changed). */
  changed: boolean;
  /** The calendar as committed: every loaded year over the bundled data. */
  calendar: OfficialCalendar;
  movedCases: string[];
}

/** The audit trail keeps at most this many moved serials per change (the count is always exact). */
const auditedSerials = 200;

/**
 * Loads (`arrangement`) or withdraws (null) one year's arrangement, already checked by
 * domain/calendarArrangement.ts, in one transaction: the year, the open cases' deadlines that move
 * with it (repos/cases/caseDeadlineShiftRepo.ts), the audit entry and the `calendar` event every
 * instance reloads its calendar on. A rollback leaves the calendar and every deadline as they were.
 */
export async function changeCalendarYear(
  db: Database,
  year: number,
  arrangement: CalendarArrangement | null,
  actor: Viewer | null,
  now: Date = new Date(),
): Promise<CalendarChange> {
  return db.transaction(async (sql) => {
    await lockCalendar(sql);
    const beforeYears = arrangementsByYear(await listCalendarYears(sql));
    const previous = beforeYears.get(year) ?? null;
    if (arrangement === null) {
      if (!(await deleteCalendarYear(sql, year))) {
        return { changed: false, calendar: calendarWithYears(beforeYears), movedCases: [] };
      }
    } else {
      await saveCalendarYear(sql, year, arrangement, actor?.username ?? null);
    }
    const afterYears = new Map(beforeYears);
    if (arrangement === null) afterYears.delete(year);
    else afterYears.set(year, arrangement);
    const before = calendarWithYears(beforeYears);
    const after = calendarWithYears(afterYears);
    const movedCases = await shiftOpenDeadlines(sql, year, before, after, now);
    await recordAudit(sql, {
      actor,
      action: arrangement === null ? 'calendar.withdraw' : 'calendar.load',
      entity: 'calendar',
      entityKey: String(year),
      before: previous,
      after: arrangement && {
        ...arrangement,
        movedCases: movedCases.length,
        movedSerials: movedCases.slice(0, auditedSerials),
      },
      // The calendar is the whole deployment's: every county's auditor reads its changes.
      place: null,
    });
    await publishEvent(sql, {
      kind: 'calendar',
      payload: { year, source: after.sourceOf(year), movedCases: movedCases.length },
    });
    return { changed: true, calendar: after, movedCases };
  });
}
