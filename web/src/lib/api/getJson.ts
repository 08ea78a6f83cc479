import { reportUnauthorized } from '../session/unauthorized.js';
import { takePrefetched } from './prefetchedReads.js';

/** A reply outside 2xx, with the API's `{error, message}` text when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * GET a same-origin JSON resource. Relative URLs only: nothing may leave the intranet. The session
 * cookie goes along (same origin); a 401 tells the session store the session is gone, so the app
 * shows the sign-in view, and still throws for the caller. A read prefetched for the same path
 * (prefetchedReads.ts) is taken over instead of asked again.
 */
export async function getJson<T>(path: string, init: { signal?: AbortSignal } = {}): Promise<T> {
  const response = await (takePrefetched(path) ??
    fetch(path, {
      signal: init.signal,
      headers: { accept: 'application/json' },
      credentials: 'same-origin',
    }));
  // A prefetched read was started without the caller's signal: an abort since is honoured here.
  init.signal?.throwIfAborted();
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { message?: string } | null;
    if (response.status === 401) reportUnauthorized();
    throw new ApiError(response.status, body?.message ?? `${response.status} ${response.statusText} for ${path}`);
  }
  return (await response.json()) as T;
}
