import { CASE_STATUSES, FOLLOW_UP_SATISFACTIONS } from '../contract/vocabulary.js';
import {
  autoEscalationAt,
  stageClock,
  stageWarnAt,
  stageWorkingDays,
  type CaseDeadlineConfig,
} from './caseDeadline.js';
import { levelAbove, levelBelow, levelRank, type CaseLevel } from './caseLevel.js';
import { roleMayTakeAction, type CaseActionType, type CaseActorRole } from './caseRoles.js';
import { endOfWorkingDaysAfter, type WorkingDayCalendar } from './workingDays.js';

/**
 * The case lifecycle (DOMAIN.md "Cases"): 登记 registered → 受理 accepted → 调解中 mediating →
 * 待回访 resolved → 结案 closed, with the side states 转办 transferred and 作废 voided.
 * `registered` also means "arrived at this level, not yet accepted there": escalating, handing down,
 * sending back and skipping put the case at its new level as `registered`.
 */
export { CASE_STATUSES, FOLLOW_UP_SATISFACTIONS };
export type CaseStatus = (typeof CASE_STATUSES)[number];
export type FollowUpSatisfaction = (typeof FOLLOW_UP_SATISFACTIONS)[number];

/** Statuses with a running stage clock. */
export const OPEN_CASE_STATUSES: readonly CaseStatus[] = ['registered', 'accepted', 'mediating'];

export function isOpenCaseStatus(status: CaseStatus): boolean {
  return OPEN_CASE_STATUSES.includes(status);
}

/** What the lifecycle needs to know about a case (the mutable columns of `cases`). */
export interface CaseState {
  status: CaseStatus;
  level: CaseLevel;
  category: string;
  /** Major or urgent: may skip levels (越级). */
  major: boolean;
  reportedAt: Date;
  stageStartedAt: Date;
  stageWarnAt: Date | null;
  stageDueAt: Date | null;
  resolvedAt: Date | null;
  resolvedLevel: CaseLevel | null;
  closedAt: Date | null;
  escalations: number;
  reopens: number;
  /** The level the case last came from, where 回退 (send back) returns it; the `from_level` of the last level change in the step log. */
  previousLevel: CaseLevel | null;
}

export interface CaseActor {
  role: CaseActorRole;
  /** `members.id`; null for the system and for people not in the members table. */
  memberId: number | null;
}

export const SYSTEM_ACTOR: CaseActor = { role: 'system', memberId: null };

/** An action on an existing case; `note` (≤ 500 characters) goes into the step log. */
export type CaseAction = { note?: string } & (
  | { type: 'accept' }
  | { type: 'mediate' }
  | { type: 'escalate' }
  /** 交办: to a lower level, one below unless `to` says. */
  | { type: 'hand_down'; to?: CaseLevel }
  /** 回退: back to the level it came from, before this level accepted it. */
  | { type: 'send_back' }
  | { type: 'resolve' }
  /**
   * 回访: the follow-up visit of a resolved case records the resident's satisfaction. Satisfied or
   * basically satisfied closes the case (结案); dissatisfied reopens it (返工) like `reopen`.
   */
  | { type: 'follow_up'; satisfaction: FollowUpSatisfaction }
  /** 结案 after the follow-up visit (回访) found the settlement holding. */
  | { type: 'close' }
  /** 返工 after a failed follow-up: mediation restarts at the level that resolved it. */
  | { type: 'reopen' }
  /** 转办 to a department or the courts, named in `to`. */
  | { type: 'transfer'; to: string }
  | { type: 'void'; reason: string }
  /** 越级: a major case jumps to a level at least two above. */
  | { type: 'skip'; to: CaseLevel }
  /** 延期: the approver adds working days to the current stage. */
  | { type: 'extend'; days: number }
);

/** One row of the append-only step log (`case_steps`). */
export interface CaseStep {
  at: Date;
  action: CaseActionType;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus;
  fromLevel: CaseLevel | null;
  toLevel: CaseLevel;
  actorRole: CaseActorRole;
  actorId: number | null;
  note: string | null;
  /** The resident's satisfaction, on a `follow_up` step only. */
  satisfaction: FollowUpSatisfaction | null;
}

export type CaseRefusalReason =
  | 'role_not_allowed'
  | 'wrong_status'
  | 'top_level'
  | 'bottom_level'
  | 'bad_target_level'
  | 'not_overdue'
  | 'not_major'
  | 'no_previous_level'
  | 'missing_text'
  | 'bad_extension'
  | 'time_before_last_step'
  | 'note_too_long';

export type CaseOutcome =
  { ok: true; state: CaseState; step: CaseStep } | { ok: false; reason: CaseRefusalReason; message: string };

const NOTE_MAX = 500;

/** From which statuses each action may be taken. */
const FROM_STATUSES: Record<Exclude<CaseActionType, 'register'>, readonly CaseStatus[]> = {
  accept: ['registered'],
  mediate: ['accepted'],
  escalate: OPEN_CASE_STATUSES,
  hand_down: OPEN_CASE_STATUSES,
  send_back: ['registered'],
  resolve: ['mediating'],
  follow_up: ['resolved'],
  close: ['resolved'],
  reopen: ['resolved'],
  transfer: OPEN_CASE_STATUSES,
  void: ['registered', 'accepted'],
  skip: OPEN_CASE_STATUSES,
  extend: OPEN_CASE_STATUSES,
};

function refuse(reason: CaseRefusalReason, message: string): CaseOutcome {
  return { ok: false, reason, message };
}

/** The latest instant the case's fields record; a new step may not come before it. */
function lastKnownTime(state: CaseState): number {
  return Math.max(
    state.reportedAt.getTime(),
    state.stageStartedAt.getTime(),
    state.resolvedAt?.getTime() ?? 0,
    state.closedAt?.getTime() ?? 0,
  );
}

export interface NewCase {
  category: string;
  major: boolean;
  /** The level that takes the report, usually `group`. */
  level: CaseLevel;
  reportedAt: Date;
  note?: string;
}

/** Registers a new case (登记): the first step, and the first stage clock at the level that took it. */
export function registerCase(
  input: NewCase,
  actor: CaseActor,
  calendar: WorkingDayCalendar,
  config: CaseDeadlineConfig,
): CaseOutcome {
  if (!roleMayTakeAction(actor.role, 'register', input.level)) {
    return refuse('role_not_allowed', `a ${actor.role} may not register a case at level ${input.level}`);
  }
  if ((input.note?.length ?? 0) > NOTE_MAX) return refuse('note_too_long', `a note has at most ${NOTE_MAX} characters`);
  const clock = stageClock(input.reportedAt, stageWorkingDays(config, input.category, input.level), config, calendar);
  const state: CaseState = {
    status: 'registered',
    level: input.level,
    category: input.category,
    major: input.major,
    reportedAt: input.reportedAt,
    ...clock,
    resolvedAt: null,
    resolvedLevel: null,
    closedAt: null,
    escalations: 0,
    reopens: 0,
    previousLevel: null,
  };
  return {
    ok: true,
    state,
    step: {
      at: input.reportedAt,
      action: 'register',
      fromStatus: null,
      toStatus: 'registered',
      fromLevel: null,
      toLevel: input.level,
      actorRole: actor.role,
      actorId: actor.memberId,
      note: input.note ?? null,
      satisfaction: null,
    },
  };
}

/**
 * Takes one action on a case: the new state and its step-log row, or a refusal with a reason.
 * Checks, in order: time, status, role at the case's level, then the action's own conditions.
 */
export function applyCaseAction(
  state: CaseState,
  action: CaseAction,
  actor: CaseActor,
  at: Date,
  calendar: WorkingDayCalendar,
  config: CaseDeadlineConfig,
): CaseOutcome {
  if (at.getTime() < lastKnownTime(state)) {
    return refuse('time_before_last_step', 'an action cannot be dated before the case’s last step');
  }
  if (!FROM_STATUSES[action.type].includes(state.status)) {
    return refuse('wrong_status', `cannot ${action.type} a case that is ${state.status}`);
  }
  if (!roleMayTakeAction(actor.role, action.type, state.level)) {
    return refuse('role_not_allowed', `a ${actor.role} may not ${action.type} a case at level ${state.level}`);
  }
  if ((action.note?.length ?? 0) > NOTE_MAX)
    return refuse('note_too_long', `a note has at most ${NOTE_MAX} characters`);

  const stepOf = (next: CaseState, note: string | null = action.note ?? null): CaseOutcome => ({
    ok: true,
    state: next,
    step: {
      at,
      action: action.type,
      fromStatus: state.status,
      toStatus: next.status,
      fromLevel: state.level,
      toLevel: next.level,
      actorRole: actor.role,
      actorId: actor.memberId,
      note,
      satisfaction: action.type === 'follow_up' ? action.satisfaction : null,
    },
  });
  /** The case arrives at `level` awaiting acceptance there, with that level's full time. */
  const enterLevel = (level: CaseLevel, changes: Partial<CaseState> = {}): CaseState => ({
    ...state,
    ...changes,
    status: 'registered',
    level,
    previousLevel: state.level,
    ...stageClock(at, stageWorkingDays(config, state.category, level), config, calendar),
  });
  const stopClock = { stageWarnAt: null, stageDueAt: null };
  /**
   * 返工: mediation restarts at the level that resolved the case, with that level's full time from
   * now. The level is kept, not raised: the mediators who know the parties try again (小事不出村),
   * and if they cannot settle it in time the stage deadline escalates it as any other stage.
   */
  const reopened = (): CaseState => ({
    ...state,
    status: 'mediating',
    resolvedAt: null,
    resolvedLevel: null,
    reopens: state.reopens + 1,
    ...stageClock(at, stageWorkingDays(config, state.category, state.level), config, calendar),
  });

  switch (action.type) {
    case 'accept':
      return stepOf({ ...state, status: 'accepted' });
    case 'mediate':
      return stepOf({ ...state, status: 'mediating' });
    case 'escalate': {
      const above = levelAbove(state.level);
      if (!above) return refuse('top_level', 'the town governance centre is the top level; transfer the case instead');
      if (actor.role === 'system') {
        if (!state.stageDueAt || at < autoEscalationAt(state.stageDueAt, config, calendar)) {
          return refuse('not_overdue', 'the system escalates only a stage that is overdue past its grace time');
        }
      }
      return stepOf(enterLevel(above, { escalations: state.escalations + 1 }));
    }
    case 'skip': {
      if (!state.major) return refuse('not_major', 'only a major or urgent case may skip levels');
      if (levelRank(action.to) < levelRank(state.level) + 2) {
        return refuse('bad_target_level', 'skipping goes at least two levels up; escalate for one level');
      }
      return stepOf(enterLevel(action.to, { escalations: state.escalations + 1 }));
    }
    case 'hand_down': {
      const below = levelBelow(state.level);
      if (!below) return refuse('bottom_level', 'the villager group is the lowest level');
      const to = action.to ?? below;
      if (levelRank(to) >= levelRank(state.level))
        return refuse('bad_target_level', 'a case is handed down to a lower level');
      return stepOf(enterLevel(to));
    }
    case 'send_back': {
      if (!state.previousLevel) return refuse('no_previous_level', 'the case has not come from another level');
      return stepOf(enterLevel(state.previousLevel));
    }
    case 'resolve':
      return stepOf({ ...state, status: 'resolved', resolvedAt: at, resolvedLevel: state.level, ...stopClock });
    case 'close':
      return stepOf({ ...state, status: 'closed', closedAt: at });
    case 'reopen':
      return stepOf(reopened());
    case 'follow_up':
      return stepOf(action.satisfaction === 'dissatisfied' ? reopened() : { ...state, status: 'closed', closedAt: at });
    case 'transfer': {
      const to = action.to.trim();
      if (!to) return refuse('missing_text', 'name the department or court the case is transferred to');
      const note = action.note ? `${to}: ${action.note}` : to;
      if (note.length > NOTE_MAX) return refuse('note_too_long', `a note has at most ${NOTE_MAX} characters`);
      return stepOf({ ...state, status: 'transferred', ...stopClock }, note);
    }
    case 'void': {
      const reason = action.reason.trim();
      if (!reason) return refuse('missing_text', 'give the reason the case is voided');
      const note = action.note ? `${reason}: ${action.note}` : reason;
      if (note.length > NOTE_MAX) return refuse('note_too_long', `a note has at most ${NOTE_MAX} characters`);
      return stepOf({ ...state, status: 'voided', ...stopClock }, note);
    }
    case 'extend': {
      if (!Number.isInteger(action.days) || action.days < 1 || action.days > config.maxExtensionWorkingDays) {
        return refuse('bad_extension', `an extension adds 1 to ${config.maxExtensionWorkingDays} working days`);
      }
      if (!state.stageDueAt) return refuse('wrong_status', 'the case has no running deadline');
      const due = endOfWorkingDaysAfter(state.stageDueAt, action.days, calendar);
      return stepOf(
        {
          ...state,
          stageDueAt: due,
          stageWarnAt: stageWarnAt(state.stageStartedAt, due, config.warnShare, calendar),
        },
        action.note ?? `+${action.days}`,
      );
    }
  }
}
