import type { Sql } from '../../db/database.js';
import { sqlJoin, sqlPart, sqlRaw, type SqlQuery } from '../../db/sqlQuery.js';
import type { GridCode } from '../../domain/gridCode.js';
import { rollupWindowPlan, type RollupSince } from '../../domain/rollupWindow.js';
import { gridScopeCondition } from '../sql/gridScopeSql.js';
import { childCodeSql, codeArray } from './rollupCodeSql.js';

/**
 * Counts of instants up to `now` for a grid and its children, read from the rollup timeline
 * (migration 010) and, for the current hour, from the base table through an index on the instant
 * (domain/rollupWindow.ts): a grid of any size costs at most 12 + 31 + 24 timeline rows per code
 * and series plus the rows of the last hour of the whole database.
 */
export type TimelineSeries =
  'reported' | 'resolved' | 'resolved_in_village' | 'transferred' | 'due' | 'warn' | 'due_warned';

export interface TimelineCount {
  series: TimelineSeries;
  since: RollupSince;
  /** `before`: instants < now (a deadline that has passed); `at`: instants ≤ now (something that happened). */
  upTo: 'before' | 'at';
  /** Only the grid's total is wanted: the children's timeline rows are not read. */
  totalOnly?: boolean;
}

export interface CodeCounts {
  /** Every row in the grid's scope (also rows of a child that is no longer current). */
  total: number;
  /** Per child code asked for (0 when nothing was counted; not read for a `totalOnly` count). */
  byCode: Map<string, number>;
}

const OPEN = sqlPart`k.status IN ('registered', 'accepted', 'mediating')`;

/** The base rows of a series and the instant that times them, as migration 010's gridmap_case_timeline. */
function seriesRows(series: TimelineSeries): { rows: SqlQuery; instant: SqlQuery } {
  switch (series) {
    case 'reported':
      return { rows: sqlPart`cases k WHERE true`, instant: sqlPart`k.reported_at` };
    case 'resolved':
      return { rows: sqlPart`cases k WHERE true`, instant: sqlPart`k.resolved_at` };
    case 'resolved_in_village':
      return {
        rows: sqlPart`cases k WHERE k.resolved_level IN ('group', 'village')`,
        instant: sqlPart`k.resolved_at`,
      };
    case 'transferred':
      return {
        rows: sqlPart`case_steps s JOIN cases k ON k.serial = s.serial
          WHERE s.to_status = 'transferred' AND k.status = 'transferred'`,
        instant: sqlPart`s.at`,
      };
    case 'due':
      return { rows: sqlPart`cases k WHERE ${OPEN}`, instant: sqlPart`k.stage_due_at` };
    case 'warn':
      return { rows: sqlPart`cases k WHERE ${OPEN}`, instant: sqlPart`k.stage_warn_at` };
    case 'due_warned':
      return { rows: sqlPart`cases k WHERE ${OPEN} AND k.stage_warn_at IS NOT NULL`, instant: sqlPart`k.stage_due_at` };
  }
}

/**
 * The named counts of `grid` (its total) and of each of `childCodes`, all read in one statement so
 * the timeline and the current hour come from one snapshot.
 */
export async function timelineCounts<Name extends string>(
  sql: Sql,
  grid: GridCode,
  childCodes: readonly string[],
  counts: Readonly<Record<Name, TimelineCount>>,
  now: Date,
): Promise<Record<Name, CodeCounts>> {
  const names = Object.keys(counts) as Name[];
  const codes = codeArray([grid.code, ...childCodes]);
  const ownCode = codeArray([grid.code]);
  const windows: SqlQuery[] = [];
  const exact: SqlQuery[] = [];
  for (const name of names) {
    const count = counts[name];
    const plan = rollupWindowPlan(count.since, now);
    for (const range of plan.ranges) {
      windows.push(
        sqlPart`(${name}::text, ${count.series}::text, ${range.grain}::text,
          coalesce(${range.from}::timestamptz, '-infinity'::timestamptz), ${range.to}::timestamptz,
          ${count.totalOnly ? ownCode : codes})`,
      );
    }
    const { rows, instant } = seriesRows(count.series);
    const upTo = sqlRaw(count.upTo === 'before' ? '<' : '<=');
    // MATERIALIZED: the current hour is found through the instant's index first, then filtered by
    // scope — never the grid's rows filtered by the hour.
    exact.push(sqlPart`
      SELECT 'exact' AS part, ${name}::text AS name, ${childCodeSql('k', grid)} AS code, count(*) AS n
      FROM (
        WITH recent AS MATERIALIZED (
          SELECT k.town_code, k.village_code, k.group_code FROM ${rows}
            AND ${instant} >= ${plan.exactFrom} AND ${instant} ${upTo} ${now})
        SELECT * FROM recent) AS k
      WHERE ${gridScopeCondition('k', grid.scope)}
      GROUP BY 3`);
  }
  const stored =
    windows.length === 0
      ? sqlPart``
      : sqlPart`
      SELECT 'rollup' AS part, w.name, t.code, t.n
      FROM (VALUES ${sqlJoin(windows, ', ')}) AS w(name, series, grain, lo, hi, codes)
      -- Summed inside: the lateral stays one primary-key range per window and code, where a join
      -- the planner may flatten it into would hash every bucket of the codes' whole history.
      CROSS JOIN LATERAL (
        SELECT t.code, sum(t.n) AS n FROM grid_rollup_timeline t
        WHERE t.code = ANY (w.codes) AND t.series = w.series AND t.grain = w.grain
          AND t.bucket >= w.lo AND t.bucket < w.hi
        GROUP BY t.code) AS t
      UNION ALL`;
  const rows = await sql.query<{ part: 'rollup' | 'exact'; name: Name; code: string; n: number }>(
    sqlPart`${stored} ${sqlJoin(exact, ' UNION ALL ')}`,
  );
  const result = Object.fromEntries(
    names.map((name) => [name, { total: 0, byCode: new Map(childCodes.map((code) => [code, 0])) }]),
  ) as Record<Name, CodeCounts>;
  for (const row of rows) {
    const counted = result[row.name];
    const n = Number(row.n);
    // The grid's own rollup row is its total; the current hour's rows all lie in its scope.
    if (row.part === 'exact' || row.code === grid.code) counted.total += n;
    const child = counted.byCode.get(row.code);
    if (child !== undefined) counted.byCode.set(row.code, child + n);
  }
  return result;
}
