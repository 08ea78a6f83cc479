import type { CaseRecord } from '@contract/cases.js';
import type { CaseRequestAction } from '@domain/caseActionRequest.js';
import type { FollowUpSatisfaction } from '@domain/caseLifecycle.js';
import type { CaseCategoryList } from '@contract/caseCategories.js';
import type { CaseCollection, CaseDetailWithActivity, CaseListFilterQuery } from '@contract/cases.js';
import type { GridDossier } from '@contract/dossier.js';
import type { SearchReply } from '@contract/search.js';
import { getJson } from './getJson.js';
import { sendJson } from './sendJson.js';

export type { CaseCollection, CaseDetailWithActivity, CaseRecord, GridDossier, SearchReply };

/** `status` of the case list: open now, overdue now, closed, or every case. */
export type CaseListStatus = 'open' | 'overdue' | 'closed' | 'all';

export interface CaseListQuery extends CaseListFilterQuery {
  grid: string;
  status: CaseListStatus;
  limit?: number;
}

/** The query string of a case list (for the JSON list and the CSV export alike); empty filters left out. */
export function caseListParams(query: CaseListQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  return params;
}

const path = (code: string) => encodeURIComponent(code);

/** The path of a grid's dossier (the map view prefetches it by this path). */
export const dossierPath = (code: string) => `/api/grids/${path(code)}/dossier`;

/** The REST calls of the drill-down (issue #4): dossier, cases, search. Reads via getJson, writes via sendJson. */
export const drillApi = {
  dossier: (code: string, signal?: AbortSignal) => getJson<GridDossier>(dossierPath(code), { signal }),
  childrenCsvUrl: (code: string) => `/api/grids/${path(code)}/children.csv`,
  cases: (query: CaseListQuery, signal?: AbortSignal) =>
    getJson<CaseCollection>(`/api/cases?${caseListParams(query).toString()}`, { signal }),
  casesCsvUrl: (query: CaseListQuery) => `/api/cases.csv?${caseListParams({ ...query, limit: undefined }).toString()}`,
  caseDetail: (serial: string, signal?: AbortSignal) =>
    getJson<CaseDetailWithActivity>(`/api/cases/${path(serial)}`, { signal }),
  act: (serial: string, action: CaseRequestAction, note: string, satisfaction?: FollowUpSatisfaction) =>
    sendJson<CaseRecord>('POST', `/api/cases/${path(serial)}/actions`, {
      action,
      ...(note.trim() ? { note: note.trim() } : {}),
      ...(satisfaction ? { satisfaction } : {}),
    }),
  /** Every case reported in the grid since `from` (a China date), for the density view: positions only are used. */
  casePoints: (grid: string, from: string, signal?: AbortSignal) =>
    getJson<CaseCollection>(`/api/cases?${caseListParams({ grid, status: 'all', from, limit: 50_000 }).toString()}`, {
      signal,
    }),
  categories: (signal?: AbortSignal) => getJson<CaseCategoryList>('/api/case-categories', { signal }),
  search: (q: string, signal?: AbortSignal) =>
    getJson<SearchReply>(`/api/search?q=${encodeURIComponent(q)}&limit=12`, { signal }),
};
