import { CASE_LEVELS, isCaseLevel, type CaseLevel } from './caseLevel.js';
import { afterWorkingMs, endOfWorkingDaysAfter, workingMsBetween, type WorkingDayCalendar } from './workingDays.js';

/**
 * Stage deadlines of a case. Each level has its own clock, restarted when the case enters the
 * level (escalate, hand down, send back, skip, reopen). The rule for "N working days" is in
 * workingDays.ts: 17:30 China time on the Nth working day after the day the stage started.
 */
export interface CaseDeadlineConfig {
  /** Working days allowed at each level unless the category says otherwise. */
  stageWorkingDays: Record<CaseLevel, number>;
  /** Per category code, working days that replace the default at some levels. */
  categoryStageWorkingDays: Record<string, Partial<Record<CaseLevel, number>>>;
  /** Share of the stage's working time after which the case turns yellow (0.7 = 70 %). */
  warnShare: number;
  /**
   * Working time a case may stay overdue (red) before the system escalates it one level up. The
   * level gets a last look at its red case instead of losing it at 17:30:01; at the top level a
   * case stays red until someone acts.
   */
  autoEscalationGraceWorkingMs: number;
  /** The most working days one extension (延期) may add. */
  maxExtensionWorkingDays: number;
}

/** Gaotai's four-level seven-day method: group 1, village 2, town justice office 2, town centre 2. */
export const GAOTAI_CASE_DEADLINES: CaseDeadlineConfig = {
  stageWorkingDays: { group: 1, village: 2, town_justice: 2, town_centre: 2 },
  categoryStageWorkingDays: {},
  warnShare: 0.7,
  autoEscalationGraceWorkingMs: 4 * 3_600_000,
  maxExtensionWorkingDays: 5,
};

/**
 * Adds the categories' own deadlines (`case_categories.sla_days`) to a config. `sla_days` is an
 * object of level → working days (`{"village": 3}`) or an array in level order
 * (`[1, 2, 2, 2]`); other shapes and non-positive or fractional numbers are ignored.
 */
export function withCategoryDeadlines(
  categories: ReadonlyArray<{ code: string; sla_days: unknown }>,
  base: CaseDeadlineConfig = GAOTAI_CASE_DEADLINES,
): CaseDeadlineConfig {
  const byCategory: Record<string, Partial<Record<CaseLevel, number>>> = { ...base.categoryStageWorkingDays };
  for (const { code, sla_days: sla } of categories) {
    const days: Partial<Record<CaseLevel, number>> = {};
    const entries: Array<[unknown, unknown]> = Array.isArray(sla)
      ? sla.map((value, index) => [CASE_LEVELS[index], value])
      : sla !== null && typeof sla === 'object'
        ? Object.entries(sla)
        : [];
    for (const [level, value] of entries) {
      if (isCaseLevel(level) && typeof value === 'number' && Number.isInteger(value) && value >= 1) days[level] = value;
    }
    if (Object.keys(days).length > 0) byCategory[code] = days;
  }
  return { ...base, categoryStageWorkingDays: byCategory };
}

export function stageWorkingDays(config: CaseDeadlineConfig, category: string, level: CaseLevel): number {
  return config.categoryStageWorkingDays[category]?.[level] ?? config.stageWorkingDays[level];
}

export interface StageClock {
  stageStartedAt: Date;
  stageWarnAt: Date;
  stageDueAt: Date;
}

/** The instant `warnShare` of the working time from `start` to `due` has passed. */
export function stageWarnAt(start: Date, due: Date, warnShare: number, calendar: WorkingDayCalendar): Date {
  const allowed = workingMsBetween(start, due, calendar);
  return afterWorkingMs(start, Math.round(allowed * warnShare), calendar);
}

/** The clock of a stage that starts at `start` and allows `workingDays`. */
export function stageClock(
  start: Date,
  workingDays: number,
  config: CaseDeadlineConfig,
  calendar: WorkingDayCalendar,
): StageClock {
  const due = endOfWorkingDaysAfter(start, workingDays, calendar);
  return { stageStartedAt: start, stageWarnAt: stageWarnAt(start, due, config.warnShare, calendar), stageDueAt: due };
}

/** When the system may escalate an overdue stage: the grace of working time after its due instant. */
export function autoEscalationAt(due: Date, config: CaseDeadlineConfig, calendar: WorkingDayCalendar): Date {
  return afterWorkingMs(due, config.autoEscalationGraceWorkingMs, calendar);
}

export type CaseDeadlineState = 'green' | 'yellow' | 'red';

const OPEN_STATUSES: ReadonlySet<string> = new Set(['registered', 'accepted', 'mediating']);

/**
 * Green while under 70 % of the stage's time, yellow from the warning point, red once overdue
 * (strictly after the due instant). A case that is not open (resolved, closed, transferred,
 * voided) has no running clock and is green.
 */
export function caseDeadlineState(
  stage: { status?: string; stageWarnAt: Date | null; stageDueAt: Date | null },
  now: Date,
): CaseDeadlineState {
  if (stage.status !== undefined && !OPEN_STATUSES.has(stage.status)) return 'green';
  const t = now.getTime();
  if (stage.stageDueAt && t > stage.stageDueAt.getTime()) return 'red';
  if (stage.stageWarnAt && t >= stage.stageWarnAt.getTime()) return 'yellow';
  return 'green';
}
