import { getJson } from './getJson.js';
import type { CameraCollection, CaseCollection, GridFeature, RegionCollection } from './mapFeatures.js';

/** The REST calls the map view makes. A grid code may be the county's 6 digits. */
export const mapData = {
  region: (signal?: AbortSignal) => getJson<RegionCollection>('/api/basemap/region', { signal }),
  grid: (code: string, signal?: AbortSignal) =>
    getJson<GridFeature>(`/api/grids/${encodeURIComponent(code)}`, { signal }),
  cameras: (grid: string, signal?: AbortSignal) =>
    getJson<CameraCollection>(`/api/cameras?grid=${encodeURIComponent(grid)}`, { signal }),
  openCases: (grid: string, signal?: AbortSignal) =>
    getJson<CaseCollection>(`/api/cases?grid=${encodeURIComponent(grid)}&status=open`, { signal }),
};
