import type { Sql } from '../../db/database.js';
import { sqlPart, type SqlQuery } from '../../db/sqlQuery.js';
import { descendantCodeRange, type GridCode, type GridScope } from '../../domain/gridCode.js';
import { kpiPeriod, shareOf } from '../../domain/kpiPeriod.js';
import { gridScopeCondition } from '../sql/gridScopeSql.js';
import type { GridKpiFigures } from '../../contract/kpis.js';

/** The command-centre figures of a grid (DOMAIN.md "Measures that leaders look at"). Counts only: no personal data. */
export type { GridKpiFigures };

const OPEN = sqlPart`k.status IN ('registered', 'accepted', 'mediating')`;

/** Patrols are per village: a group's patrols are its village's. */
function patrolScope(grid: GridCode): GridScope {
  if (grid.level !== 'group') return grid.scope;
  const village = grid.code.slice(0, 12);
  return { column: 'village_code', from: village, to: village };
}

function villageGridCondition(grid: GridCode): SqlQuery {
  const range = descendantCodeRange(grid, 'village');
  if (range) return sqlPart`g.code BETWEEN ${range.from} AND ${range.to}`;
  return sqlPart`g.code = ${grid.code.slice(0, 12)}`;
}

export async function gridKpis(sql: Sql, grid: GridCode, now: Date = new Date()): Promise<GridKpiFigures> {
  const period = kpiPeriod(now);
  const scope = grid.scope;
  const [row] = await sql<{
    open_now: number;
    overdue_now: number;
    resolved_today: number;
    resolved_month: number;
    resolved_in_village: number;
    transferred_month: number;
    cameras: number;
    cameras_online: number;
    villages: number;
    slots_done: number;
    slots_done_early: number;
  }>`
    SELECT
      (SELECT count(*) FROM cases k WHERE ${gridScopeCondition('k', scope)} AND ${OPEN}) AS open_now,
      (SELECT count(*) FROM cases k WHERE ${gridScopeCondition('k', scope)} AND ${OPEN}
         AND k.stage_due_at < ${now}) AS overdue_now,
      (SELECT count(*) FROM cases k WHERE ${gridScopeCondition('k', scope)}
         AND k.resolved_at >= ${period.dayStart} AND k.resolved_at <= ${now}) AS resolved_today,
      (SELECT count(*) FROM cases k WHERE ${gridScopeCondition('k', scope)}
         AND k.resolved_at >= ${period.monthStart} AND k.resolved_at <= ${now}) AS resolved_month,
      (SELECT count(*) FROM cases k WHERE ${gridScopeCondition('k', scope)}
         AND k.resolved_at >= ${period.monthStart} AND k.resolved_at <= ${now}
         AND k.resolved_level IN ('group', 'village')) AS resolved_in_village,
      (SELECT count(*) FROM cases k WHERE ${gridScopeCondition('k', scope)} AND k.status = 'transferred'
         AND EXISTS (SELECT 1 FROM case_steps s WHERE s.serial = k.serial AND s.to_status = 'transferred'
                       AND s.at >= ${period.monthStart} AND s.at <= ${now})) AS transferred_month,
      (SELECT count(*) FROM cameras k WHERE ${gridScopeCondition('k', scope)}) AS cameras,
      (SELECT count(*) FROM cameras k WHERE ${gridScopeCondition('k', scope)} AND k.status = 'online') AS cameras_online,
      (SELECT count(*) FROM grids g WHERE g.valid_to IS NULL AND g.level = 'village' AND ${villageGridCondition(grid)}) AS villages,
      (SELECT count(*) FROM patrols k WHERE ${gridScopeCondition('k', patrolScope(grid))}
         AND k.day = ${period.today}::date AND k.done_at <= ${now}) AS slots_done,
      (SELECT count(*) FROM patrols k WHERE ${gridScopeCondition('k', patrolScope(grid))}
         AND k.day = ${period.today}::date AND k.done_at <= ${now}
         AND NOT ((k.slot = 'am' AND ${period.slotsDue.includes('am')}) OR (k.slot = 'pm' AND ${period.slotsDue.includes('pm')}))) AS slots_done_early`;
  if (!row) throw new Error('the KPI query returned no row');
  const patrolSlotsDue = row.villages * period.slotsDue.length + row.slots_done_early;
  return {
    openNow: row.open_now,
    overdueNow: row.overdue_now,
    resolvedToday: row.resolved_today,
    resolvedThisMonth: row.resolved_month,
    transferredThisMonth: row.transferred_month,
    villageResolutionRate: shareOf(row.resolved_in_village, row.resolved_month),
    townResolutionRate: shareOf(row.resolved_month, row.resolved_month + row.transferred_month),
    cameras: row.cameras,
    camerasOnline: row.cameras_online,
    cameraOnlineRate: shareOf(row.cameras_online, row.cameras),
    villages: row.villages,
    patrolSlotsDone: row.slots_done,
    patrolSlotsDue,
    patrolCompletion: shareOf(row.slots_done, patrolSlotsDue),
  };
}
