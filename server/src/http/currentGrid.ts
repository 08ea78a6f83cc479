import type { Sql } from '../db/database.js';
import { parseGridCode, type GridCode } from '../domain/gridCode.js';
import { findCurrentGrid, type GridSummary } from '../repos/grids/gridRepo.js';
import { NotFoundError } from './errorReplies.js';

/** The current grid a request names, or a 404 that repeats the code as given. */
export async function currentGrid(sql: Sql, input: string): Promise<GridCode & { grid: GridSummary }> {
  const parsed = parseGridCode(input);
  const grid = parsed ? await findCurrentGrid(sql, parsed.code) : null;
  if (!parsed || !grid) throw new NotFoundError(`no grid with code ${input}`);
  return { ...parsed, grid };
}
