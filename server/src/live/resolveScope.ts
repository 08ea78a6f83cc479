import type { Sql } from '../db/database.js';
import { viewerPartOf, type Viewer } from '../domain/accessRole.js';
import { parseGridCode, type GridCode } from '../domain/gridCode.js';
import { findCurrentGrid } from '../repos/grids/gridRepo.js';

export type ResolvedScope = { ok: true; scope: GridCode } | { ok: false; message: string };

/**
 * The grid a subscription names (a prefecture or county as 6 or 12 digits, or any current grid's code), as the viewer may watch it —
 * the rule of every list (`viewerPartOf`): a grid inside the viewer's scope as asked, a grid that
 * contains it (the county for a town leader, the prefecture for a county administrator) narrowed to the viewer's own scope, any other grid
 * refused with the same message as a grid that does not exist.
 */
export async function resolveScope(sql: Sql, input: string, viewer: Viewer | null): Promise<ResolvedScope> {
  const unknown = {
    ok: false as const,
    message: `unknown scope "${input}": not a current grid code in your scope`,
  };
  if (!viewer) return { ok: false, message: 'sign in first (POST /api/session)' };
  const parsed = parseGridCode(input);
  if (!parsed) return unknown;
  const part = viewerPartOf(viewer, parsed);
  if (!part) return unknown;
  return (await findCurrentGrid(sql, part.code)) ? { ok: true, scope: part } : unknown;
}
