import { CASE_ACTION_TYPES, CASE_ACTOR_ROLES } from '../contract/vocabulary.js';
import { CASE_LEVELS, type CaseLevel } from './caseLevel.js';

export { CASE_ACTION_TYPES, CASE_ACTOR_ROLES };
export type CaseActorRole = (typeof CASE_ACTOR_ROLES)[number];
export type CaseActionType = (typeof CASE_ACTION_TYPES)[number];

const ALL = CASE_LEVELS;
const TOWN: readonly CaseLevel[] = ['town_justice', 'town_centre'];
const GROUP_VILLAGE: readonly CaseLevel[] = ['group', 'village'];

/**
 * Which role may take which action on a case that is at which level. Scope (the actor's town,
 * village or group must contain the case) is checked where the actor is known, not here.
 *
 * - Grid staff work their group: they register and handle what the group mediator settles.
 * - Village cadres handle the village level and oversee their groups (close after the follow-up
 *   visit, order a redo).
 * - Town leaders run both town levels and oversee everything in the town: they approve extensions,
 *   transfer to departments or the courts, hand cases down and pull them up.
 * - The county may do anything a person may do.
 * - The system only escalates, and only overdue cases (automatic 上报).
 */
export const CASE_ROLE_TABLE: Record<CaseActionType, Partial<Record<CaseActorRole, readonly CaseLevel[]>>> = {
  register: { grid_staff: ['group'], village_cadre: GROUP_VILLAGE, town_leader: ALL, county_admin: ALL },
  accept: { grid_staff: ['group'], village_cadre: GROUP_VILLAGE, town_leader: TOWN, county_admin: ALL },
  mediate: { grid_staff: ['group'], village_cadre: GROUP_VILLAGE, town_leader: TOWN, county_admin: ALL },
  escalate: { grid_staff: ['group'], village_cadre: GROUP_VILLAGE, town_leader: ALL, county_admin: ALL, system: ALL },
  hand_down: { village_cadre: ['village'], town_leader: ['village', ...TOWN], county_admin: ALL },
  send_back: { grid_staff: ['group'], village_cadre: ['village'], town_leader: TOWN, county_admin: ALL },
  resolve: { grid_staff: ['group'], village_cadre: GROUP_VILLAGE, town_leader: TOWN, county_admin: ALL },
  follow_up: { village_cadre: GROUP_VILLAGE, town_leader: ALL, county_admin: ALL },
  close: { village_cadre: GROUP_VILLAGE, town_leader: ALL, county_admin: ALL },
  reopen: { village_cadre: GROUP_VILLAGE, town_leader: ALL, county_admin: ALL },
  transfer: { town_leader: ALL, county_admin: ALL },
  void: { grid_staff: ['group'], village_cadre: GROUP_VILLAGE, town_leader: ALL, county_admin: ALL },
  skip: { grid_staff: ['group'], village_cadre: GROUP_VILLAGE, town_leader: ALL, county_admin: ALL },
  extend: { town_leader: ALL, county_admin: ALL },
};

export function roleMayTakeAction(role: CaseActorRole, action: CaseActionType, level: CaseLevel): boolean {
  return CASE_ROLE_TABLE[action][role]?.includes(level) ?? false;
}

/** The actions a role may take on a case at `level` (which ones the status allows is the lifecycle's business). */
export function actionsForRole(role: CaseActorRole, level: CaseLevel): CaseActionType[] {
  return CASE_ACTION_TYPES.filter((action) => roleMayTakeAction(role, action, level));
}
