import type { Sql } from '../../db/database.js';
import { hashPassword } from '../../auth/passwords.js';
import { insertAccounts, type NewAccount } from '../../repos/session/accountRepo.js';
import { demoPassword, seedDemoAccounts } from '../demoAccounts.js';

/**
 * The prefecture demo's accounts: the county demo's (admin, planner, auditor, wall for 高台县, and a
 * town/village/group account for every town and village of every county), plus `city-admin`,
 * `city-planner`, `city-auditor` and `city-wall` over the whole prefecture and an `admin-<code>`
 * county administrator for each other county (README "Accounts").
 */
export async function seedPrefectureAccounts(
  sql: Sql,
  prefectureCode: string,
  homeCountyCode: string,
): Promise<number> {
  const county = await seedDemoAccounts(sql, homeCountyCode);
  const passwordHash = await hashPassword(demoPassword);
  const counties = await sql<{ code: string }>`
    SELECT code FROM grids WHERE level = 'county' AND parent_code = ${prefectureCode} AND valid_to IS NULL
      AND code <> ${homeCountyCode}
    ORDER BY code`;
  const account = (username: string, role: NewAccount['role'], scopeCode: string): NewAccount => ({
    username,
    role,
    scopeCode,
    passwordHash,
    memberId: null,
  });
  const extra: NewAccount[] = [
    account('city-admin', 'county_admin', prefectureCode),
    account('city-planner', 'planner', prefectureCode),
    account('city-auditor', 'auditor', prefectureCode),
    account('city-wall', 'wall', prefectureCode),
    ...counties.map((row) => account(`admin-${row.code.slice(0, 6)}`, 'county_admin', row.code)),
  ];
  return county + (await insertAccounts(sql, extra));
}
