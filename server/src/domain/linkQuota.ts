/**
 * 党员联户 quotas (DOMAIN.md "Responsibility"): how many households each kind of responsible person
 * is expected to link. A quota is a guide: a member over or under it is shown as a warning, never
 * refused.
 */
export const linkRoles = [
  'village_head_cadre',
  'committee_member',
  'party_member',
  'villager_rep',
  'grid_staff',
] as const;

export type LinkRole = (typeof linkRoles)[number];

/** Households per member by link role. */
export const linkQuotaByRole: Readonly<Record<LinkRole, number>> = {
  village_head_cadre: 10,
  committee_member: 5,
  party_member: 3,
  villager_rep: 1,
  grid_staff: 1,
};

export type LinkQuotaVerdict = 'under' | 'met' | 'over';

export interface LinkQuotaCheck {
  quota: number;
  linked: number;
  /** linked − quota: negative under, positive over. */
  difference: number;
  verdict: LinkQuotaVerdict;
}

export function linkQuotaCheck(role: LinkRole, linked: number): LinkQuotaCheck {
  if (!Number.isInteger(linked) || linked < 0) throw new RangeError(`linked must be a count, got ${linked}`);
  const quota = linkQuotaByRole[role];
  const difference = linked - quota;
  return { quota, linked, difference, verdict: difference < 0 ? 'under' : difference > 0 ? 'over' : 'met' };
}
