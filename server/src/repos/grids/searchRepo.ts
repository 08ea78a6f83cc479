import type { Sql } from '../../db/database.js';
import { sqlPart, sqlRaw, type SqlQuery } from '../../db/sqlQuery.js';
import { gridCodePrefix, parseGridCode, type GridCode } from '../../domain/gridCode.js';
import type { GridLevel } from '../../domain/gridCode.js';
import type { SearchResult } from '../../contract/search.js';
import { bboxColumns, bboxOf, type BboxRow } from './dossierRepo.js';
import { gridScopeCondition } from '../sql/gridScopeSql.js';

/**
 * The search box (issue #4): grid names (substring) and codes (prefix), street names (substring)
 * and case serials (prefix), inside the viewer's scope, ranked exact > prefix > substring, then
 * grids before streets before cases, higher levels first, shorter labels first. A county has
 * ~1,400 grids and ~1,000 streets: a scan of their names is a few milliseconds (pg_trgm is not
 * in the embedded database); serials use the primary key's range.
 */

/** `%` `_` `\` match themselves in a LIKE pattern built from user text. */
function likeEscaped(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

interface SearchRow extends BboxRow {
  kind: SearchResult['kind'];
  key: string;
  label: string;
  level: GridLevel | null;
  grid_code: string;
  rank: number;
}

const matchNames: SearchResult['match'][] = ['exact', 'prefix', 'substring'];

/**
 * The codes a grid's ancestors would have, prefecture first (a group: prefecture, county, town,
 * village). Derived from the code alone: a lone county has no prefecture grid, and the name
 * lookup simply finds none.
 */
export function ancestorCodes(code: string): string[] {
  const grid = parseGridCode(code);
  if (!grid) return [];
  const prefecture = `${code.slice(0, 4)}00000000`;
  const county = `${code.slice(0, 6)}000000`;
  const town = `${code.slice(0, 9)}000`;
  switch (grid.level) {
    case 'prefecture':
      return [];
    case 'county':
      return [prefecture];
    case 'town':
      return [prefecture, county];
    case 'village':
      return [prefecture, county, town];
    case 'group':
      return [prefecture, county, town, code.slice(0, 12)];
  }
}

export async function searchGridmap(
  sql: Sql,
  viewerScope: GridCode,
  text: string,
  limit: number,
): Promise<SearchResult[]> {
  const q = text.trim();
  const digits = /^[0-9]+$/.test(q);
  const exactCode = digits ? (parseGridCode(q)?.code ?? q) : null;
  const contains = `%${likeEscaped(q)}%`;
  const startsWith = `${likeEscaped(q)}%`;
  const scopePrefix = `${gridCodePrefix(viewerScope)}%`;
  const rankOf = (column: 'g.name' | 's.name') =>
    sqlPart`CASE WHEN ${sqlRaw(column)} = ${q} THEN 0 WHEN ${sqlRaw(column)} LIKE ${startsWith} THEN 1 ELSE 2 END`;

  const gridMatch = digits
    ? sqlPart`(g.code LIKE ${startsWith} OR g.code = ${exactCode})`
    : sqlPart`g.name ILIKE ${contains}`;
  const gridRank = digits
    ? sqlPart`CASE WHEN g.code = ${exactCode} OR g.code = ${q} THEN 0 ELSE 1 END`
    : rankOf('g.name');
  const parts: SqlQuery[] = [
    sqlPart`SELECT 'grid' AS kind, g.code AS key, g.name AS label, g.level, g.code AS grid_code, ${gridRank} AS rank,
        ${bboxColumns('g')}
      FROM grids g
      WHERE g.valid_to IS NULL AND g.code LIKE ${scopePrefix} AND ${gridMatch}`,
  ];
  if (!digits) {
    parts.push(sqlPart`SELECT 'street', s.id::text, s.name, NULL, s.group_code, ${rankOf('s.name')}, ${bboxColumns('s')}
      FROM streets s
      WHERE ${gridScopeCondition('s', viewerScope.scope)} AND s.name ILIKE ${contains}`);
  }
  if (digits && q.length <= 19) {
    parts.push(sqlPart`SELECT 'case', k.serial, k.serial || ' ' || cat.name_zh, NULL, k.group_code,
        CASE WHEN k.serial = ${q} THEN 0 ELSE 1 END, ${bboxColumns('k')}
      FROM cases k JOIN case_categories cat ON cat.code = k.category
      WHERE k.serial BETWEEN ${q.padEnd(19, '0')} AND ${q.padEnd(19, '9')}
        AND ${gridScopeCondition('k', viewerScope.scope)}`);
  }
  const union = parts.reduce((all, part) => sqlPart`${all} UNION ALL ${part}`);
  const rows = await sql.query<SearchRow>(sqlPart`
    SELECT * FROM (${union}) AS found
    ORDER BY rank,
      CASE kind WHEN 'grid' THEN 0 WHEN 'street' THEN 1 ELSE 2 END,
      CASE level WHEN 'prefecture' THEN 0 WHEN 'county' THEN 1 WHEN 'town' THEN 2 WHEN 'village' THEN 3
        WHEN 'group' THEN 4 ELSE 5 END,
      -- Digits list codes and serials in order; names list the shortest (closest) first.
      CASE WHEN ${digits} THEN key END, char_length(label), key
    LIMIT ${limit}`);

  const names = await ancestorNames(sql, rows);
  return rows.map((row) => {
    const chain = row.kind === 'grid' ? ancestorCodes(row.grid_code) : [...ancestorCodes(row.grid_code), row.grid_code];
    return {
      kind: row.kind,
      key: row.key,
      label: row.label,
      context: chain
        .map((code) => names.get(code))
        .filter((name): name is string => name !== undefined)
        .join(' › '),
      level: row.level,
      gridCode: row.grid_code,
      match: matchNames[row.rank] ?? 'substring',
      bbox: bboxOf(row),
    };
  });
}

async function ancestorNames(sql: Sql, rows: readonly SearchRow[]): Promise<Map<string, string>> {
  const codes = new Set<string>();
  for (const row of rows) {
    for (const code of ancestorCodes(row.grid_code)) codes.add(code);
    codes.add(row.grid_code);
  }
  if (codes.size === 0) return new Map();
  const found = await sql<{ code: string; name: string }>`
    SELECT g.code, g.name FROM grids g
    WHERE g.valid_to IS NULL AND g.code IN (SELECT json_array_elements_text(${JSON.stringify([...codes])}::text::json))`;
  return new Map(found.map((row) => [row.code, row.name]));
}
