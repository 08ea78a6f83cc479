import type { Sql } from '../db/database.js';
import { parseGridCode, type GridCode } from '../domain/gridCode.js';
import { findCurrentGrid } from '../repos/gridRepo.js';

/**
 * The grid a subscription names (`620724` or a current grid's code), or null when there is no such
 * grid. The one place to add a role check when subscriptions are authorised (with `scopeCovers`).
 */
export async function resolveScope(sql: Sql, input: string): Promise<GridCode | null> {
  const parsed = parseGridCode(input);
  if (!parsed) return null;
  return (await findCurrentGrid(sql, parsed.code)) ? parsed : null;
}
