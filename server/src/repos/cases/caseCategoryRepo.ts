import type { Sql } from '../../db/database.js';
import type { CaseCategory } from '../../contract/caseCategories.js';

export type CaseCategoryRow = CaseCategory;

/** Every case category in the configured order (`sort`, then code). A county has a handful. */
export async function listCaseCategories(sql: Sql): Promise<CaseCategoryRow[]> {
  return sql<CaseCategoryRow>`
    SELECT code, name_zh AS "nameZh", name_en AS "nameEn"
    FROM case_categories
    ORDER BY sort, code`;
}
