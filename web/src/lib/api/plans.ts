import type { LineString, MultiPolygon } from 'geojson';
import { getJson } from './getJson.js';
import { sendJson } from './sendJson.js';
import type {
  GridVersionSummary,
  PlanGridCollection,
  PlanId,
  PlanImpact,
  PlanLock,
  PlanSummary,
  PlanValidation,
  PublishResult,
  SavedGrid,
  VersionComparison,
  VersionGridCollection,
} from './plansTypes.js';

const plan = (id: PlanId) => `/api/plans/${encodeURIComponent(String(id))}`;
const query = (params: Record<string, string | number | null | undefined>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== null && value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
};

/** The plans API (.team/plan-contract.md): reads through getJson, writes through sendJson (CSRF). */
export const plansApi = {
  list: (filter: { scope?: string; status?: string } = {}, signal?: AbortSignal) =>
    getJson<PlanSummary[]>(`/api/plans${query(filter)}`, { signal }),
  get: (id: PlanId, signal?: AbortSignal) => getJson<PlanSummary>(plan(id), { signal }),
  create: (scope: string, name: string) => sendJson<{ id: PlanId }>('POST', '/api/plans', { scope, name }),
  grids: (id: PlanId, signal?: AbortSignal) => getJson<PlanGridCollection>(`${plan(id)}/grids`, { signal }),
  validation: (id: PlanId, signal?: AbortSignal) => getJson<PlanValidation>(`${plan(id)}/validation`, { signal }),
  impact: (id: PlanId, signal?: AbortSignal) => getJson<PlanImpact>(`${plan(id)}/impact`, { signal }),

  saveGrid: (id: PlanId, code: string, geometry: MultiPolygon, version: number) =>
    sendJson<SavedGrid>('PUT', `${plan(id)}/grids/${encodeURIComponent(code)}`, { geometry, version }),
  /** Several grids in one transaction (a moved shared vertex); any stale version → 409, nothing saved. */
  edits: (id: PlanId, changes: { code: string; geometry: MultiPolygon; version: number }[]) =>
    sendJson<{ grids: SavedGrid[] }>('POST', `${plan(id)}/edits`, { changes }),
  addGrid: (id: PlanId, body: { geometry: MultiPolygon; parentCode?: string; name?: string }) =>
    sendJson<SavedGrid>('POST', `${plan(id)}/grids`, body),
  deleteGrid: (id: PlanId, code: string, version: number) =>
    sendJson<null>('DELETE', `${plan(id)}/grids/${encodeURIComponent(code)}${query({ version })}`),
  split: (id: PlanId, code: string, version: number, line: LineString) =>
    sendJson<{ grids: SavedGrid[] }>('POST', `${plan(id)}/split`, { code, version, line }),
  merge: (id: PlanId, codes: [string, string], versions: [number, number]) =>
    sendJson<SavedGrid>('POST', `${plan(id)}/merge`, { codes, versions }),
  assign: (id: PlanId, body: { households?: number[]; streets?: number[]; to: string }) =>
    sendJson<unknown>('POST', `${plan(id)}/assignments`, body),

  lock: (id: PlanId) => sendJson<PlanLock>('POST', `${plan(id)}/lock`),
  unlock: (id: PlanId) => sendJson<null>('DELETE', `${plan(id)}/lock`),
  publish: (id: PlanId) => sendJson<PublishResult>('POST', `${plan(id)}/publish`),
  abandon: (id: PlanId) => sendJson<unknown>('POST', `${plan(id)}/abandon`),
  exportUrl: (id: PlanId) => `${plan(id)}/export`,

  versions: (scope: string, signal?: AbortSignal) =>
    getJson<GridVersionSummary[]>(`/api/grid-versions${query({ scope })}`, { signal }),
  versionGrids: (version: number, scope: string, signal?: AbortSignal) =>
    getJson<VersionGridCollection>(`/api/grid-versions/${version}/grids${query({ scope })}`, { signal }),
  compare: (scope: string, from: number, to: number, signal?: AbortSignal) =>
    getJson<VersionComparison>(`/api/grid-versions/compare${query({ scope, from, to })}`, { signal }),
};
