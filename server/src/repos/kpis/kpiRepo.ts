import type { Sql } from '../../db/database.js';
import { parseGridCode, type GridCode } from '../../domain/gridCode.js';
import { kpiPeriod, shareOf } from '../../domain/kpiPeriod.js';
import { emptyRollup, gridRollups, patrolsDone } from '../rollups/gridRollupRepo.js';
import { timelineCounts } from '../rollups/rollupTimelineRepo.js';
import type { GridKpiFigures } from '../../contract/kpis.js';

/**
 * The command-centre figures of a grid (DOMAIN.md "Measures that leaders look at"). Counts only: no
 * personal data. Read from the rollups (migration 010): the grid's row, its timeline up to now and
 * its patrols of today, so a prefecture costs what a village does.
 */
export type { GridKpiFigures };

/** Patrols are per village: a group's patrols (and villages) are its village's. */
function patrolGrid(grid: GridCode): GridCode {
  if (grid.level !== 'group') return grid;
  const village = parseGridCode(grid.code.slice(0, 12));
  if (!village) throw new Error(`group ${grid.code} has no village code`);
  return village;
}

export async function gridKpis(sql: Sql, grid: GridCode, now: Date = new Date()): Promise<GridKpiFigures> {
  const period = kpiPeriod(now);
  const patrols = patrolGrid(grid);
  const [rollups, counts, done] = await Promise.all([
    gridRollups(sql, [...new Set([grid.code, patrols.code])]),
    timelineCounts(
      sql,
      grid,
      [],
      {
        overdue: { series: 'due', since: 'all', upTo: 'before' },
        resolvedToday: { series: 'resolved', since: 'day', upTo: 'at' },
        resolvedMonth: { series: 'resolved', since: 'month', upTo: 'at' },
        resolvedInVillage: { series: 'resolved_in_village', since: 'month', upTo: 'at' },
        // 转办 is final, so a transferred case has one transfer step: counting steps counts cases.
        transferredMonth: { series: 'transferred', since: 'month', upTo: 'at' },
      },
      now,
    ),
    patrolsDone(sql, patrols, period.today, now),
  ]);
  const own = rollups.get(grid.code) ?? emptyRollup;
  const villages = (rollups.get(patrols.code) ?? emptyRollup).villages;
  const slotsDone = done.am + done.pm;
  // A slot done before its window ended is due already (see the contract's patrolSlotsDue).
  const slotsDoneEarly = (['am', 'pm'] as const)
    .filter((slot) => !period.slotsDue.includes(slot))
    .reduce((sum, slot) => sum + done[slot], 0);
  const patrolSlotsDue = villages * period.slotsDue.length + slotsDoneEarly;
  const resolvedMonth = counts.resolvedMonth.total;
  const transferredMonth = counts.transferredMonth.total;
  return {
    openNow: own.openCases,
    overdueNow: counts.overdue.total,
    resolvedToday: counts.resolvedToday.total,
    resolvedThisMonth: resolvedMonth,
    transferredThisMonth: transferredMonth,
    villageResolutionRate: shareOf(counts.resolvedInVillage.total, resolvedMonth),
    townResolutionRate: shareOf(resolvedMonth, resolvedMonth + transferredMonth),
    cameras: own.cameras,
    camerasOnline: own.camerasOnline,
    cameraOnlineRate: shareOf(own.camerasOnline, own.cameras),
    villages,
    patrolSlotsDone: slotsDone,
    patrolSlotsDue,
    patrolCompletion: shareOf(slotsDone, patrolSlotsDue),
  };
}
