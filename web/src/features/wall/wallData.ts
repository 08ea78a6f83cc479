import { getJson } from '../../lib/api/getJson.js';
import type { CaseCollection, RegionCollection } from '../../lib/api/mapFeatures.js';
import type { GridCollection } from '@contract/grids.js';
import type { GridKpis } from '@contract/kpis.js';
import type { CaseCategoryList } from '@contract/caseCategories.js';

export type { GridKpis };

/** The REST calls the wall makes (relative URLs only). */
export const wallData = {
  region: () => getJson<RegionCollection>('/api/basemap/region'),
  kpis: (scope: string) => getJson<GridKpis>(`/api/kpis?scope=${encodeURIComponent(scope)}`),
  openCases: (scope: string) => getJson<CaseCollection>(`/api/cases?grid=${encodeURIComponent(scope)}&status=open`),
  categories: () => getJson<CaseCategoryList>('/api/case-categories'),
  /** Outlines simplified to ~300 m: the wall needs names and frames, not survey lines. */
  grids: (parent: string, level: 'town' | 'village') =>
    getJson<GridCollection>(`/api/grids?parent=${encodeURIComponent(parent)}&level=${level}&simplify=300`),
};
