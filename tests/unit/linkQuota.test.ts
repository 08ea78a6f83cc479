import { describe, expect, it } from 'vitest';
import { linkQuotaByRole, linkQuotaCheck } from '../../server/src/domain/linkQuota.js';

describe('linkQuota', () => {
  it('sets the quotas of the field documents: cadre 10, committee 5, party member 3, representative and grid staff 1', () => {
    expect(linkQuotaByRole).toEqual({
      village_head_cadre: 10,
      committee_member: 5,
      party_member: 3,
      villager_rep: 1,
      grid_staff: 1,
    });
  });

  it('says a party member with 3 linked households meets the quota', () => {
    expect(linkQuotaCheck('party_member', 3)).toEqual({ quota: 3, linked: 3, difference: 0, verdict: 'met' });
  });

  it('says a cadre with 7 households is 3 under, and one with 12 is 2 over', () => {
    expect(linkQuotaCheck('village_head_cadre', 7)).toMatchObject({ difference: -3, verdict: 'under' });
    expect(linkQuotaCheck('village_head_cadre', 12)).toMatchObject({ difference: 2, verdict: 'over' });
  });

  it('rejects a negative or fractional count', () => {
    expect(() => linkQuotaCheck('villager_rep', -1)).toThrow(RangeError);
    expect(() => linkQuotaCheck('villager_rep', 1.5)).toThrow(RangeError);
  });
});
