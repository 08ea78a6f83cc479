import fp from 'fastify-plugin';
import type { Database } from '../db/database.js';
import type { Viewer } from '../domain/accessRole.js';
import { alertCheckAction } from '../domain/alerts/alertSchedule.js';
import { ALERT_HISTORY_DAYS, ALERT_WINDOW_DAYS, villageAlerts } from '../domain/alerts/villageAlert.js';
import type { CategoryName } from '../domain/alerts/alertExplanation.js';
import { addCalendarDays, chinaDate, chinaTime } from '../domain/workingDays.js';
import { publishEvents } from '../outbox/publishEvent.js';
import { recordAudit } from '../repos/audit/auditRepo.js';
import { listCaseCategories } from '../repos/cases/caseCategoryRepo.js';
import { hotspotGrids } from '../repos/hotspots/hotspotCubeRepo.js';
import {
  alertKeys,
  claimAlertRun,
  countyCodes,
  dailyVillageCounts,
  finishAlertRun,
  replaceAlerts,
  type AlertRow,
  type CodeRange,
} from '../repos/alerts/villageAlertRepo.js';

/**
 * Recomputes the early-warning alerts (issue #15 part 5) of the villages whose codes lie in
 * `villages`, as of `now`: each village's daily counts over the last 364 days, its CUSUM
 * (domain/alerts/villageAlert.ts), the alarmed days of the last 35 stored in place of the old ones
 * in one transaction, an `alert` live event per town whose alerts changed, and (on demand) an
 * audit entry. Returns the alerts now stored for the window.
 */
export async function recomputeAlerts(
  db: Database,
  area: { code: string; villages: CodeRange },
  options: { now?: Date; actor?: Viewer | null } = {},
): Promise<{ day: string; villages: number; alerts: AlertRow[] }> {
  const now = options.now ?? new Date();
  const today = chinaDate(now);
  const firstDay = addCalendarDays(today, 1 - ALERT_HISTORY_DAYS);
  const windowDay = addCalendarDays(today, 1 - ALERT_WINDOW_DAYS);
  const [grids, counted, categories] = await Promise.all([
    hotspotGrids(db.sql, 'village', area.villages),
    dailyVillageCounts(db.sql, area.villages, { from: chinaTime(firstDay, 0), until: now }),
    listCaseCategories(db.sql),
  ]);
  const names = new Map<string, CategoryName>(categories.map((c) => [c.code, { zh: c.nameZh, en: c.nameEn }]));
  const histories = new Map(
    grids.map((grid) => [
      grid.code,
      { daily: new Array<number>(ALERT_HISTORY_DAYS).fill(0), byCategory: {} as Record<string, number[]> },
    ]),
  );
  for (const { village, category, day, count } of counted) {
    const history = histories.get(village);
    if (!history || day < 0 || day >= ALERT_HISTORY_DAYS) continue;
    history.daily[day]! += count;
    (history.byCategory[category] ??= new Array<number>(ALERT_HISTORY_DAYS).fill(0))[day]! += count;
  }
  const alerts: AlertRow[] = [];
  for (const [village, history] of histories) {
    for (const finding of villageAlerts(history, names)) {
      alerts.push({
        village,
        // A village's town is its first 9 digits, padded (the code rule of every level).
        town: `${village.slice(0, 9)}000`,
        day: addCalendarDays(firstDay, finding.dayIndex),
        statistic: finding.statistic,
        threshold: finding.threshold,
        baselinePerWeek: finding.baselinePerWeek,
        categories: finding.categories,
        explanation: finding.explanationZh,
        explanationEn: finding.explanationEn,
      });
    }
  }
  await db.transaction(async (sql) => {
    const before = new Set(await alertKeys(sql, area.villages, windowDay));
    await replaceAlerts(sql, area.villages, windowDay, alerts, now);
    const after = new Set(alerts.map((a) => `${a.village} ${a.day}`));
    const changedTowns = new Set<string>();
    for (const key of new Set([...before, ...after])) {
      if (before.has(key) !== after.has(key)) changedTowns.add(`${key.slice(0, 9)}000`);
    }
    if (options.actor) {
      await recordAudit(sql, {
        actor: options.actor,
        action: 'alerts.recompute',
        entity: 'grid',
        entityKey: area.code,
        before: { alerts: before.size },
        after: { alerts: after.size, day: today },
        place: area.code,
      });
    }
    await publishEvents(
      sql,
      [...changedTowns].sort().map((town) => ({
        kind: 'alert' as const,
        townCode: town,
        payload: {
          day: today,
          villages: alerts
            .filter((a) => a.town === town && a.day === today)
            .map((a) => a.village)
            .slice(0, 40),
        },
      })),
    );
  });
  return { day: today, villages: grids.length, alerts };
}

/**
 * The nightly run: every county of the database, once per China day across all instances (the
 * one that inserts the day's alert_runs row does it). Answers whether this call ran it.
 */
export async function runNightlyAlerts(db: Database, now: Date = new Date()): Promise<boolean> {
  const day = chinaDate(now);
  if (!(await claimAlertRun(db.sql, day))) return false;
  await recomputeEveryCounty(db, now);
  await finishAlertRun(db.sql, day);
  return true;
}

/** Every county of the database recomputed at `now`, claiming nothing. */
async function recomputeEveryCounty(db: Database, now: Date): Promise<void> {
  for (const county of await countyCodes(db.sql)) {
    const prefix = county.slice(0, 6);
    await recomputeAlerts(db, { code: county, villages: { from: `${prefix}000000`, to: `${prefix}999999` } }, { now });
  }
}

export interface AlertRecomputeOptions {
  /** Milliseconds between checks whether tonight's run is due; 0 = no timer (tests call the functions). */
  intervalMs: number;
  /** The China hour from which a day's run is due (default 2: after the day's reports, before the morning). */
  fromHour?: number;
  clock?: () => Date;
}

/**
 * Checks every `intervalMs` (and once when the app is ready, at any hour) whether the day's nightly run is due
 * and unclaimed, and runs it; a check never overlaps the previous one, closing waits for it.
 */
export const alertRecompute = fp<AlertRecomputeOptions>(
  async (app, options) => {
    if (!(options.intervalMs > 0)) return;
    const clock = options.clock ?? (() => new Date());
    const fromHour = options.fromHour ?? 2;
    let timer: NodeJS.Timeout | null = null;
    let running: Promise<void> | null = null;
    let closed = false;
    // The check when the app starts runs whatever the hour: a new or restored database (the demo,
    // seeded a moment ago) has alerts from its first minute. Before the night's hour it claims
    // nothing, so the day's run still comes after the night's reports.
    const check = (first: boolean) => {
      const now = clock();
      const action = alertCheckAction(now, fromHour, first);
      if (action === 'wait') return Promise.resolve();
      if (action === 'recompute') {
        return recomputeEveryCounty(app.db, now)
          .then(() => app.log.info({ day: chinaDate(now) }, 'alerts: recomputed at start, before the nightly run'))
          .catch((error: unknown) => app.log.error({ err: error }, 'alerts: recompute at start failed'));
      }
      return runNightlyAlerts(app.db, now)
        .then((ran) => {
          if (ran) app.log.info({ day: chinaDate(now) }, 'alerts: nightly recompute done');
        })
        .catch((error: unknown) => app.log.error({ err: error }, 'alerts: nightly recompute failed; retried tomorrow'));
    };
    const schedule = (delay: number) => {
      if (closed) return;
      timer = setTimeout(() => {
        running = check(delay === 0).finally(() => {
          running = null;
          schedule(options.intervalMs);
        });
      }, delay);
      timer.unref();
    };
    app.addHook('onReady', async () => schedule(0));
    app.addHook('onClose', async () => {
      closed = true;
      if (timer) clearTimeout(timer);
      await running;
    });
  },
  { name: 'gridmap-alert-recompute', decorators: { fastify: ['db'] } },
);
