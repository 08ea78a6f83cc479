import type { Sql } from '../../db/database.js';
import { formatGroupCode, maxGroupSequence } from '../../domain/groupCode.js';
import { PlanError } from '../../domain/plan/planError.js';

/**
 * Issues the code of a grid new in a plan: a group gets its village's code + the next 3-digit
 * sequence (domain/groupCode.ts), a village its town's 9 digits + the next 3. "Next" is past every
 * code ever seen: current and retired grids, every plan's grids, and issued_codes, whose primary key
 * is the reservation (two plans issuing at the same moment cannot get the same code; the loser
 * retries with the next number). Codes are never reused, even of deleted grids.
 */
export async function issueCode(
  sql: Sql,
  planId: number,
  parentCode: string,
  level: 'village' | 'group',
): Promise<string> {
  const prefix = level === 'group' ? parentCode.slice(0, 12) : parentCode.slice(0, 9);
  const length = level === 'group' ? 15 : 12;
  const [row] = await sql<{ highest: number }>`
    SELECT coalesce(max(right(code, 3)::int), 0)::int AS highest FROM (
      SELECT code FROM grids WHERE left(code, ${prefix.length}) = ${prefix} AND length(code) = ${length}
      UNION ALL
      SELECT code FROM plan_grids WHERE left(code, ${prefix.length}) = ${prefix} AND length(code) = ${length}
      UNION ALL
      SELECT code FROM issued_codes WHERE left(code, ${prefix.length}) = ${prefix} AND length(code) = ${length}
    ) seen`;
  for (let sequence = (row?.highest ?? 0) + 1; sequence <= maxGroupSequence; sequence++) {
    const code = level === 'group' ? formatGroupCode(prefix, sequence) : prefix + String(sequence).padStart(3, '0');
    const [taken] = await sql<{ code: string }>`
      INSERT INTO issued_codes (code, plan_id) VALUES (${code}, ${planId}) ON CONFLICT (code) DO NOTHING RETURNING code`;
    if (taken) return code;
  }
  throw new PlanError(409, `no unused ${level} code is left under ${parentCode} (sequences 001–999 are all issued)`);
}
