import type { Sql } from '../../db/database.js';
import { listCaseCategories } from '../../repos/cases/caseCategoryRepo.js';
import type { CaseListFilters } from '../../repos/cases/caseRepo.js';
import { BadRequestError } from '../../http/errorReplies.js';
import type { CaseListFilterQuery } from '../../contract/cases.js';

const chinaOffsetMs = 8 * 3_600_000;
const dayMs = 86_400_000;

/** 00:00 China time of a `YYYY-MM-DD` date, or null when there is no such day (2026-02-30). */
function chinaMidnight(date: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = Date.UTC(year, month - 1, day);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return new Date(utc - chinaOffsetMs);
}

/**
 * The case list's filters as the repository takes them: `from`/`to` are China dates, both
 * inclusive; an unknown category or an empty period is a 400 naming the parameter.
 */
export async function caseListFiltersOf(sql: Sql, query: CaseListFilterQuery): Promise<CaseListFilters> {
  const filters: CaseListFilters = {};
  if (query.category !== undefined) {
    const known = await listCaseCategories(sql);
    if (!known.some((category) => category.code === query.category)) {
      throw new BadRequestError(`querystring parameter "category" is not a case category: ${query.category}`);
    }
    filters.category = query.category;
  }
  if (query.level !== undefined) filters.level = query.level;
  if (query.from !== undefined) {
    const from = chinaMidnight(query.from);
    if (!from) throw new BadRequestError(`querystring parameter "from" is not a date: ${query.from}`);
    filters.reportedFrom = from;
  }
  if (query.to !== undefined) {
    const to = chinaMidnight(query.to);
    if (!to) throw new BadRequestError(`querystring parameter "to" is not a date: ${query.to}`);
    filters.reportedBefore = new Date(to.getTime() + dayMs);
  }
  if (filters.reportedFrom && filters.reportedBefore && filters.reportedFrom >= filters.reportedBefore) {
    throw new BadRequestError('querystring parameter "from" must not be after "to"');
  }
  return filters;
}
