import { autoEscalationAt, type CaseDeadlineConfig } from '../domain/caseDeadline.js';
import { levelAbove, levelRank, type CaseLevel } from '../domain/caseLevel.js';
import {
  applyCaseAction,
  isOpenCaseStatus,
  registerCase,
  SYSTEM_ACTOR,
  type CaseAction,
  type CaseActor,
  type CaseState,
  type CaseStep,
} from '../domain/caseLifecycle.js';
import type { CaseActorRole } from '../domain/caseRoles.js';
import { afterWorkingMs, WORKDAY_MS, workingMsBetween, type WorkingDayCalendar } from '../domain/workingDays.js';

/**
 * The life of one demo case, told by running the lifecycle (applyCaseAction) step by step, so the
 * seeded step log always obeys it. A story stops at `now`: whatever it has not reached yet has not
 * happened, and the case is left open (or awaiting follow-up) in a state the live system could be in.
 */

export type CaseOutcomePlan = 'resolved' | 'transferred' | 'voided';

export interface CaseStoryPlan {
  category: string;
  major: boolean;
  reportedAt: Date;
  /** The level that takes the report. */
  entryLevel: CaseLevel;
  /** Where the case is meant to be settled (it may end higher if a stage runs late). */
  targetLevel: CaseLevel;
  outcome: CaseOutcomePlan;
  /** Transfers go to this department or court. */
  transferTo: string;
  /** Chance that a stage runs past its deadline. */
  lateShare: number;
  /** Chance that the follow-up visit finds the settlement failed (返工). */
  reopenShare: number;
}

export interface CaseStoryWorld {
  calendar: WorkingDayCalendar;
  config: CaseDeadlineConfig;
  now: Date;
  random: () => number;
  /** The person who acts in `role` for this case (members.id where the seed has one). */
  actor: (role: CaseActorRole) => CaseActor;
}

export interface CaseStory {
  state: CaseState;
  steps: CaseStep[];
}

/** Who works a case at each level, and who does the follow-up visit and closes it. */
const WORKER: Record<CaseLevel, CaseActorRole> = {
  group: 'grid_staff',
  village: 'village_cadre',
  town_justice: 'town_leader',
  town_centre: 'town_leader',
};
const CLOSER: Record<CaseLevel, CaseActorRole> = {
  group: 'village_cadre',
  village: 'village_cadre',
  town_justice: 'town_leader',
  town_centre: 'town_leader',
};

const ESCALATE_NOTES: Record<CaseLevel, string> = {
  group: '组内调解未果，上报村级',
  village: '村级调解未果，上报镇司法所',
  town_justice: '司法所调解未果，提交镇综治中心',
  town_centre: '',
};
const VOID_REASONS = ['重复登记', '不属于受理范围', '反映情况不实', '当事人撤回'];

class Stopped extends Error {}

/** Runs one case's story. Throws if the story asks the lifecycle for something it refuses (a seed bug). */
export function tellCaseStory(plan: CaseStoryPlan, world: CaseStoryWorld): CaseStory {
  const { calendar, config, now, random } = world;
  const between = (min: number, max: number) => min + (max - min) * random();
  const steps: CaseStep[] = [];

  const registered = registerCase(
    { category: plan.category, major: plan.major, level: plan.entryLevel, reportedAt: plan.reportedAt },
    world.actor(WORKER[plan.entryLevel]),
    calendar,
    config,
  );
  if (!registered.ok) throw new Error(`seed story: ${registered.message}`);
  let state = registered.state;
  steps.push(registered.step);
  let lastAt = plan.reportedAt.getTime();

  const take = (action: CaseAction, role: CaseActorRole, at: Date): void => {
    if (at.getTime() > now.getTime()) throw new Stopped();
    const outcome = applyCaseAction(
      state,
      action,
      role === 'system' ? SYSTEM_ACTOR : world.actor(role),
      at,
      calendar,
      config,
    );
    if (!outcome.ok) throw new Error(`seed story broke the lifecycle (${action.type}): ${outcome.message}`);
    state = outcome.state;
    steps.push(outcome.step);
    lastAt = at.getTime();
  };
  /** The instant `share` of the current stage's working time has passed, never before the last step. */
  const atShare = (share: number): Date => {
    const start = state.stageStartedAt;
    const allowed = state.stageDueAt ? workingMsBetween(start, state.stageDueAt, calendar) : WORKDAY_MS;
    const at = afterWorkingMs(start, allowed * share, calendar).getTime();
    return new Date(Math.ceil(Math.max(at, lastAt + 60_000) / 1000) * 1000);
  };
  const afterWorkingDays = (days: number): Date =>
    new Date(Math.ceil(afterWorkingMs(new Date(lastAt), days * WORKDAY_MS, calendar).getTime() / 1000) * 1000);

  let target = plan.targetLevel;
  try {
    if (plan.outcome === 'voided') {
      take(
        { type: 'void', reason: VOID_REASONS[Math.floor(random() * VOID_REASONS.length)]! },
        WORKER[state.level],
        atShare(between(0.03, 0.4)),
      );
      return { state, steps };
    }
    if (levelRank(state.level) > levelRank(target)) {
      take({ type: 'accept' }, WORKER[state.level], atShare(between(0.02, 0.1)));
      take({ type: 'hand_down', to: target, note: '交办属地调处' }, 'town_leader', atShare(between(0.1, 0.3)));
    } else if (plan.major && levelRank(target) >= levelRank(state.level) + 2) {
      take(
        { type: 'skip', to: target, note: '重大紧急事项，越级上报' },
        WORKER[state.level],
        atShare(between(0.01, 0.08)),
      );
    }
    let sentBack = false;
    while (isOpenCaseStatus(state.status)) {
      const level = state.level;
      const came = steps[steps.length - 1]!;
      if (
        !sentBack &&
        came.action === 'escalate' &&
        came.actorRole !== 'system' &&
        state.previousLevel &&
        random() < 0.05
      ) {
        sentBack = true;
        take({ type: 'send_back', note: '事实不清，退回补充调查' }, WORKER[level], atShare(between(0.03, 0.2)));
        target = state.level;
        continue;
      }
      const late = random() < plan.lateShare;
      if (state.status === 'registered') take({ type: 'accept' }, WORKER[level], atShare(between(0.02, 0.15)));
      const above = levelAbove(level);
      if (levelRank(level) < levelRank(target) || (late && above && plan.outcome === 'resolved')) {
        if (random() < 0.7) take({ type: 'mediate' }, WORKER[level], atShare(between(0.15, 0.4)));
        if (late && above) {
          take(
            { type: 'escalate', note: '超期未办结，系统自动上报' },
            'system',
            autoEscalationAt(state.stageDueAt!, config, calendar),
          );
          if (levelRank(target) < levelRank(state.level)) target = state.level;
        } else {
          take({ type: 'escalate', note: ESCALATE_NOTES[level] }, WORKER[level], atShare(between(0.45, 0.95)));
        }
        continue;
      }
      if (state.status === 'accepted') take({ type: 'mediate' }, WORKER[level], atShare(between(0.1, 0.3)));
      if (levelRank(level) >= levelRank('town_justice') && random() < 0.08) {
        const days = 1 + Math.floor(random() * 3);
        take(
          { type: 'extend', days, note: `案情复杂，批准延期${days}个工作日` },
          'town_leader',
          atShare(between(0.5, 0.85)),
        );
      }
      if (plan.outcome === 'transferred') {
        take({ type: 'transfer', to: plan.transferTo, note: '依法转办' }, 'town_leader', atShare(between(0.3, 0.9)));
        break;
      }
      take(
        { type: 'resolve', note: '双方达成调解协议' },
        WORKER[level],
        atShare(late ? between(1.05, 1.6) : between(0.2, 0.97)),
      );
      if (random() < plan.reopenShare) {
        take({ type: 'reopen', note: '回访不满意，返工' }, CLOSER[level], afterWorkingDays(between(0.5, 4)));
        take({ type: 'resolve', note: '重新调解，达成协议' }, WORKER[level], atShare(between(0.3, 0.95)));
      }
      take({ type: 'close', note: '回访满意，结案' }, CLOSER[level], afterWorkingDays(between(0.5, 5)));
    }
  } catch (error) {
    if (!(error instanceof Stopped)) throw error;
  }
  return { state, steps };
}
