/** A reply outside 2xx, with the API's `{error, message}` text when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** GET a same-origin JSON resource. Relative URLs only: nothing may leave the intranet. */
export async function getJson<T>(path: string, init: { signal?: AbortSignal } = {}): Promise<T> {
  const response = await fetch(path, { signal: init.signal, headers: { accept: 'application/json' } });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { message?: string } | null;
    throw new ApiError(response.status, body?.message ?? `${response.status} ${response.statusText} for ${path}`);
  }
  return (await response.json()) as T;
}
