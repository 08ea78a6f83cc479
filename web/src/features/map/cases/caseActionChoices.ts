import type { AccessRole } from '@domain/accessRole.js';
import type { CaseRecord } from '@contract/cases.js';
import { GAOTAI_CASE_DEADLINES } from '@domain/caseDeadline.js';
import { applyCaseAction, type CaseAction, type CaseState } from '@domain/caseLifecycle.js';
import type { CaseActorRole } from '@domain/caseRoles.js';
import { weekdayCalendar } from '@domain/workingDays.js';

/**
 * The actions the panel offers (the list, plus 调解 which the lifecycle needs before 化解,
 * and 回访 which records the resident's satisfaction and closes or reopens the case).
 */
export const PANEL_ACTIONS = [
  'accept',
  'mediate',
  'escalate',
  'hand_down',
  'resolve',
  'follow_up',
  'close',
  'reopen',
] as const;
export type PanelAction = (typeof PANEL_ACTIONS)[number];

/** Accounts that act on cases, as the lifecycle names them; planners, auditors and walls do not. */
export function caseActorRoleOf(role: AccessRole): CaseActorRole | null {
  switch (role) {
    case 'county_admin':
    case 'town_leader':
    case 'village_cadre':
    case 'grid_staff':
      return role;
    default:
      return null;
  }
}

/** The lifecycle's view of a case as the API returns it. */
function stateOf(record: CaseRecord): CaseState {
  const date = (value: string | null) => (value ? new Date(value) : null);
  return {
    status: record.status,
    level: record.level,
    category: record.category,
    major: record.major,
    reportedAt: new Date(record.reportedAt),
    stageStartedAt: new Date(record.stageStartedAt),
    stageWarnAt: date(record.stageWarnAt),
    stageDueAt: date(record.stageDueAt),
    resolvedAt: date(record.resolvedAt),
    resolvedLevel: record.resolvedLevel,
    closedAt: date(record.closedAt),
    escalations: record.escalations,
    reopens: record.reopens,
    // Only send_back reads it, which the panel does not offer.
    previousLevel: null,
  };
}

/**
 * The panel actions the lifecycle would allow this role now, asked of the same pure lifecycle the
 * server runs (domain/caseLifecycle.ts), so the buttons and the server agree. The weekday calendar
 * only moves deadlines, which do not decide whether an action is allowed. The server still checks
 * (scope, a change by someone else meanwhile) and its refusal is shown when it says no.
 */
export function allowedPanelActions(record: CaseRecord, role: CaseActorRole | null, now = new Date()): PanelAction[] {
  if (!role || role === 'system') return [];
  const state = stateOf(record);
  // A clock a few ms behind the server must not make every action "before the last step".
  const times = [state.reportedAt, state.stageStartedAt, state.resolvedAt, state.closedAt].map(
    (t) => t?.getTime() ?? 0,
  );
  const at = new Date(Math.max(now.getTime(), ...times));
  return PANEL_ACTIONS.filter((type) => {
    // A follow-up is allowed or not whatever the resident says: ask with one of the answers.
    const action = (type === 'follow_up' ? { type, satisfaction: 'satisfied' } : { type }) as CaseAction;
    return applyCaseAction(state, action, { role, memberId: null }, at, weekdayCalendar, GAOTAI_CASE_DEADLINES).ok;
  });
}
