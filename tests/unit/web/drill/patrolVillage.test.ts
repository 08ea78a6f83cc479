import { describe, expect, it } from 'vitest';
import { patrolVillage } from '../../../../web/src/features/map/dossier/patrolVillage.js';

describe('patrolVillage', () => {
  const village = { code: '620724101201', level: 'village' };
  const group = { code: '620724101201003', level: 'group' };

  it('offers a village’s cameras, and a group’s village’s, to the roles that patrol', () => {
    for (const role of ['county_admin', 'town_leader', 'village_cadre', 'grid_staff'] as const) {
      expect(patrolVillage(village, role)).toBe('620724101201');
      expect(patrolVillage(group, role)).toBe('620724101201');
    }
  });

  it('offers nothing to the roles that only read, nor while the session loads', () => {
    for (const role of ['planner', 'auditor', 'wall', null] as const) expect(patrolVillage(village, role)).toBeNull();
  });

  it('offers nothing above the village: a town’s or county’s cameras are many villages’ patrols', () => {
    expect(patrolVillage({ code: '620724101000', level: 'town' }, 'county_admin')).toBeNull();
    expect(patrolVillage({ code: '620724000000', level: 'county' }, 'county_admin')).toBeNull();
  });
});
