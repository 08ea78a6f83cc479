import type { Sql } from '../../db/database.js';
import { hashPassword } from '../../auth/passwords.js';
import { insertAccounts, type NewAccount } from '../../repos/session/accountRepo.js';
import { demoPassword, seedDemoAccounts } from '../demoAccounts.js';

/**
 * The prefecture demo's accounts (README "Accounts"): the county demo's — `admin`, `planner`,
 * `auditor` and `wall` still scoped to 高台县 (`homeCounty`), so everything written for one county
 * keeps working, and a town/village/group account for every town and village of every county —
 * plus `city-admin` (county_admin), `city-planner`, `city-auditor` and `city-wall` (wall) over the
 * whole prefecture, and an `admin-<6-digit code>` county_admin for each other county (admin-620723
 * for 临泽县).
 */
export async function seedPrefectureAccounts(
  sql: Sql,
  prefectureCode: string,
  homeCounty: string,
  otherCounties: readonly string[],
): Promise<number> {
  const countyAccounts = await seedDemoAccounts(sql, homeCounty);
  const passwordHash = await hashPassword(demoPassword);
  const account = (username: string, role: NewAccount['role'], scopeCode: string): NewAccount => ({
    username,
    role,
    scopeCode,
    passwordHash,
    memberId: null,
  });
  return (
    countyAccounts +
    (await insertAccounts(sql, [
      account('city-admin', 'county_admin', prefectureCode),
      account('city-planner', 'planner', prefectureCode),
      account('city-auditor', 'auditor', prefectureCode),
      account('city-wall', 'wall', prefectureCode),
      ...otherCounties.map((code) => account(`admin-${code.slice(0, 6)}`, 'county_admin', code)),
    ]))
  );
}
