/**
 * Grid codes (DOMAIN.md "Codes"): the prefecture, counties, towns and villages use the 12-digit
 * national statistical division code (2 province + 2 prefecture + 2 county + 3 town + 3 village);
 * groups use their village's code + a 3-digit sequence (15 digits). A prefecture or county may also
 * be written with its 6-digit GB/T 2260 code (`620700`, `620724`). Pure: no I/O.
 */
export type GridLevel = 'prefecture' | 'county' | 'town' | 'village' | 'group';

/** The columns every scoped entity (households, streets, cameras, cases) carries. */
export type ScopeColumn = 'town_code' | 'village_code' | 'group_code';

/**
 * The rows of a grid's area: those whose `column` lies in `from`..`to` (inclusive). A town,
 * village or group is one value (`from === to`); a county or prefecture is the range of its towns' codes,
 * which a btree index serves as well as an equality.
 */
export interface GridScope {
  column: ScopeColumn;
  from: string;
  to: string;
}

export interface GridCode {
  /** The code as stored in `grids.code`: 12 digits, or 15 for a group. */
  code: string;
  level: GridLevel;
  scope: GridScope;
}

export const gridLevels: readonly GridLevel[] = ['prefecture', 'county', 'town', 'village', 'group'];

/** Digits of a code that identify a grid of each level; the rest are zero padding. */
const significantDigits: Record<GridLevel, number> = { prefecture: 4, county: 6, town: 9, village: 12, group: 15 };
const storedLength: Record<GridLevel, number> = { prefecture: 12, county: 12, town: 12, village: 12, group: 15 };

/** The digits every code inside `grid` (itself included) starts with: 4 for a prefecture, 6 for a county, … */
export function gridCodePrefix(grid: GridCode): string {
  return grid.code.slice(0, significantDigits[grid.level]);
}

/** Reads a code of any level; `null` when it cannot name a grid (wrong length, zero parts). */
export function parseGridCode(input: string): GridCode | null {
  if (/^[0-9]{6}$/.test(input)) return parseGridCode(`${input}000000`);
  if (/^[0-9]{15}$/.test(input)) {
    const village = parseGridCode(input.slice(0, 12));
    if (village?.level !== 'village' || input.endsWith('000')) return null;
    return { code: input, level: 'group', scope: single('group_code', input) };
  }
  if (!/^[0-9]{12}$/.test(input)) return null;
  // A zero prefecture part is a province code, not a grid of ours.
  if (input.slice(2, 4) === '00') return null;
  if (input.slice(4) === '00000000') {
    return {
      code: input,
      level: 'prefecture',
      scope: { column: 'town_code', from: input, to: `${input.slice(0, 4)}99999999` },
    };
  }
  // A zero county part under a non-zero town is no division.
  if (input.slice(4, 6) === '00') return null;
  if (input.slice(6) === '000000') {
    return {
      code: input,
      level: 'county',
      scope: { column: 'town_code', from: input, to: `${input.slice(0, 6)}999999` },
    };
  }
  if (input.slice(6, 9) === '000') return null;
  if (input.slice(9) === '000') return { code: input, level: 'town', scope: single('town_code', input) };
  return { code: input, level: 'village', scope: single('village_code', input) };
}

function single(column: ScopeColumn, code: string): GridScope {
  return { column, from: code, to: code };
}

/** The level directly below, or `null` for a group. */
export function childLevel(level: GridLevel): GridLevel | null {
  return gridLevels[gridLevels.indexOf(level) + 1] ?? null;
}

export function isBelow(level: GridLevel, than: GridLevel): boolean {
  return gridLevels.indexOf(level) > gridLevels.indexOf(than);
}

/**
 * The range of codes the grids of `level` inside `ancestor` can have (their codes start with the
 * ancestor's significant digits); `null` when `level` is not below the ancestor's level.
 */
export function descendantCodeRange(ancestor: GridCode, level: GridLevel): { from: string; to: string } | null {
  if (!isBelow(level, ancestor.level)) return null;
  const prefix = ancestor.code.slice(0, significantDigits[ancestor.level]);
  const length = storedLength[level];
  return { from: prefix.padEnd(length, '0'), to: prefix.padEnd(length, '9') };
}
