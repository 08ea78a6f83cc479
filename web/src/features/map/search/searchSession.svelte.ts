import { drillApi, type SearchReply } from '../../../lib/api/drillApi.js';

export type SearchResult = SearchReply['results'][number];

/** Typing pauses this long before a request goes out (fast typists send one request, not one per key). */
export const SEARCH_DEBOUNCE_MS = 150;

/**
 * Instant search: the query debounced, a stale request aborted when the next one starts, the
 * results and the highlighted row (arrow keys).
 */
export class SearchSession {
  query = $state('');
  results: SearchResult[] = $state.raw([]);
  active = $state(-1);
  open = $state(false);
  failed = $state(false);
  /** The query the results belong to (they may lag the box while a request is out). */
  answered = $state('');
  private timer: ReturnType<typeof setTimeout> | undefined;
  private abort: AbortController | null = null;

  constructor(private readonly search = drillApi.search) {}

  input(value: string): void {
    this.query = value;
    clearTimeout(this.timer);
    const q = value.trim();
    if (!q) {
      this.abort?.abort();
      this.results = [];
      this.answered = '';
      this.open = false;
      return;
    }
    this.timer = setTimeout(() => void this.run(q), SEARCH_DEBOUNCE_MS);
  }

  private async run(q: string): Promise<void> {
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    try {
      const reply = await this.search(q, abort.signal);
      if (abort.signal.aborted) return;
      this.results = reply.results;
      this.answered = q;
      this.failed = false;
      this.active = reply.results.length > 0 ? 0 : -1;
      this.open = true;
    } catch (error) {
      if (abort.signal.aborted) return;
      console.warn('gridmap: search failed', error);
      this.failed = true;
      this.open = true;
    }
  }

  move(step: 1 | -1): void {
    if (this.results.length === 0) return;
    this.open = true;
    this.active = (this.active + step + this.results.length) % this.results.length;
  }

  close(): void {
    this.open = false;
  }

  stop(): void {
    clearTimeout(this.timer);
    this.abort?.abort();
  }
}

/** Where a result takes the map: the grid itself, a street or a case inside its group. */
export function resultTarget(result: SearchResult): { code: string; street?: number; caseSerial?: string } {
  if (result.kind === 'street') return { code: result.gridCode, street: Number(result.key) };
  if (result.kind === 'case') return { code: result.gridCode, caseSerial: result.key };
  return { code: result.gridCode };
}
