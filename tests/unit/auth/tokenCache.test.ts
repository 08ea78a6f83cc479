import { describe, expect, it } from 'vitest';
import { TokenCache } from '../../../server/src/auth/tokenCache.js';
import type { LiveTokenRecord } from '../../../server/src/repos/tokens/tokenRepo.js';

const record = (tokenId: number, accountId: number): LiveTokenRecord => ({
  tokenId,
  accountId,
  username: `u${accountId}`,
  role: 'planner',
  scopeCode: '620724000000',
  memberId: null,
});

function cacheAt(start = 1_000_000) {
  const clock = { now: start };
  const cache = new TokenCache({ now: () => clock.now, recheckMs: 30_000, maxEntries: 3 });
  cache.setListening(true);
  return { cache, clock };
}

describe('TokenCache', () => {
  it('answers for a confirmed token until it expires, with no idle window', () => {
    const { cache, clock } = cacheAt();
    cache.set('h1', record(1, 10), 20, null);
    clock.now += 19_000;
    expect(cache.get('h1')?.record.tokenId).toBe(1);
    clock.now += 1_000;
    expect(cache.get('h1')).toBeNull();
  });

  it('asks the database again after recheckMs, whatever the notifications said', () => {
    const { cache, clock } = cacheAt();
    cache.set('h1', record(1, 10), 3600, null);
    clock.now += 30_000;
    expect(cache.get('h1')).toBeNull();
  });

  it('forgets a token on t:<hash> and every token of an account on a:<id>, and ignores s:', () => {
    const { cache } = cacheAt();
    cache.set('h1', record(1, 10), 3600, null);
    cache.set('h2', record(2, 10), 3600, null);
    cache.set('h3', record(3, 11), 3600, null);
    cache.applyNotification('s:h3');
    expect(cache.get('h3')).not.toBeNull();
    cache.applyNotification('t:h3');
    expect(cache.get('h3')).toBeNull();
    cache.applyNotification('a:10');
    expect(cache.get('h1')).toBeNull();
    expect(cache.get('h2')).toBeNull();
  });

  it('serves nothing from memory while notifications may be lost', () => {
    const { cache } = cacheAt();
    cache.set('h1', record(1, 10), 3600, null);
    cache.setListening(false);
    expect(cache.get('h1')).toBeNull();
    cache.set('h1', record(1, 10), 3600, null);
    cache.setListening(true);
    expect(cache.get('h1')).toBeNull();
  });

  it('reports the time since the last recorded use', () => {
    const { cache, clock } = cacheAt();
    cache.set('h1', record(1, 10), 7200, 100);
    clock.now += 5_000;
    expect(cache.get('h1')?.usedAgo).toBe(105);
    cache.used('h1');
    expect(cache.get('h1')?.usedAgo).toBe(0);
  });

  it('keeps at most maxEntries, dropping the least recently used', () => {
    const { cache } = cacheAt();
    for (const n of [1, 2, 3]) cache.set(`h${n}`, record(n, n), 3600, null);
    cache.get('h1');
    cache.set('h4', record(4, 4), 3600, null);
    expect(cache.get('h2')).toBeNull();
    expect(cache.get('h1')).not.toBeNull();
  });
});
