import { linkQuotaByRole, type LinkRole } from '../domain/linkQuota.js';
import type { VillagePlan } from './countyPlan.js';
import type { SeededRandom } from './seededRandom.js';
import { syntheticPhone } from './syntheticContacts.js';
import { syntheticPersonName } from './syntheticNames.js';
import type { CodedGroup } from './villageGroupIndex.js';

export interface MemberRow {
  id: number;
  link_role: LinkRole;
  party_member: boolean;
  town_code: string;
  village_code: string;
  name: string;
  phone: string;
  /** Published on the village's public page and notice board (migration 013). */
  phone_public: boolean;
}

export interface GridRoleRow {
  grid_code: string;
  member_id: number;
  role: 'grid_head' | 'grid_staff' | 'party_group_head' | 'village_cadre' | 'local_worthy';
}

export interface HouseholdLinkRow {
  household_id: number;
  member_id: number;
}

export interface VillageTeam {
  members: MemberRow[];
  roles: GridRoleRow[];
  links: HouseholdLinkRow[];
  /** Party members, who can be street chiefs. */
  partyMemberIds: number[];
  gridStaffIds: number[];
}

/** Share of groups left without a grid head: a real gap the planner must see. */
const groupsWithoutHead = 0.03;

/**
 * A village's responsible people and their households. Link coverage is drawn per village
 * (85–95 %); the party members needed to cover it at quota are enrolled, and each member's actual
 * load scatters around the quota (most at it, some over, some under — as in life).
 */
export function villageTeam(
  village: VillagePlan,
  groups: readonly CodedGroup[],
  householdIds: readonly number[],
  random: SeededRandom,
  firstId: number,
): VillageTeam {
  const members: MemberRow[] = [];
  const enrol = (linkRole: LinkRole, partyMember: boolean): MemberRow => {
    const member: MemberRow = {
      id: firstId + members.length,
      link_role: linkRole,
      party_member: partyMember,
      town_code: village.townCode,
      village_code: village.code,
      name: syntheticPersonName(random),
      phone: syntheticPhone(random),
      phone_public: false,
    };
    members.push(member);
    return member;
  };
  const cadres = [enrol('village_head_cadre', true), enrol('village_head_cadre', random.chance(0.8))];
  const committee = Array.from({ length: random.int(3, 5) }, () => enrol('committee_member', random.chance(0.6)));
  const staff = groups.map(() => enrol('grid_staff', random.chance(0.3)));
  const reps = Array.from({ length: Math.max(2, Math.round(groups.length * random.between(0.8, 1.6))) }, () =>
    enrol('villager_rep', random.chance(0.2)),
  );
  const coverage = random.between(0.85, 0.95);
  const linkTarget = Math.round(householdIds.length * coverage);
  const fixedCapacity = [...cadres, ...committee, ...staff, ...reps].reduce(
    (sum, m) => sum + linkQuotaByRole[m.link_role],
    0,
  );
  const partyCount = Math.max(3, Math.ceil((linkTarget - fixedCapacity) / linkQuotaByRole.party_member));
  const party = Array.from({ length: partyCount }, () => enrol('party_member', true));

  const roles: GridRoleRow[] = [{ grid_code: village.code, member_id: cadres[0]!.id, role: 'village_cadre' }];
  const headPool = [...committee, ...party];
  groups.forEach((group, index) => {
    if (!random.chance(groupsWithoutHead))
      roles.push({ grid_code: group.code, member_id: random.pick(headPool).id, role: 'grid_head' });
    roles.push({ grid_code: group.code, member_id: staff[index]!.id, role: 'grid_staff' });
    roles.push({ grid_code: group.code, member_id: random.pick(party).id, role: 'party_group_head' });
    if (random.chance(0.3))
      roles.push({ grid_code: group.code, member_id: random.pick(reps).id, role: 'local_worthy' });
  });

  publishCommitteeHeadPhones(committee, roles);

  const links: HouseholdLinkRow[] = [];
  const unlinked = random.shuffle([...householdIds]);
  for (const member of random.shuffle([...members])) {
    const quota = linkQuotaByRole[member.link_role];
    const roll = random.next();
    const load = roll < 0.15 ? quota + random.int(1, 3) : roll < 0.3 ? Math.max(0, quota - random.int(1, 2)) : quota;
    for (let n = 0; n < load && links.length < linkTarget && unlinked.length > 0; n++) {
      links.push({ household_id: unlinked.pop()!, member_id: member.id });
    }
  }
  return {
    members,
    roles,
    links,
    partyMemberIds: members.filter((m) => m.party_member).map((m) => m.id),
    gridStaffIds: staff.map((m) => m.id),
  };
}

/**
 * The demo publishes the phones of committee members who head a group (村委委员 are the ones a
 * village usually prints on its board); the party members heading a group and the grid staff keep
 * theirs private, so the public page shows both kinds (a published phone shows at every post its
 * member holds, street chief included). Decided from the roles, not drawn, so every other seeded
 * value stays as it was before migration 013.
 */
function publishCommitteeHeadPhones(committee: readonly MemberRow[], roles: readonly GridRoleRow[]): void {
  const heads = new Set(roles.filter((role) => role.role === 'grid_head').map((role) => role.member_id));
  for (const member of committee) member.phone_public = heads.has(member.id);
}
