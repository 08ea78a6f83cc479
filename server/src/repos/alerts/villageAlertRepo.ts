import type { Sql } from '../../db/database.js';
import { sqlPart } from '../../db/sqlQuery.js';
import type { GridScope } from '../../domain/gridCode.js';
import type { VillageAlert } from '../../contract/alerts.js';
import { gridScopeCondition, isoTimestampSql } from '../sql/gridScopeSql.js';

export interface CodeRange {
  from: string;
  to: string;
}

/** Cases per village, category and China day d (0 = the day starting at `from`), reported in [from, until]. */
export async function dailyVillageCounts(
  sql: Sql,
  villages: CodeRange,
  days: { from: Date; until: Date },
): Promise<{ village: string; category: string; day: number; count: number }[]> {
  return sql<{ village: string; category: string; day: number; count: number }>`
    SELECT village_code AS village, category,
      floor(extract(epoch FROM reported_at - ${days.from}::timestamptz) / 86400)::int AS day, count(*)::int AS count
    FROM cases
    WHERE village_code BETWEEN ${villages.from} AND ${villages.to}
      AND reported_at >= ${days.from} AND reported_at <= ${days.until}
    GROUP BY 1, 2, 3`;
}

export interface AlertRow {
  village: string;
  town: string;
  day: string;
  statistic: number;
  threshold: number;
  baselinePerWeek: number;
  categories: Record<string, number>;
  explanation: string;
  explanationEn: string;
}

/** The (village, day) keys stored for the villages of `villages` from `fromDay` on. */
export async function alertKeys(sql: Sql, villages: CodeRange, fromDay: string): Promise<string[]> {
  const rows = await sql<{ key: string }>`
    SELECT village_code || ' ' || to_char(day, 'YYYY-MM-DD') AS key FROM village_alerts
    WHERE village_code BETWEEN ${villages.from} AND ${villages.to} AND day >= ${fromDay}::date
    ORDER BY 1`;
  return rows.map((row) => row.key);
}

/** Replaces the alerts of the villages of `villages` from `fromDay` on with `rows`. */
export async function replaceAlerts(
  sql: Sql,
  villages: CodeRange,
  fromDay: string,
  rows: readonly AlertRow[],
  computedAt: Date,
): Promise<void> {
  await sql`
    DELETE FROM village_alerts
    WHERE village_code BETWEEN ${villages.from} AND ${villages.to} AND day >= ${fromDay}::date`;
  if (rows.length === 0) return;
  await sql`
    INSERT INTO village_alerts (village_code, day, town_code, statistic, threshold, baseline_per_week, categories,
      explanation_zh, explanation_en, computed_at)
    SELECT village, day, town, statistic, threshold, "baselinePerWeek", categories, explanation, "explanationEn",
      ${computedAt}::timestamptz
    FROM json_to_recordset(${JSON.stringify(rows)}::text::json) AS r(village text, day date, town text,
      statistic float8, threshold float8, "baselinePerWeek" float8, categories jsonb, explanation text,
      "explanationEn" text)`;
}

/**
 * The alerts of the villages in `scope` (a group's scope reads its village's) on the China days
 * from `fromDay` to `toDay`, latest day first.
 */
export async function listAlerts(sql: Sql, scope: GridScope, fromDay: string, toDay: string): Promise<VillageAlert[]> {
  const where =
    scope.column === 'group_code'
      ? sqlPart`a.village_code = ${scope.from.slice(0, 12)}`
      : gridScopeCondition('a', scope);
  return sql.query<VillageAlert>(sqlPart`
    SELECT a.village_code AS village, coalesce(g.name, a.village_code) AS "villageName", a.town_code AS town,
      to_char(a.day, 'YYYY-MM-DD') AS day, a.statistic, a.threshold, a.baseline_per_week AS "baselinePerWeek",
      a.categories, a.explanation_zh AS explanation, a.explanation_en AS "explanationEn",
      ${isoTimestampSql('a.computed_at')} AS "computedAt"
    FROM village_alerts a LEFT JOIN grids g ON g.code = a.village_code AND g.valid_to IS NULL
    WHERE ${where} AND a.day BETWEEN ${fromDay}::date AND ${toDay}::date
    ORDER BY a.day DESC, a.village_code`);
}

/** Claims the nightly run of China day `day`: true for the one caller (of any instance) that inserted it. */
export async function claimAlertRun(sql: Sql, day: string): Promise<boolean> {
  const rows = await sql<{ day: string }>`
    INSERT INTO alert_runs (day) VALUES (${day}::date) ON CONFLICT (day) DO NOTHING RETURNING to_char(day, 'YYYY-MM-DD') AS day`;
  return rows.length > 0;
}

export async function finishAlertRun(sql: Sql, day: string): Promise<void> {
  await sql`UPDATE alert_runs SET finished_at = now() WHERE day = ${day}::date`;
}

/** The current county grids: the nightly run recomputes county by county. */
export async function countyCodes(sql: Sql): Promise<string[]> {
  const rows = await sql<{ code: string }>`
    SELECT code FROM grids WHERE level = 'county' AND valid_to IS NULL ORDER BY code`;
  return rows.map((row) => row.code);
}
