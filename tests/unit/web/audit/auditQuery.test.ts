import { describe, expect, it } from 'vitest';
import { auditActionName } from '../../../../web/src/features/audit/auditActionName.js';
import { AuditBrowser } from '../../../../web/src/features/audit/auditBrowser.svelte.js';
import {
  auditCsvPath,
  auditListPath,
  changeLines,
  chinaMidnight,
  noFilters,
  type AuditPage,
} from '../../../../web/src/features/audit/auditQuery.js';

describe('the audit filters as a query', () => {
  it('sends nothing but the page size without filters, and a bare CSV path', () => {
    expect(auditListPath(noFilters)).toBe('/api/audit?limit=50');
    expect(auditCsvPath(noFilters)).toBe('/api/audit.csv');
  });

  it('turns the period into China-time midnights, the last day included (the API’s `to` is exclusive)', () => {
    const search = new URL(
      auditCsvPath({
        ...noFilters,
        from: '2026-11-01',
        to: '2026-11-22',
        actor: ' admin ',
        action: 'case',
        entity: '',
      }),
      'http://x',
    ).searchParams;
    expect(Object.fromEntries(search)).toEqual({
      from: '2026-10-31T16:00:00.000Z',
      to: '2026-11-22T16:00:00.000Z',
      actor: 'admin',
      action: 'case',
    });
  });

  it('gives the list and the CSV the same filters, the list also its page', () => {
    const filters = { ...noFilters, entity: 'case', actor: 'planner' };
    const list = new URL(auditListPath(filters, 1234), 'http://x').searchParams;
    const csv = new URL(auditCsvPath(filters), 'http://x').searchParams;
    expect(list.get('before')).toBe('1234');
    list.delete('before');
    list.delete('limit');
    expect(list.toString()).toBe(csv.toString());
  });

  it('ignores a day that is not a date', () => {
    expect(chinaMidnight('2026-13-45')).toBeNull();
    expect(chinaMidnight('yesterday')).toBeNull();
  });
});

describe('changeLines: before and after side by side', () => {
  it('lines up the fields of both and marks the ones that changed', () => {
    expect(
      changeLines({ status: 'registered', level: 'group' }, { status: 'accepted', level: 'group', note: 'x' }),
    ).toEqual([
      { field: 'status', before: 'registered', after: 'accepted', changed: true },
      { field: 'level', before: 'group', after: 'group', changed: false },
      { field: 'note', before: '', after: 'x', changed: true },
    ]);
  });

  it('shows a creation with an empty before, and nested values as JSON', () => {
    expect(changeLines(null, { position: [99.8, 39.4] })).toEqual([
      { field: 'position', before: '', after: '[99.8,39.4]', changed: true },
    ]);
  });

  it('shows plain values as one line and nothing when both sides are empty', () => {
    expect(changeLines('a', 'b')).toEqual([{ field: '', before: 'a', after: 'b', changed: true }]);
    expect(changeLines(null, null)).toEqual([]);
  });
});

describe('AuditBrowser paging', () => {
  const page = (ids: number[], next?: number): AuditPage => ({
    entries: ids.map((id) => ({
      id,
      at: '2026-11-22T08:00:00Z',
      actor: null,
      ip: null,
      action: 'case.escalate',
      entity: 'case',
      entityKey: String(id),
      before: null,
      after: null,
    })),
    next,
  });

  it('goes to older pages with `before` = the previous page’s `next` and back to newer ones', async () => {
    const asked: string[] = [];
    const pages: Record<string, AuditPage> = {
      '': page([30, 29], 29),
      '29': page([28, 27], 27),
      '27': page([26]),
    };
    const browser = new AuditBrowser(async (path) => {
      asked.push(path);
      return pages[new URL(path, 'http://x').searchParams.get('before') ?? '']!;
    });
    await browser.search({ ...noFilters, entity: 'case' });
    expect(browser.entries.map((e) => e.id)).toEqual([30, 29]);
    expect([browser.hasNewer, browser.hasOlder, browser.pageNumber]).toEqual([false, true, 1]);
    await browser.older();
    await browser.older();
    expect(browser.entries.map((e) => e.id)).toEqual([26]);
    expect([browser.hasNewer, browser.hasOlder, browser.pageNumber]).toEqual([true, false, 3]);
    await browser.newer();
    expect(browser.entries.map((e) => e.id)).toEqual([28, 27]);
    expect(asked.every((path) => path.includes('entity=case'))).toBe(true);
  });

  it('says why a page did not load and keeps the filters', async () => {
    const browser = new AuditBrowser(async () => {
      throw new Error('403 Forbidden');
    });
    await browser.search({ ...noFilters, actor: 'admin' });
    expect(browser.failure).toBe('403 Forbidden');
    expect(browser.applied.actor).toBe('admin');
    expect(browser.loading).toBe(false);
  });
});

describe('auditActionName', () => {
  it('names common actions exactly, others by their family, unknown ones not at all', () => {
    expect(auditActionName('session.login', 'zh-CN')).toBe('登录');
    expect(auditActionName('session.login', 'en')).toBe('sign-in');
    expect(auditActionName('case.escalate', 'zh-CN')).toBe('事件办理');
    expect(auditActionName('grid.publish', 'zh-CN')).toBe('');
  });
});
