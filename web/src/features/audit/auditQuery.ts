/** `GET /api/audit`'s entries and pages, as the server's contract defines them. */
export type { AuditEntry, AuditPage } from '@contract/audit.js';

/** The filters as the form holds them: dates are `YYYY-MM-DD` days in China time, both inclusive. */
export interface AuditFilters {
  from: string;
  to: string;
  actor: string;
  action: string;
  entity: string;
}

export const noFilters: AuditFilters = { from: '', to: '', actor: '', action: '', entity: '' };

export const auditPageSize = 50;

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

/** Midnight of a China-time day as an ISO instant; the day after it for an inclusive end. */
export function chinaMidnight(day: string, plusDays = 0): string | null {
  if (!dayPattern.test(day)) return null;
  const midnight = Date.parse(`${day}T00:00:00+08:00`);
  if (Number.isNaN(midnight)) return null;
  return new Date(midnight + plusDays * 86_400_000).toISOString();
}

/**
 * The query string of the filters, shared by the list and the CSV export so both show the same
 * entries: `from` is the first day's midnight, `to` the midnight after the last day (the API's
 * `to` is exclusive).
 */
export function auditSearch(filters: AuditFilters, extra: { before?: number; limit?: number } = {}): string {
  const query = new URLSearchParams();
  const from = chinaMidnight(filters.from);
  const to = chinaMidnight(filters.to, 1);
  if (from) query.set('from', from);
  if (to) query.set('to', to);
  for (const key of ['actor', 'action', 'entity'] as const) {
    const value = filters[key].trim();
    if (value) query.set(key, value);
  }
  if (extra.limit !== undefined) query.set('limit', String(extra.limit));
  if (extra.before !== undefined) query.set('before', String(extra.before));
  return query.toString();
}

export function auditListPath(filters: AuditFilters, before?: number): string {
  return `/api/audit?${auditSearch(filters, { limit: auditPageSize, before })}`;
}

export function auditCsvPath(filters: AuditFilters): string {
  const search = auditSearch(filters);
  return search ? `/api/audit.csv?${search}` : '/api/audit.csv';
}

/** One line of the side-by-side view: a field, its value before and after, and whether it changed. */
export interface ChangeLine {
  field: string;
  before: string;
  after: string;
  changed: boolean;
}

/**
 * Before and after, field by field (top-level keys of either; a value that is not an object is
 * one line). Missing shows as an empty string; objects and arrays as compact JSON.
 */
export function changeLines(before: unknown, after: unknown): ChangeLine[] {
  const isRecord = (value: unknown): value is Record<string, unknown> =>
    value !== null && typeof value === 'object' && !Array.isArray(value);
  if (!isRecord(before) && !isRecord(after)) {
    // No whole value (a creation or a deletion) is an empty side, not the text "null".
    const b = before == null ? '' : shown(before);
    const a = after == null ? '' : shown(after);
    return b === '' && a === '' ? [] : [{ field: '', before: b, after: a, changed: b !== a }];
  }
  const left = isRecord(before) ? before : {};
  const right = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(left), ...Object.keys(right)])];
  return fields.map((field) => {
    const b = field in left ? shown(left[field]) : '';
    const a = field in right ? shown(right[field]) : '';
    return { field, before: b, after: a, changed: b !== a };
  });
}

function shown(value: unknown): string {
  if (value === undefined || value === null) return value === null ? 'null' : '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
