import { getJson } from './getJson.js';
import type { CameraCollection, CaseCollection, GridFeature, RegionCollection } from './mapFeatures.js';

/** The paths of the map view's reads (one place: the view prefetches them by the same paths). */
export const mapDataPaths = {
  region: () => '/api/basemap/region',
  grid: (code: string) => `/api/grids/${encodeURIComponent(code)}`,
  cameras: (grid: string) => `/api/cameras?grid=${encodeURIComponent(grid)}`,
  openCases: (grid: string) => `/api/cases?grid=${encodeURIComponent(grid)}&status=open`,
};

/** The REST calls the map view makes. A grid code may be the county's 6 digits. */
export const mapData = {
  region: (signal?: AbortSignal) => getJson<RegionCollection>(mapDataPaths.region(), { signal }),
  grid: (code: string, signal?: AbortSignal) => getJson<GridFeature>(mapDataPaths.grid(code), { signal }),
  cameras: (grid: string, signal?: AbortSignal) => getJson<CameraCollection>(mapDataPaths.cameras(grid), { signal }),
  openCases: (grid: string, signal?: AbortSignal) => getJson<CaseCollection>(mapDataPaths.openCases(grid), { signal }),
};
