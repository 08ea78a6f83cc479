import { getJson } from '../../lib/api/getJson.js';
import { auditListPath, noFilters, type AuditEntry, type AuditFilters, type AuditPage } from './auditQuery.js';

/**
 * The audit browser's state: the filters applied, the page shown and the cursors back to newer
 * pages (the API pages by `before` = the `next` id of the previous page, newest first).
 */
export class AuditBrowser {
  applied: AuditFilters = $state.raw({ ...noFilters });
  entries: AuditEntry[] = $state.raw([]);
  loading = $state(false);
  failure: string | null = $state(null);
  /** `before` of each page shown so far; the last is the current page's (undefined: the newest). */
  private cursors: (number | undefined)[] = $state([undefined]);
  private next: number | undefined = $state(undefined);
  private abort: AbortController | null = null;

  constructor(
    private readonly load: (path: string, signal: AbortSignal) => Promise<AuditPage> = (path, signal) =>
      getJson<AuditPage>(path, { signal }),
  ) {}

  get pageNumber(): number {
    return this.cursors.length;
  }

  get hasOlder(): boolean {
    return this.next !== undefined;
  }

  get hasNewer(): boolean {
    return this.cursors.length > 1;
  }

  /** Applies new filters from the first (newest) page. */
  search(filters: AuditFilters): Promise<void> {
    this.applied = { ...filters };
    this.cursors = [undefined];
    return this.fetch(undefined);
  }

  older(): Promise<void> {
    if (this.next === undefined) return Promise.resolve();
    this.cursors = [...this.cursors, this.next];
    return this.fetch(this.next);
  }

  newer(): Promise<void> {
    if (this.cursors.length < 2) return Promise.resolve();
    this.cursors = this.cursors.slice(0, -1);
    return this.fetch(this.cursors.at(-1));
  }

  stop(): void {
    this.abort?.abort();
  }

  private async fetch(before: number | undefined): Promise<void> {
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    this.loading = true;
    this.failure = null;
    try {
      const page = await this.load(auditListPath(this.applied, before), abort.signal);
      if (abort.signal.aborted) return;
      this.entries = page.entries;
      this.next = page.next ?? undefined;
    } catch (error) {
      if (abort.signal.aborted) return;
      this.failure = error instanceof Error ? error.message : String(error);
    } finally {
      if (!abort.signal.aborted) this.loading = false;
    }
  }
}
