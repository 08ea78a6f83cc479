/**
 * A request came back 401: the session is gone (expired, signed out in another tab, revoked).
 * getJson, the live link and the session probe report it here; the session store listens and the
 * app shows the sign-in view. A tiny bus so the request helpers need not import the store (which
 * itself uses them).
 */
type Listener = () => void;

const listeners = new Set<Listener>();

export function reportUnauthorized(): void {
  for (const listener of [...listeners]) listener();
}

/** Returns the unsubscribe. */
export function onUnauthorized(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
