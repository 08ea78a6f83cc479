import { getContext, setContext } from 'svelte';
import { setCsrfToken } from '../api/csrfToken.js';
import { deleteSession, getSession, postSession, type SessionViewer, type SignInOutcome } from './sessionApi.js';
import { onUnauthorized } from './unauthorized.js';
import { markPageStep } from '../timing/pageTiming.js';
import { fieldCacheNames } from '../fieldCache/fieldCaches.js';

/** Where the session stands: `unreachable` while the first `GET /api/session` gets no answer. */
export type SessionState = 'loading' | 'unreachable' | 'signedIn' | 'signedOut';

const contextKey = Symbol('gridmap.viewerSession');
/** A wall is often switched on before the server: ask again this often until it answers. */
const retryMs = 5_000;
/**
 * Set while this browser holds a session it did not sign out of: a kiosk restarted after its session
 * ended then says "sign in again" rather than showing a bare form. Holds "1", nothing personal.
 */
const signedInBeforeKey = 'gridmap.session.signedInBefore';

interface SessionPort {
  get: typeof getSession;
  post: typeof postSession;
  remove: typeof deleteSession;
}

/**
 * The signed-in account of this browser tab. `start()` reads `GET /api/session`, keeps the CSRF
 * token for writes (lib/api/csrfToken.ts), and listens for 401s from any request: then the
 * session is over (`expired`) and the app shows the sign-in view. Personal data is not kept
 * here — only who is signed in.
 */
export class ViewerSession {
  state: SessionState = $state('loading');
  viewer: SessionViewer | null = $state.raw(null);
  /** True when a session this tab had ended under it (as opposed to never signed in). */
  expired = $state(false);

  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly api: SessionPort = { get: getSession, post: postSession, remove: deleteSession },
    private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined = globalThis.localStorage,
  ) {}

  get role() {
    return this.viewer?.role ?? null;
  }

  /** Loads the session and follows 401s and the tab coming back into view; returns the cleanup. */
  start(): () => void {
    const stopListening = onUnauthorized(() => this.lost());
    // Back in view after a while: ask once, so an expired session shows before the next click fails.
    const onVisible = () => {
      if (globalThis.document?.visibilityState === 'visible' && this.state === 'signedIn') void this.refresh();
    };
    globalThis.document?.addEventListener('visibilitychange', onVisible);
    void this.refresh();
    return () => {
      stopListening();
      globalThis.document?.removeEventListener('visibilitychange', onVisible);
      clearTimeout(this.retryTimer);
    };
  }

  /** Reads `GET /api/session`; without an answer, retries every few seconds. */
  async refresh(): Promise<void> {
    clearTimeout(this.retryTimer);
    try {
      const viewer = await this.api.get();
      if (viewer) this.signedIn(viewer);
      else if (this.state === 'signedIn') this.lost();
      else this.signedOut(this.storage?.getItem(signedInBeforeKey) === '1');
    } catch (error) {
      console.warn('gridmap session: the server did not answer', error);
      if (this.state !== 'signedIn') this.state = 'unreachable';
      this.retryTimer = setTimeout(() => void this.refresh(), retryMs);
    }
  }

  async signIn(username: string, password: string): Promise<SignInOutcome> {
    const outcome = await this.api.post(username, password);
    if (outcome.ok) this.signedIn(outcome.viewer);
    return outcome;
  }

  /** Ends the session on the server and forgets it here, even when the server is unreachable. */
  async signOut(): Promise<void> {
    const token = this.viewer?.csrfToken ?? null;
    this.storage?.removeItem(signedInBeforeKey);
    // The field app's last session reply (its worker opens /report on it without a signal): a
    // signed-out phone must not open as this account. Its worker also drops it on the next 401.
    void globalThis.caches?.delete(fieldCacheNames.session).catch(() => false);
    // The server ends the session first: forgetting it here sends the page to /login, and a request
    // made from there (another tab's, a test's) must not find the session still alive.
    try {
      await this.api.remove(token);
    } catch (error) {
      // The cookie stays until it expires on the server; this tab forgets the account anyway.
      console.warn('gridmap session: sign-out did not reach the server', error);
    }
    this.signedOut(false);
  }

  /** A request answered 401: the session ended elsewhere. */
  lost(): void {
    if (this.state === 'signedIn') this.signedOut(true);
  }

  private signedIn(viewer: SessionViewer): void {
    markPageStep('session');
    this.viewer = viewer;
    this.expired = false;
    this.state = 'signedIn';
    setCsrfToken(viewer.csrfToken);
    this.storage?.setItem(signedInBeforeKey, '1');
  }

  private signedOut(expired: boolean): void {
    this.viewer = null;
    this.expired = expired;
    this.state = 'signedOut';
    setCsrfToken(null);
  }
}

export function provideViewerSession(session: ViewerSession): ViewerSession {
  return setContext(contextKey, session);
}

export function useViewerSession(): ViewerSession {
  const session = getContext<ViewerSession | undefined>(contextKey);
  if (!session) throw new Error('useViewerSession() needs a ViewerSession provided by App.svelte');
  return session;
}
