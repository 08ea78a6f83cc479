import { csrfToken } from './csrfToken.js';
import { reportUnauthorized } from '../session/unauthorized.js';
import { ApiError } from './getJson.js';

/**
 * POST/PUT/PATCH/DELETE a JSON body to a same-origin API path, with the session's CSRF token.
 * Throws `ApiError` (status and the server's message) for a reply outside 2xx; 204 gives null.
 */
export async function sendJson<T>(
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  init: { signal?: AbortSignal } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const token = csrfToken();
  if (token) headers['x-csrf-token'] = token;
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: init.signal,
    credentials: 'same-origin',
  });
  if (!response.ok) {
    if (response.status === 401) reportUnauthorized();
    const reply = (await response.json().catch(() => null)) as { message?: string } | null;
    throw new ApiError(response.status, reply?.message ?? `${response.status} ${response.statusText} for ${path}`);
  }
  if (response.status === 204) return null as T;
  return (await response.json()) as T;
}
