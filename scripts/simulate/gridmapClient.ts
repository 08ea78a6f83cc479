/** One reply of the gridmap API as the simulator needs it. */
export interface ApiReply<T = unknown> {
  status: number;
  body: T;
}

/** A request that got no reply (refused connection, timeout). */
export class UnreachableError extends Error {}

/** Seconds a single request may take before it counts as failed. */
const REQUEST_TIMEOUT_MS = 15_000;

/**
 * The running server's REST API, and nothing else: every path is resolved against the one
 * configured origin, so the simulator cannot be pointed past it by data it reads.
 */
export class GridmapClient {
  /** The session cookie and CSRF token after {@link signIn}; every later request carries them. */
  private session: { cookie: string; csrfToken: string } | null = null;

  constructor(readonly origin: URL) {}

  /** Signs in (`POST /api/session`); the API answers 401 to everything else without a session. */
  async signIn(username: string, password: string): Promise<ApiReply> {
    const url = new URL('/api/session', this.origin);
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ username, password }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      redirect: 'error',
    }).catch((error: Error) => {
      throw new UnreachableError(`POST /api/session: ${error.message}`);
    });
    const body = (await response.json().catch(() => null)) as { csrfToken?: string } | null;
    const cookie = /gridmap_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
    if (response.status === 200 && cookie && body?.csrfToken) {
      this.session = { cookie: `gridmap_session=${cookie}`, csrfToken: body.csrfToken };
    }
    return { status: response.status, body };
  }

  async get<T>(path: string): Promise<ApiReply<T>> {
    return this.send<T>('GET', path);
  }

  async post<T>(path: string, body: unknown): Promise<ApiReply<T>> {
    return this.send<T>('POST', path, body);
  }

  private async send<T>(method: string, path: string, body?: unknown): Promise<ApiReply<T>> {
    if (!path.startsWith('/')) throw new Error(`gridmap API paths start with /, got ${path}`);
    const url = new URL(path, this.origin);
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(this.session ? { cookie: this.session.cookie, 'x-csrf-token': this.session.csrfToken } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        redirect: 'error',
      });
    } catch (error) {
      throw new UnreachableError(`${method} ${url.pathname}: ${(error as Error).message}`);
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // A non-JSON reply (a proxy's error page) is kept as text for the log.
    }
    return { status: response.status, body: parsed as T };
  }
}
