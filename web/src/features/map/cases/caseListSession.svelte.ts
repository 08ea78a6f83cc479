import { drillApi, type CaseCollection, type CaseListQuery, type CaseListStatus } from '../../../lib/api/drillApi.js';

export interface CaseFilters {
  status: CaseListStatus;
  category: string;
  level: '' | 'group' | 'village' | 'town_justice' | 'town_centre';
  /** China dates YYYY-MM-DD, or '' for no bound. */
  from: string;
  to: string;
}

/** The most cases the panel lists; the CSV export has them all. */
export const CASE_LIST_LIMIT = 300;

/** The case list of the selected grid with its filters; reloads when the grid or a filter changes. */
export class CaseListSession {
  filters: CaseFilters = $state({ status: 'open', category: '', level: '', from: '', to: '' });
  cases: CaseCollection['features'] = $state.raw([]);
  truncated = $state(false);
  loading = $state(false);
  failure: string | null = $state(null);
  private abort: AbortController | null = null;

  query(grid: string): CaseListQuery {
    const { status, category, level, from, to } = this.filters;
    return {
      grid,
      status,
      ...(category ? { category } : {}),
      ...(level ? { level } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
    };
  }

  async load(grid: string): Promise<void> {
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    this.loading = true;
    try {
      const reply = await drillApi.cases({ ...this.query(grid), limit: CASE_LIST_LIMIT }, abort.signal);
      if (abort.signal.aborted) return;
      this.cases = reply.features;
      this.truncated = reply.truncated;
      this.failure = null;
    } catch (error) {
      if (abort.signal.aborted) return;
      this.failure = error instanceof Error ? error.message : String(error);
    } finally {
      if (!abort.signal.aborted) this.loading = false;
    }
  }

  stop(): void {
    this.abort?.abort();
  }
}
