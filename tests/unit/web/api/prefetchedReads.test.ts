import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getJson } from '../../../../web/src/lib/api/getJson.js';
import { prefetchRead, takePrefetched } from '../../../../web/src/lib/api/prefetchedReads.js';

/** A fetch stand-in answering each path with its own JSON, counting the requests per path. */
function fakeFetch() {
  const asked = new Map<string, number>();
  const fetch = vi.fn(async (path: string) => {
    asked.set(path, (asked.get(path) ?? 0) + 1);
    return new Response(JSON.stringify({ path, n: asked.get(path) }), { status: 200 });
  });
  return { fetch, asked };
}

describe('a read prefetched for the map view', () => {
  let fake: ReturnType<typeof fakeFetch>;
  beforeEach(() => {
    fake = fakeFetch();
    vi.stubGlobal('fetch', fake.fetch);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('is taken over by the first getJson of the same path, which asks nothing more', async () => {
    prefetchRead('/api/grids/620724');
    expect(await getJson('/api/grids/620724')).toEqual({ path: '/api/grids/620724', n: 1 });
    expect(fake.asked.get('/api/grids/620724')).toBe(1);
  });

  it('is handed over once: the next read of the path asks again (a hand-off, not a cache)', async () => {
    prefetchRead('/api/grids/620724/dossier');
    await getJson('/api/grids/620724/dossier');
    expect(await getJson('/api/grids/620724/dossier')).toEqual({ path: '/api/grids/620724/dossier', n: 2 });
  });

  it('is asked for once however often it is prefetched while held', async () => {
    prefetchRead('/api/basemap/region');
    prefetchRead('/api/basemap/region');
    await getJson('/api/basemap/region');
    expect(fake.asked.get('/api/basemap/region')).toBe(1);
  });

  it('is not used for another path', async () => {
    prefetchRead('/api/cameras?grid=620724000000');
    expect(await getJson('/api/cameras?grid=620723000000')).toEqual({ path: '/api/cameras?grid=620723000000', n: 1 });
    expect(takePrefetched('/api/cameras?grid=620724000000')).not.toBeNull();
  });

  it('is forgotten when nobody took it within 10 s: a later read asks afresh', async () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    prefetchRead('/api/cases?grid=620724&status=open');
    vi.advanceTimersByTime(10_001);
    expect(await getJson('/api/cases?grid=620724&status=open')).toMatchObject({ n: 2 });
  });

  it('still honours the taker’s abort', async () => {
    prefetchRead('/api/grids/620724');
    const abort = new AbortController();
    abort.abort();
    await expect(getJson('/api/grids/620724', { signal: abort.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});
