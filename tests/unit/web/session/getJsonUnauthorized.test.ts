import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, getJson } from '../../../../web/src/lib/api/getJson.js';
import { onUnauthorized } from '../../../../web/src/lib/session/unauthorized.js';

describe('getJson and the session', () => {
  afterEach(() => vi.unstubAllGlobals());

  const reply = (status: number, body: unknown) =>
    vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));

  it('tells the session store about a 401 and still throws it to the caller', async () => {
    let heard = 0;
    const stop = onUnauthorized(() => heard++);
    vi.stubGlobal('fetch', reply(401, { error: 'Unauthorized', message: 'sign in first (POST /api/session)' }));
    const failure = await getJson('/api/kpis?scope=620724').catch((error: unknown) => error);
    stop();
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).status).toBe(401);
    expect(heard).toBe(1);
  });

  it('sends the cookie (same origin) and says nothing to the session store about other refusals', async () => {
    let heard = 0;
    const stop = onUnauthorized(() => heard++);
    const fetch = reply(403, { message: 'the planner role may not do this' });
    vi.stubGlobal('fetch', fetch);
    await expect(getJson('/api/audit')).rejects.toThrow('the planner role may not do this');
    stop();
    expect(heard).toBe(0);
    expect(fetch.mock.calls[0]).toEqual(['/api/audit', expect.objectContaining({ credentials: 'same-origin' })]);
  });
});
