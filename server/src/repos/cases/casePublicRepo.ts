import type { Sql } from '../../db/database.js';
import type { PublicCaseProgress } from '../../contract/caseQr.js';

/** The group grid of a case (what the scope rule looks at), or null when no case has the serial. */
export async function caseGroupCode(sql: Sql, serial: string): Promise<string | null> {
  const rows = await sql<{ group_code: string }>`SELECT group_code FROM cases WHERE serial = ${serial}`;
  return rows[0]?.group_code ?? null;
}

/**
 * The public progress of the case with this serial and check code, or null for an unknown serial
 * and a wrong code alike (one query: the caller cannot tell them apart).
 */
export async function publicCaseProgress(
  sql: Sql,
  serial: string,
  checkCode: string,
): Promise<PublicCaseProgress | null> {
  const cases = await sql<{
    status: PublicCaseProgress['status'];
    level: PublicCaseProgress['level'];
    reported_at: Date;
    stage_due_at: Date | null;
    closed_at: Date | null;
  }>`
    SELECT status, level, reported_at, stage_due_at, closed_at FROM cases
    WHERE serial = ${serial} AND check_code = ${checkCode}`;
  const found = cases[0];
  if (!found) return null;
  const steps = await sql<{ action: PublicCaseProgress['steps'][number]['type']; at: Date }>`
    SELECT action, at FROM case_steps WHERE serial = ${serial} ORDER BY at, id`;
  const open = found.status === 'registered' || found.status === 'accepted' || found.status === 'mediating';
  return {
    serial,
    status: found.status,
    level: found.level,
    reportedAt: found.reported_at.toISOString(),
    deadline: open && found.stage_due_at ? found.stage_due_at.toISOString() : null,
    closedAt: found.closed_at ? found.closed_at.toISOString() : null,
    steps: steps.map((step) => ({ type: step.action, at: step.at.toISOString() })),
  };
}
