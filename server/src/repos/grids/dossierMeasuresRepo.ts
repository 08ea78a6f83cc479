import type { Sql } from '../../db/database.js';
import type { GridCode, GridLevel } from '../../domain/gridCode.js';
import { shareOf } from '../../domain/kpiPeriod.js';
import type { ChildMeasures, DossierChild, TrendMonth } from '../../contract/dossier.js';
import { emptyRollup, gridRollups, type GridRollup } from '../rollups/gridRollupRepo.js';
import { timelineCounts } from '../rollups/rollupTimelineRepo.js';

/**
 * The dossier's figures over time and across the children: the 12-month trend and each child's
 * measures, from the rollups (migration 010) of the grid and its children — a prefecture costs
 * what a group does, whatever lies below it.
 */

const chinaOffsetMs = 8 * 3_600_000;

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
 * 小事不出村 = resolved_level group or village / resolved). The eleven past months are whole
 * months of the timeline; the current one is counted up to now.
 */
export async function gridTrends(sql: Sql, grid: GridCode, now: Date): Promise<TrendMonth[]> {
  const { labels, bounds } = trendMonths(now);
  const current = bounds[bounds.length - 2]!;
  const [past, thisMonth] = await Promise.all([
    sql<{ series: 'reported' | 'resolved' | 'resolved_in_village'; bucket: Date; n: number }>`
      SELECT series, bucket, n FROM grid_rollup_timeline
      WHERE code = ${grid.code} AND series IN ('reported', 'resolved', 'resolved_in_village') AND grain = 'month'
        AND bucket >= ${bounds[0]!} AND bucket < ${current}`,
    timelineCounts(
      sql,
      grid,
      [],
      {
        reported: { series: 'reported', since: 'month', upTo: 'at' },
        resolved: { series: 'resolved', since: 'month', upTo: 'at' },
        resolvedInVillage: { series: 'resolved_in_village', since: 'month', upTo: 'at' },
      },
      now,
    ),
  ]);
  const months = labels.map((month) => ({ month, registered: 0, resolved: 0, resolvedInVillage: 0 }));
  const monthAt = new Map(bounds.slice(0, -1).map((start, index) => [start.getTime(), months[index]!]));
  for (const row of past) {
    const month = monthAt.get(new Date(row.bucket).getTime());
    if (!month) continue;
    if (row.series === 'reported') month.registered += Number(row.n);
    else if (row.series === 'resolved') month.resolved += Number(row.n);
    else month.resolvedInVillage += Number(row.n);
  }
  const last = months[months.length - 1]!;
  last.registered = thisMonth.reported.total;
  last.resolved = thisMonth.resolved.total;
  last.resolvedInVillage = thisMonth.resolvedInVillage.total;
  return months.map((month) => ({
    ...month,
    resolutionRate: shareOf(month.resolved, month.registered),
    villageResolutionRate: shareOf(month.resolvedInVillage, month.resolved),
  }));
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
  /** The grid's own rollup (streets, villages: what other parts of the dossier show). */
  rollup: GridRollup;
}

/**
 * The grid's figures and its children's: their rollup rows, and the overdue and yellow counts from
 * the open cases' deadlines in the timeline (red: due before now; yellow: warning reached, not red
 * — the stage clock of caseRepo / domain/caseDeadline).
 */
export async function gridFigures(sql: Sql, grid: GridCode, now: Date): Promise<GridFigureBreakdown> {
  const children =
    grid.level === 'group'
      ? []
      : await sql<{ code: string; name: string; level: GridLevel; x: number | null; y: number | null }>`
          SELECT g.code, g.name, g.level,
            round(ST_X(g.label_point)::numeric, 6)::float8 AS x, round(ST_Y(g.label_point)::numeric, 6)::float8 AS y
          FROM grids g WHERE g.parent_code = ${grid.code} AND g.valid_to IS NULL
          ORDER BY g.code`;
  const childCodes = children.map((child) => child.code);
  const [rollups, deadlines] = await Promise.all([
    gridRollups(sql, [grid.code, ...childCodes]),
    timelineCounts(
      sql,
      grid,
      childCodes,
      {
        red: { series: 'due', since: 'all', upTo: 'before' },
        // The children's measures show red only: yellow is the grid's own.
        warned: { series: 'warn', since: 'all', upTo: 'at', totalOnly: true },
        redWarned: { series: 'due_warned', since: 'all', upTo: 'before', totalOnly: true },
      },
      now,
    ),
  ]);
  const figuresOf = (rollup: GridRollup, red: number, warned: number, redWarned: number): GridFigures => ({
    households: rollup.households,
    linked: rollup.linked,
    population: rollup.population,
    openCases: rollup.openCases,
    overdueCases: red,
    // Every red case with a warning instant reached it first (stage_warn_at <= stage_due_at).
    yellowCases: warned - redWarned,
    cameras: rollup.cameras,
    camerasOnline: rollup.camerasOnline,
  });
  const own = rollups.get(grid.code) ?? emptyRollup;
  return {
    total: figuresOf(own, deadlines.red.total, deadlines.warned.total, deadlines.redWarned.total),
    rollup: own,
    children: children.map((child) => ({
      code: child.code,
      name: child.name,
      level: child.level,
      labelPoint: child.x === null || child.y === null ? null : [child.x, child.y],
      measures: childMeasures(
        figuresOf(rollups.get(child.code) ?? emptyRollup, deadlines.red.byCode.get(child.code) ?? 0, 0, 0),
      ),
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
