import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { csrfToken, setCsrfToken } from '../../../../web/src/lib/api/csrfToken.js';
import type { SessionViewer, SignInOutcome } from '../../../../web/src/lib/session/sessionApi.js';
import { reportUnauthorized } from '../../../../web/src/lib/session/unauthorized.js';
import { ViewerSession } from '../../../../web/src/lib/session/viewerSession.svelte.js';

const wall: SessionViewer = {
  username: 'wall',
  role: 'wall',
  scope: { code: '620724000000', name: '高台县', level: 'county' },
  csrfToken: 'c'.repeat(43),
};

/** The session API as a test double: `answers` is what GET /api/session gives next. */
function fakeApi(answers: (SessionViewer | null | Error)[], signIn: SignInOutcome = { ok: true, viewer: wall }) {
  const calls = { get: 0, post: [] as string[], remove: [] as (string | null)[] };
  return {
    calls,
    api: {
      get: async () => {
        calls.get++;
        const answer = answers.length > 1 ? answers.shift()! : answers[0]!;
        if (answer instanceof Error) throw answer;
        return answer;
      },
      post: async (username: string) => {
        calls.post.push(username);
        return signIn;
      },
      remove: async (token: string | null) => {
        calls.remove.push(token);
      },
    },
  };
}

/** localStorage as a test double. */
function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

describe('ViewerSession', () => {
  let stop = () => {};
  let storage: ReturnType<typeof memoryStorage>;

  beforeEach(() => {
    vi.useFakeTimers();
    setCsrfToken(null);
    storage = memoryStorage();
  });

  afterEach(() => {
    stop();
    vi.useRealTimers();
  });

  it('starts signed in when GET /api/session has a session, and keeps its CSRF token for writes', async () => {
    const { api } = fakeApi([wall]);
    const session = new ViewerSession(api, storage);
    expect(session.state).toBe('loading');
    stop = session.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(session.state).toBe('signedIn');
    expect(session.viewer?.username).toBe('wall');
    expect(csrfToken()).toBe(wall.csrfToken);
  });

  it('starts signed out (not "expired") when there is no session', async () => {
    const { api } = fakeApi([null]);
    const session = new ViewerSession(api, storage);
    stop = session.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(session.state).toBe('signedOut');
    expect(session.expired).toBe(false);
  });

  it('says the server is unreachable and asks again until it answers', async () => {
    const { api, calls } = fakeApi([new Error('connection refused'), new Error('connection refused'), wall]);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const session = new ViewerSession(api, storage);
    stop = session.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(session.state).toBe('unreachable');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(session.state).toBe('signedIn');
    expect(calls.get).toBe(3);
    warn.mockRestore();
  });

  it('ends the session when any request answers 401, forgets the CSRF token, and says it expired', async () => {
    const { api } = fakeApi([wall]);
    const session = new ViewerSession(api, storage);
    stop = session.start();
    await vi.advanceTimersByTimeAsync(0);
    reportUnauthorized();
    expect(session.state).toBe('signedOut');
    expect(session.expired).toBe(true);
    expect(session.viewer).toBeNull();
    expect(csrfToken()).toBeNull();
  });

  it('stops listening for 401s once stopped', async () => {
    const { api } = fakeApi([wall]);
    const session = new ViewerSession(api, storage);
    session.start()();
    await vi.advanceTimersByTimeAsync(0);
    reportUnauthorized();
    expect(session.state).toBe('signedIn');
  });

  it('signs in and out: sign-out sends the CSRF token and is not an expiry', async () => {
    const { api, calls } = fakeApi([null]);
    const session = new ViewerSession(api, storage);
    stop = session.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(await session.signIn('wall', 'gridmap-demo')).toEqual({ ok: true, viewer: wall });
    expect(session.state).toBe('signedIn');
    await session.signOut();
    expect(calls.remove).toEqual([wall.csrfToken]);
    expect(session.state).toBe('signedOut');
    expect(session.expired).toBe(false);
    expect(csrfToken()).toBeNull();
  });

  it('stays signed out after a refused sign-in and hands the reason to the form', async () => {
    const { api } = fakeApi([null], { ok: false, reason: 'credentials' });
    const session = new ViewerSession(api, storage);
    stop = session.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(await session.signIn('planner', 'wrong')).toEqual({ ok: false, reason: 'credentials' });
    expect(session.state).toBe('signedOut');
  });

  it('says "expired" on a restart when this browser had a session it did not sign out of (a kiosk)', async () => {
    const first = fakeApi([wall]);
    const before = new ViewerSession(first.api, storage);
    before.start()();
    await vi.advanceTimersByTimeAsync(0);
    // The browser restarts; meanwhile the session ended on the server.
    const after = new ViewerSession(fakeApi([null]).api, storage);
    stop = after.start();
    await vi.advanceTimersByTimeAsync(0);
    expect([after.state, after.expired]).toEqual(['signedOut', true]);
    // Signing out on purpose forgets it: the next start is a plain sign-in.
    await after.signIn('wall', 'gridmap-demo');
    await after.signOut();
    const again = new ViewerSession(fakeApi([null]).api, storage);
    again.start()();
    await vi.advanceTimersByTimeAsync(0);
    expect([again.state, again.expired]).toEqual(['signedOut', false]);
    expect([...storage.items.values()]).toEqual([]);
  });
});
