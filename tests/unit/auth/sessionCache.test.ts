import { describe, expect, it } from 'vitest';
import { SessionCache } from '../../../server/src/auth/sessionCache.js';
import type { SessionRecord } from '../../../server/src/repos/session/sessionRepo.js';

const record = (accountId: number): SessionRecord => ({
  accountId,
  username: `u${accountId}`,
  role: 'town_leader',
  scopeCode: '620724100000',
  memberId: null,
  csrfToken: 'x'.repeat(43),
  idleFor: 0,
});

function cacheAt(start = 1_000_000) {
  const clock = { now: start };
  const cache = new SessionCache({ now: () => clock.now, recheckMs: 30_000, maxEntries: 3 });
  cache.setListening(true);
  return { cache, clock };
}

const confirmed = (accountId: number, over: Partial<{ expiresIn: number; idleLeft: number }> = {}) => ({
  record: record(accountId),
  idleFor: 0,
  expiresIn: over.expiresIn ?? 3600,
  idleLeft: over.idleLeft ?? 600,
  idleSeconds: 600,
});

describe('SessionCache', () => {
  it('answers from memory until the absolute end, the idle window or the recheck, whichever is first', () => {
    const { cache, clock } = cacheAt();
    cache.set('a', confirmed(1, { expiresIn: 20 }));
    expect(cache.get('a')?.record.accountId).toBe(1);
    clock.now += 19_999;
    expect(cache.get('a')?.idleFor).toBeCloseTo(19.999);
    clock.now += 1;
    expect(cache.get('a')).toBeNull(); // expired: the database decides (and will refuse)

    cache.set('b', confirmed(2, { idleLeft: 5 }));
    clock.now += 5_000;
    expect(cache.get('b')).toBeNull(); // idle here; another instance may have seen it since

    cache.set('c', confirmed(3));
    clock.now += 30_000;
    expect(cache.get('c')).toBeNull(); // trusted at most recheckMs without asking
  });

  it('slides the idle window when this process touches the session, never past the absolute end', () => {
    const { cache, clock } = cacheAt();
    cache.set('a', confirmed(1, { expiresIn: 20, idleLeft: 10 }));
    clock.now += 9_000;
    cache.touched('a');
    clock.now += 6_000; // 15 s after the confirmation: past the old idle window, inside the new one
    expect(cache.get('a')).not.toBeNull();
    clock.now += 5_000; // the absolute end
    expect(cache.get('a')).toBeNull();
  });

  it('forgets a session or every session of an account on a notification, and tells its listeners', () => {
    const { cache } = cacheAt();
    const heard: string[] = [];
    cache.onEviction((key) => heard.push(key));
    cache.set('a', confirmed(1));
    cache.set('b', confirmed(1));
    cache.set('c', confirmed(2));
    cache.applyNotification('s:c');
    expect(cache.get('c')).toBeNull();
    cache.applyNotification('a:1');
    expect(cache.get('a')).toBeNull();
    expect(cache.get('b')).toBeNull();
    expect(heard).toEqual(['s:c', 'a:1']);
  });

  it('trusts nothing while notifications cannot arrive', () => {
    const { cache } = cacheAt();
    cache.set('a', confirmed(1));
    cache.setListening(false);
    expect(cache.get('a')).toBeNull();
    cache.set('a', confirmed(1));
    expect(cache.size).toBe(0);
  });

  it('keeps the most recently used sessions within its size', () => {
    const { cache } = cacheAt();
    for (const id of ['a', 'b', 'c']) cache.set(id, confirmed(1));
    cache.get('a');
    cache.set('d', confirmed(2));
    expect(cache.size).toBe(3);
    expect(cache.get('b')).toBeNull();
    expect(cache.get('a')).not.toBeNull();
  });
});
