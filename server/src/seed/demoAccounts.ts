import type { Sql } from '../db/database.js';
import type { AccessRole } from '../domain/accessRole.js';
import { hashPassword } from '../auth/passwords.js';
import { insertAccounts, type NewAccount } from '../repos/session/accountRepo.js';

/** The password of every demo account (README "Accounts"). Demo only: a real deployment has no accounts until an operator adds them (`npm run account`). */
export const demoPassword = 'gridmap-demo';

/**
 * The demo's accounts: `admin` (county_admin), `planner` (the county), `auditor`, `wall`, one
 * `town-<code>` town leader per town, one `village-<code>` village cadre per village, and one
 * `group-<code>` grid staff account per village, for its first group (enough to show the role; a
 * real county has one per group). Village cadres and grid staff are linked to the member who holds
 * that post in the generated team, so their case steps name a person.
 *
 * All share ONE argon2id hash: hashing ~300 passwords one by one would add ~15 s to the seed, and
 * argon2 verifies a shared hash exactly like an individual one (the salt lives inside the PHC
 * string). The only thing sharing gives away is that the passwords are equal — which the README
 * says anyway. Accounts added later by an operator get their own salt.
 */
export async function seedDemoAccounts(sql: Sql, countyCode: string): Promise<number> {
  const passwordHash = await hashPassword(demoPassword);
  const grids = await sql<{ code: string; level: string; memberId: number | null }>`
    SELECT g.code, g.level,
      (SELECT r.member_id FROM grid_roles r
       WHERE r.grid_code = g.code AND r.until IS NULL
         AND r.role = CASE g.level WHEN 'village' THEN 'village_cadre' ELSE 'grid_staff' END
       ORDER BY r.id LIMIT 1) AS "memberId"
    FROM grids g
    WHERE g.valid_to IS NULL AND g.level IN ('town', 'village')
       OR g.valid_to IS NULL AND g.level = 'group'
          AND g.code = (SELECT min(f.code) FROM grids f WHERE f.parent_code = g.parent_code AND f.valid_to IS NULL)
    ORDER BY g.code`;
  const account = (username: string, role: AccessRole, scopeCode: string, memberId: number | null = null) =>
    ({ username, role, scopeCode, passwordHash, memberId }) satisfies NewAccount;
  const accounts: NewAccount[] = [
    account('admin', 'county_admin', countyCode),
    account('planner', 'planner', countyCode),
    account('auditor', 'auditor', countyCode),
    account('wall', 'wall', countyCode),
    ...grids.map((grid) =>
      grid.level === 'town'
        ? account(`town-${grid.code}`, 'town_leader', grid.code)
        : grid.level === 'village'
          ? account(`village-${grid.code}`, 'village_cadre', grid.code, grid.memberId)
          : account(`group-${grid.code}`, 'grid_staff', grid.code, grid.memberId),
    ),
  ];
  return insertAccounts(sql, accounts);
}
