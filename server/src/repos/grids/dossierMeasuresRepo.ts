import type { Sql } from '../../db/database.js';
import { sqlPart, sqlRaw } from '../../db/sqlQuery.js';
import { childLevel, type GridCode, type GridLevel, type ScopeColumn } from '../../domain/gridCode.js';
import { shareOf } from '../../domain/kpiPeriod.js';
import type { ChildMeasures, DossierChild, TrendMonth } from '../../contract/dossier.js';
import { linkedMemberOf } from './dossierRepo.js';
import { gridScopeCondition } from '../sql/gridScopeSql.js';

/**
 * The dossier's figures over time and across the children: the 12-month trend and each child's
 * measures. Both read the grid's rows once through its scope column and group them, so a village
 * costs one index range per table.
 */

const chinaOffsetMs = 8 * 3_600_000;
const OPEN = sqlPart`k.status IN ('registered', 'accepted', 'mediating')`;

/** The China-time months ending with the one `now` is in: their labels and the instants bounding them. */
export function trendMonths(now: Date, count = 12): { labels: string[]; bounds: Date[] } {
  const local = new Date(now.getTime() + chinaOffsetMs);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth();
  const labels: string[] = [];
  const bounds: Date[] = [];
  for (let back = count - 1; back >= -1; back--) {
    const start = new Date(Date.UTC(year, month - back, 1) - chinaOffsetMs);
    bounds.push(start);
    if (back >= 0) {
      const labelDate = new Date(start.getTime() + chinaOffsetMs);
      labels.push(`${labelDate.getUTCFullYear()}-${String(labelDate.getUTCMonth() + 1).padStart(2, '0')}`);
    }
  }
  return { labels, bounds };
}

/**
 * Month by month: cases reported; cases resolved and resolved at group or village level, counted as
 * the KPIs count the current month (kpiRepo: `resolved_at` in the period and not after now;
 * 小事不出村 = resolved_level group or village / resolved).
 */
export async function gridTrends(sql: Sql, grid: GridCode, now: Date): Promise<TrendMonth[]> {
  const { labels, bounds } = trendMonths(now);
  const thresholds = `{${bounds.map((at) => at.getTime() / 1000).join(',')}}`;
  const first = bounds[0]!;
  const scope = gridScopeCondition('k', grid.scope);
  const rows = await sql<{ kind: 'reported' | 'resolved'; bucket: number; n: number; in_village: number }>`
    SELECT 'reported' AS kind, width_bucket(extract(epoch FROM k.reported_at)::float8, ${thresholds}::float8[]) AS bucket,
      count(*) AS n, 0::bigint AS in_village
    FROM cases k WHERE ${scope} AND k.reported_at >= ${first} AND k.reported_at <= ${now}
    GROUP BY 2
    UNION ALL
    SELECT 'resolved', width_bucket(extract(epoch FROM k.resolved_at)::float8, ${thresholds}::float8[]),
      count(*), count(*) FILTER (WHERE k.resolved_level IN ('group', 'village'))
    FROM cases k WHERE ${scope} AND k.resolved_at >= ${first} AND k.resolved_at <= ${now}
    GROUP BY 2`;
  const months = labels.map((month) => ({ month, registered: 0, resolved: 0, resolvedInVillage: 0 }));
  for (const row of rows) {
    const month = months[Number(row.bucket) - 1];
    if (!month) continue;
    if (row.kind === 'reported') month.registered += Number(row.n);
    else {
      month.resolved += Number(row.n);
      month.resolvedInVillage += Number(row.in_village);
    }
  }
  return months.map((month) => ({
    ...month,
    resolutionRate: shareOf(month.resolved, month.registered),
    villageResolutionRate: shareOf(month.resolvedInVillage, month.resolved),
  }));
}

/**
 * The code of the child a row belongs to, from its scope columns: rows carry no county column, so
 * a prefecture's children (its counties) are the first 6 digits of the town code, padded.
 */
function childCodeOf(alias: string, level: GridLevel): ReturnType<typeof sqlRaw> {
  const column: Record<Exclude<GridLevel, 'prefecture' | 'county'>, ScopeColumn> = {
    town: 'town_code',
    village: 'village_code',
    group: 'group_code',
  };
  if (level === 'prefecture' || level === 'county') return sqlRaw(`(left(${alias}.town_code, 6) || '000000')`);
  return sqlRaw(`${alias}.${column[level]}`);
}

/** What the dossier counts in a grid, in total and per child. */
export interface GridFigures {
  households: number;
  linked: number;
  population: number;
  openCases: number;
  /** Open and past the stage deadline (red). */
  overdueCases: number;
  /** Open, not overdue, past the warning instant (70 % of the stage's time). */
  yellowCases: number;
  cameras: number;
  camerasOnline: number;
}

export interface GridFigureBreakdown {
  /** The whole grid: every row in its scope (also rows of a child that is no longer current). */
  total: GridFigures;
  /** Each current child grid, ordered by code; empty for a group. */
  children: DossierChild[];
}

const noFigures: GridFigures = {
  households: 0,
  linked: 0,
  population: 0,
  openCases: 0,
  overdueCases: 0,
  yellowCases: 0,
  cameras: 0,
  camerasOnline: 0,
};

/**
 * The grid's figures, read once through its scope column and grouped by its children's column (a
 * group by its own), so the totals and the children's measures come from the same rows. Whether a
 * household is linked is a primary-key probe per household — a join would let the planner hash
 * the whole links table, a cost that follows the county — except for the county itself, where the
 * hash over every link is the cheaper way to read them all.
 */
export async function gridFigures(sql: Sql, grid: GridCode, now: Date): Promise<GridFigureBreakdown> {
  const by = (alias: string) => childCodeOf(alias, childLevel(grid.level) ?? 'group');
  const households =
    grid.level === 'county' || grid.level === 'prefecture'
      ? sqlPart`SELECT ${by('h')} AS code, count(*) AS households, count(l.household_id) AS linked, sum(h.size) AS population
          FROM households h LEFT JOIN household_links l ON l.household_id = h.id
          WHERE ${gridScopeCondition('h', grid.scope)} GROUP BY 1`
      : sqlPart`SELECT ${by('h')} AS code, count(*) AS households, count(${linkedMemberOf('h.id')}) AS linked,
            sum(h.size) AS population
          FROM households h WHERE ${gridScopeCondition('h', grid.scope)} GROUP BY 1`;
  const rows = await sql<{
    code: string;
    households: number;
    linked: number;
    population: number;
    open_cases: number;
    overdue_cases: number;
    yellow_cases: number;
    cameras: number;
    cameras_online: number;
  }>`
    WITH hh AS (${households}
    ), cs AS (
      -- Overdue is red; yellow from the warning instant: the stage clock of caseRepo / domain/caseDeadline.
      SELECT ${by('k')} AS code, count(*) AS open_cases, count(*) FILTER (WHERE k.stage_due_at < ${now}) AS overdue_cases,
        count(*) FILTER (WHERE NOT coalesce(k.stage_due_at < ${now}, false) AND k.stage_warn_at <= ${now}) AS yellow_cases
      FROM cases k WHERE ${gridScopeCondition('k', grid.scope)} AND ${OPEN} GROUP BY 1
    ), cam AS (
      SELECT ${by('c')} AS code, count(*) AS cameras, count(*) FILTER (WHERE c.status = 'online') AS cameras_online
      FROM cameras c WHERE ${gridScopeCondition('c', grid.scope)} GROUP BY 1
    ), codes AS (SELECT code FROM hh UNION SELECT code FROM cs UNION SELECT code FROM cam)
    SELECT codes.code,
      coalesce(hh.households, 0) AS households, coalesce(hh.linked, 0) AS linked,
      coalesce(hh.population, 0)::bigint AS population,
      coalesce(cs.open_cases, 0) AS open_cases, coalesce(cs.overdue_cases, 0) AS overdue_cases,
      coalesce(cs.yellow_cases, 0) AS yellow_cases, coalesce(cam.cameras, 0) AS cameras, coalesce(cam.cameras_online, 0) AS cameras_online
    FROM codes
    LEFT JOIN hh ON hh.code = codes.code
    LEFT JOIN cs ON cs.code = codes.code
    LEFT JOIN cam ON cam.code = codes.code`;
  const byCode = new Map<string, GridFigures>();
  const total = { ...noFigures };
  for (const row of rows) {
    const figures: GridFigures = {
      households: Number(row.households),
      linked: Number(row.linked),
      population: Number(row.population),
      openCases: Number(row.open_cases),
      overdueCases: Number(row.overdue_cases),
      yellowCases: Number(row.yellow_cases),
      cameras: Number(row.cameras),
      camerasOnline: Number(row.cameras_online),
    };
    byCode.set(row.code, figures);
    for (const key of Object.keys(total) as (keyof GridFigures)[]) total[key] += figures[key];
  }
  if (grid.level === 'group') return { total, children: [] };
  const children = await sql<{ code: string; name: string; level: GridLevel; x: number | null; y: number | null }>`
    SELECT g.code, g.name, g.level,
      round(ST_X(g.label_point)::numeric, 6)::float8 AS x, round(ST_Y(g.label_point)::numeric, 6)::float8 AS y
    FROM grids g WHERE g.parent_code = ${grid.code} AND g.valid_to IS NULL
    ORDER BY g.code`;
  return {
    total,
    children: children.map((child) => ({
      code: child.code,
      name: child.name,
      level: child.level,
      labelPoint: child.x === null || child.y === null ? null : [child.x, child.y],
      measures: childMeasures(byCode.get(child.code) ?? noFigures),
    })),
  };
}

function childMeasures(figures: GridFigures): ChildMeasures {
  return {
    households: figures.households,
    openCases: figures.openCases,
    overdueCases: figures.overdueCases,
    openPer100Households: figures.households > 0 ? round4((figures.openCases * 100) / figures.households) : null,
    linkCoverage: nullableRound4(shareOf(figures.linked, figures.households)),
    cameraOnlineRate: nullableRound4(shareOf(figures.camerasOnline, figures.cameras)),
  };
}

export function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

export function nullableRound4(value: number | null): number | null {
  return value === null ? null : round4(value);
}
