import type { Sql } from '../../db/database.js';

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
