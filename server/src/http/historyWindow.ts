import type { Sql } from '../db/database.js';
import { BadRequestError } from './errorReplies.js';
import { instantParameter, requireInCaseHistory } from './historyInstant.js';

/**
 * The `from` / `to` query parameters of a playback column, checked as GET /api/cases/timeline checks
 * them (one clock): ISO 8601 instants with an offset, `from` before `to`, both inside the case
 * history. 400 naming the parameter otherwise.
 */
export async function historyWindowParameters(
  sql: Sql,
  query: { from?: string; to?: string },
): Promise<{ from?: Date; to?: Date }> {
  const from = query.from === undefined ? undefined : instantParameter(query.from, 'from');
  const to = query.to === undefined ? undefined : instantParameter(query.to, 'to');
  if (from && to && from >= to) throw new BadRequestError('querystring parameter "from" must be before "to"');
  await requireInCaseHistory(sql, { from, to }, new Date());
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}
