import type { Sql } from '../../db/database.js';
import type { CalendarArrangement } from '../../domain/calendarArrangement.js';
import type { CalendarYearReply } from '../../contract/calendar.js';

export type LoadedCalendarYear = CalendarYearReply;

/** Every loaded year, oldest first. */
export async function listCalendarYears(sql: Sql): Promise<LoadedCalendarYear[]> {
  const rows = await sql<{
    year: number;
    holidays: string;
    workdays: string;
    loaded_at: string;
    loaded_by: string | null;
  }>`SELECT year, holidays::text AS holidays, workdays::text AS workdays,
        to_char(loaded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS loaded_at, loaded_by
      FROM calendar_years ORDER BY year`;
  return rows.map((row) => ({
    year: row.year,
    holidays: JSON.parse(row.holidays) as string[],
    workdays: JSON.parse(row.workdays) as string[],
    loadedAt: row.loaded_at,
    loadedBy: row.loaded_by,
  }));
}

/** The loaded years as the calendar takes them. */
export function arrangementsByYear(years: readonly LoadedCalendarYear[]): Map<number, CalendarArrangement> {
  return new Map(years.map((year) => [year.year, { holidays: year.holidays, workdays: year.workdays }]));
}

/**
 * Locks the calendar for a change: two administrators loading years at once are serialised, so the
 * "before" each computes its deadline shift from is the one the other committed.
 */
export async function lockCalendar(sql: Sql): Promise<void> {
  await sql`LOCK TABLE calendar_years IN SHARE ROW EXCLUSIVE MODE`;
}

export async function saveCalendarYear(
  sql: Sql,
  year: number,
  arrangement: CalendarArrangement,
  loadedBy: string | null,
): Promise<void> {
  await sql`
    INSERT INTO calendar_years (year, holidays, workdays, loaded_by)
    VALUES (${year}, ${JSON.stringify(arrangement.holidays)}::text::jsonb,
            ${JSON.stringify(arrangement.workdays)}::text::jsonb, ${loadedBy})
    ON CONFLICT (year) DO UPDATE SET holidays = EXCLUDED.holidays, workdays = EXCLUDED.workdays,
      loaded_at = now(), loaded_by = EXCLUDED.loaded_by`;
}

/** Withdraws a loaded year; false when it was not loaded. */
export async function deleteCalendarYear(sql: Sql, year: number): Promise<boolean> {
  const rows = await sql<{ year: number }>`DELETE FROM calendar_years WHERE year = ${year} RETURNING year`;
  return rows.length > 0;
}
