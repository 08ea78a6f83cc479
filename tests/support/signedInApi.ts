import { demoPassword } from './browserPage.js';
import { signInWithinRateLimit } from './signInRateLimit.js';

/** Requests from the test process itself (not the browser) as one signed-in demo account. */
export interface SignedInApi {
  username: string;
  /** GET or a write with the session cookie (and, for writes, the CSRF token); throws outside 2xx. */
  json<T>(path: string, init?: { method?: string; body?: unknown }): Promise<T>;
  /** The raw reply, for status and header checks. */
  fetch(path: string, init?: { method?: string; body?: unknown }): Promise<Response>;
}

/** Signs in as `username` with `POST /api/session` and keeps its cookie and CSRF token. */
export async function signedInApi(baseUrl: string, username: string): Promise<SignedInApi> {
  const reply = await signInWithinRateLimit(
    () =>
      fetch(`${baseUrl}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ username, password: demoPassword }),
      }),
    (response) => ({ status: response.status, retryAfter: response.headers.get('retry-after') }),
  );
  if (!reply.ok) throw new Error(`sign-in as ${username}: ${reply.status} ${await reply.text()}`);
  const cookie = reply.headers
    .getSetCookie()
    .map((line) => line.split(';')[0]!)
    .join('; ');
  const { csrfToken } = (await reply.json()) as { csrfToken: string };
  const send = (path: string, init: { method?: string; body?: unknown } = {}) => {
    const headers: Record<string, string> = { accept: 'application/json', cookie };
    const method = init.method ?? 'GET';
    if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    return fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  };
  return {
    username,
    fetch: send,
    async json<T>(path: string, init?: { method?: string; body?: unknown }) {
      const response = await send(path, init);
      if (!response.ok)
        throw new Error(`${init?.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    },
  };
}
