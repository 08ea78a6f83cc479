import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '@contract/cases.js';
import { allowedPanelActions, caseActorRoleOf } from '../../../../web/src/features/map/cases/caseActionChoices.js';

const now = new Date('2026-11-20T04:00:00Z');
const record = (changes: Partial<CaseRecord>): CaseRecord => ({
  serial: '6207242026112000001',
  category: 'neighbour_dispute',
  categoryName: '邻里纠纷',
  source: 'grid_patrol',
  summary: '邻里因院墙发生争执',
  status: 'registered',
  level: 'group',
  major: false,
  townCode: '620724105000',
  villageCode: '620724105201',
  groupCode: '620724105201003',
  gridVersion: 1,
  lon: 99.8,
  lat: 39.4,
  reportedAt: '2026-11-20T01:00:00Z',
  stageStartedAt: '2026-11-20T01:00:00Z',
  stageWarnAt: '2026-11-20T07:00:00Z',
  stageDueAt: '2026-11-20T09:30:00Z',
  deadlineState: 'green',
  resolvedAt: null,
  resolvedLevel: null,
  closedAt: null,
  escalations: 0,
  reopens: 0,
  version: 1,
  hasPhoto: false,
  responsibleMemberIds: [],
  followUp: null,
  ...changes,
});

describe('allowedPanelActions', () => {
  it('offers grid staff accepting and escalating a new case of their group', () => {
    expect(allowedPanelActions(record({}), 'grid_staff', now)).toEqual(['accept', 'escalate']);
  });

  it('offers a county administrator handing a village case down and the town nothing it may not', () => {
    const atVillage = record({ level: 'village', status: 'mediating' });
    expect(allowedPanelActions(atVillage, 'county_admin', now)).toEqual(['escalate', 'hand_down', 'resolve']);
    expect(allowedPanelActions(atVillage, 'town_leader', now)).toEqual(['escalate', 'hand_down']);
  });

  it('leaves closing and reopening a resolved case to cadres above grid staff', () => {
    const resolved = record({
      status: 'resolved',
      resolvedAt: '2026-11-20T03:00:00Z',
      resolvedLevel: 'group',
      stageWarnAt: null,
      stageDueAt: null,
    });
    expect(allowedPanelActions(resolved, 'grid_staff', now)).toEqual([]);
    expect(allowedPanelActions(resolved, 'village_cadre', now)).toEqual(['follow_up', 'close', 'reopen']);
  });

  it('offers nothing on a closed case, and nothing to roles that do not act on cases', () => {
    expect(
      allowedPanelActions(record({ status: 'closed', closedAt: '2026-11-20T03:00:00Z' }), 'county_admin', now),
    ).toEqual([]);
    expect(caseActorRoleOf('planner')).toBeNull();
    expect(caseActorRoleOf('wall')).toBeNull();
    expect(allowedPanelActions(record({}), caseActorRoleOf('auditor'), now)).toEqual([]);
  });

  it('is not fooled by a browser clock a little behind the server', () => {
    const early = new Date('2026-11-20T00:59:00Z');
    expect(allowedPanelActions(record({}), 'grid_staff', early)).toEqual(['accept', 'escalate']);
  });
});
