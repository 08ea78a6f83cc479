import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SearchReply } from '@contract/search.js';
import {
  resultTarget,
  SEARCH_DEBOUNCE_MS,
  SearchSession,
  type SearchResult,
} from '../../../../web/src/features/map/search/searchSession.svelte.js';

const result = (kind: SearchResult['kind'], key: string, gridCode: string): SearchResult => ({
  kind,
  key,
  label: key,
  context: '高台县',
  level: kind === 'grid' ? 'village' : null,
  gridCode,
  match: 'prefix',
  bbox: [99.7, 39.3, 99.8, 39.4],
});

describe('SearchSession', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends one request after typing pauses, and aborts a request overtaken by the next', async () => {
    const calls: { q: string; signal: AbortSignal }[] = [];
    const replies = new Map<string, (reply: SearchReply) => void>();
    const search = new SearchSession((q, signal) => {
      calls.push({ q, signal: signal! });
      return new Promise<SearchReply>((resolve) => replies.set(q, resolve));
    });
    search.input('南');
    search.input('南华');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS - 1);
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.map((call) => call.q)).toEqual(['南华']);

    search.input('南华镇');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    expect(calls[0]!.signal.aborted).toBe(true);
    replies.get('南华')!({ q: '南华', results: [result('grid', 'stale', '620724')] });
    replies.get('南华镇')!({ q: '南华镇', results: [result('grid', '620724100000', '620724100000')] });
    await vi.runAllTimersAsync();
    expect(search.results.map((item) => item.key)).toEqual(['620724100000']);
    expect(search.active).toBe(0);
    expect(search.open).toBe(true);
  });

  it('moves the highlighted row round with the arrow keys and clears on an empty box', async () => {
    const search = new SearchSession(async () => ({
      q: 'x',
      results: [result('grid', 'a', '1'), result('street', '7', '2'), result('case', 'c', '3')],
    }));
    search.input('x');
    await vi.runAllTimersAsync();
    search.move(-1);
    expect(search.active).toBe(2);
    search.move(1);
    expect(search.active).toBe(0);
    search.input('');
    expect(search.results).toEqual([]);
    expect(search.open).toBe(false);
  });
});

describe('resultTarget', () => {
  it('drills to a grid, and to the group of a street or a case with the street or case to show', () => {
    expect(resultTarget(result('grid', '620724100201', '620724100201'))).toEqual({ code: '620724100201' });
    expect(resultTarget(result('street', '42', '620724100201003'))).toEqual({ code: '620724100201003', street: 42 });
    expect(resultTarget(result('case', '6207242026112000001', '620724100201003'))).toEqual({
      code: '620724100201003',
      caseSerial: '6207242026112000001',
    });
  });
});
