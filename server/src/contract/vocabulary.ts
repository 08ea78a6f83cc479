/**
 * The words of the API that the domain rules use too: account roles and the case's levels,
 * statuses, actions and actor roles. Plain constants, no schema library, so the domain and the web
 * can import them at run time (the schemas of the other contract files are built from them).
 */

/** The roles of gridmap's accounts (domain/accessRole.ts describes each). */
export const ACCESS_ROLES = [
  'county_admin',
  'town_leader',
  'village_cadre',
  'grid_staff',
  'planner',
  'auditor',
  'wall',
] as const;

/**
 * The levels a case is handled at, bottom to top — Gaotai's four-level method (四级七天调解法):
 * the villager group's mediator, the village, the town justice office (司法所) and the town
 * governance centre (综治中心).
 */
export const CASE_LEVELS = ['group', 'village', 'town_justice', 'town_centre'] as const;

/** The case lifecycle's statuses (domain/caseLifecycle.ts). */
export const CASE_STATUSES = [
  'registered',
  'accepted',
  'mediating',
  'resolved',
  'closed',
  'transferred',
  'voided',
] as const;

/** Who takes a step on a case (domain/caseRoles.ts). */
export const CASE_ACTOR_ROLES = ['county_admin', 'town_leader', 'village_cadre', 'grid_staff', 'system'] as const;

/** The steps of a case's log (domain/caseRoles.ts says who may take which). */
export const CASE_ACTION_TYPES = [
  'register',
  'accept',
  'mediate',
  'escalate',
  'hand_down',
  'send_back',
  'resolve',
  'follow_up',
  'close',
  'reopen',
  'transfer',
  'void',
  'skip',
  'extend',
] as const;

/**
 * What the resident said at the follow-up visit (回访) of a resolved case: 满意 satisfied, 基本满意
 * basically satisfied (both close it), 不满意 dissatisfied (reopens it, 返工).
 */
export const FOLLOW_UP_SATISFACTIONS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;

/** What a feedback message (投诉建议, `POST /api/feedback`) is: a complaint 投诉 or a suggestion 建议. */
export const FEEDBACK_KINDS = ['complaint', 'suggestion'] as const;

/** Where an administrator has got with a feedback message: 新 new, 处理中 in progress, 已答复 answered, 已关闭 closed. */
export const FEEDBACK_STATUSES = ['new', 'in_progress', 'answered', 'closed'] as const;

/** The actions `POST /api/cases/:serial/actions` takes: every step but `register` (a report creates the case). */
export const CASE_REQUEST_ACTIONS = CASE_ACTION_TYPES.filter((type) => type !== 'register') as Exclude<
  (typeof CASE_ACTION_TYPES)[number],
  'register'
>[];
