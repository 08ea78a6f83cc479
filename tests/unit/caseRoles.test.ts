import { describe, expect, it } from 'vitest';
import { CASE_LEVELS } from '../../server/src/domain/caseLevel.js';
import {
  actionsForRole,
  CASE_ACTION_TYPES,
  CASE_ROLE_TABLE,
  roleMayTakeAction,
} from '../../server/src/domain/caseRoles.js';

describe('CASE_ROLE_TABLE', () => {
  it('lets grid staff work their group and nothing above it', () => {
    expect(actionsForRole('grid_staff', 'group')).toEqual([
      'register',
      'accept',
      'mediate',
      'escalate',
      'send_back',
      'resolve',
      'void',
      'skip',
    ]);
    for (const level of ['village', 'town_justice', 'town_centre'] as const)
      expect(actionsForRole('grid_staff', level)).toEqual([]);
  });

  it('lets a village cadre work the village and close or reopen their groups’ cases after follow-up', () => {
    expect(roleMayTakeAction('village_cadre', 'resolve', 'village')).toBe(true);
    expect(roleMayTakeAction('village_cadre', 'close', 'group')).toBe(true);
    expect(roleMayTakeAction('village_cadre', 'reopen', 'group')).toBe(true);
    expect(roleMayTakeAction('village_cadre', 'hand_down', 'village')).toBe(true);
    expect(roleMayTakeAction('village_cadre', 'accept', 'town_justice')).toBe(false);
  });

  it('leaves extensions and transfers to the town leader and the county', () => {
    for (const action of ['extend', 'transfer'] as const) {
      for (const level of CASE_LEVELS) {
        expect(roleMayTakeAction('town_leader', action, level)).toBe(true);
        expect(roleMayTakeAction('county_admin', action, level)).toBe(true);
        expect(roleMayTakeAction('village_cadre', action, level)).toBe(false);
        expect(roleMayTakeAction('grid_staff', action, level)).toBe(false);
      }
    }
  });

  it('keeps town leaders off the line work of groups and villages', () => {
    expect(roleMayTakeAction('town_leader', 'resolve', 'village')).toBe(false);
    expect(roleMayTakeAction('town_leader', 'resolve', 'town_justice')).toBe(true);
  });

  it('lets the system only escalate, at every level', () => {
    for (const level of CASE_LEVELS) expect(actionsForRole('system', level)).toEqual(['escalate']);
  });

  it('lets the county take every action at every level', () => {
    for (const level of CASE_LEVELS) expect(actionsForRole('county_admin', level)).toEqual([...CASE_ACTION_TYPES]);
  });

  it('names only known levels', () => {
    for (const byRole of Object.values(CASE_ROLE_TABLE)) {
      for (const levels of Object.values(byRole))
        for (const level of levels ?? []) expect(CASE_LEVELS).toContain(level);
    }
  });
});
