import type { GridCode, GridLevel } from '../gridCode.js';

/**
 * Which pages a notice-board PDF has (一格一图): a group's board is one page; a village's PDF is
 * its cover (the village's groups on one map, with their grid heads) then a page per group; a
 * town's PDF is that for each of its villages in code order. Pure: no I/O.
 */
export type BoardPage = { kind: 'village'; code: string } | { kind: 'group'; code: string };

/** The levels a board PDF is made for; a county's would be thousands of pages. */
export const BOARD_LEVELS: readonly GridLevel[] = ['town', 'village', 'group'];

/** Why no board PDF is made for `grid`, or null when one is. */
export function boardLevelProblem(grid: GridCode): string | null {
  if (BOARD_LEVELS.includes(grid.level)) return null;
  return `notice boards are printed for a town, a village or a group, not a ${grid.level} (${grid.code}): ask for one of its towns`;
}

/**
 * The pages for `target` from the current villages and groups inside it (itself included), in any
 * order: a village's cover comes right before its groups (a 12-digit code sorts before the
 * 15-digit codes it prefixes).
 */
export function boardPages(target: GridCode, grids: readonly { code: string; level: GridLevel }[]): BoardPage[] {
  const problem = boardLevelProblem(target);
  if (problem) throw new RangeError(problem);
  const prefix = target.level === 'town' ? target.code.slice(0, 9) : target.code;
  return grids
    .filter((grid) => grid.code.startsWith(prefix) && (grid.level === 'village' || grid.level === 'group'))
    .filter((grid) => target.level !== 'group' || grid.code === target.code)
    .map((grid): BoardPage => ({ kind: grid.level === 'village' ? 'village' : 'group', code: grid.code }))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** The village a village or group page belongs to: the QR code leads to its public page. */
export function villageCodeOf(code: string): string {
  if (!/^[0-9]{12}([0-9]{3})?$/.test(code)) throw new RangeError(`not a village or group code: ${code}`);
  return code.slice(0, 12);
}

/**
 * The absolute URL of a village's public page (`/p/<village code>`) on `origin`
 * (`https://gridmap.example.cn`, no trailing slash; a base path is kept).
 */
export function villagePublicUrl(origin: string, villageCode: string): string {
  return `${origin.replace(/\/+$/, '')}/p/${villageCodeOf(villageCode)}`;
}

/** `高台县 骆驼城镇 碱泉子村 一组 网格公示牌`: the ancestors from the county down, then the grid. */
export function boardTitle(
  parents: readonly { name: string; level: GridLevel }[],
  name: string,
  cover = false,
): string {
  const chain = parents.filter((parent) => parent.level !== 'prefecture').map((parent) => parent.name);
  return [...chain, name, cover ? '网格公示牌（总览）' : '网格公示牌'].join(' ');
}

/** The day a board is printed, in China Standard Time (UTC+8, no daylight saving): `2026-12-07`. */
export function boardPrintDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
