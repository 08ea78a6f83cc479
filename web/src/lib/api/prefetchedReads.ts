/**
 * Reads started before the code that needs them has loaded: the map view's data is asked for as
 * soon as the session is known, while its chunk (MapLibre, deck.gl) is still downloading, and the
 * view's own `getJson` of the same path takes the reply over instead of asking again (issue #12:
 * a county view ready in 1.5 s). A hand-off, not a cache: each prefetched reply is taken once, and
 * one nobody took within `holdMs` is forgotten (the view was left; a later read asks afresh).
 */
const holdMs = 10_000;

interface Prefetched {
  reply: Promise<Response>;
  at: number;
}

const prefetched = new Map<string, Prefetched>();

/** Starts a GET of a same-origin path now, for a `getJson` of the same path soon. */
export function prefetchRead(path: string): void {
  const held = prefetched.get(path);
  if (held && performance.now() - held.at < holdMs) return;
  const reply = fetch(path, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
  // A failure is the taker's to report; one nobody takes must not surface as unhandled.
  reply.catch(() => {});
  prefetched.set(path, { reply, at: performance.now() });
}

/** The prefetched reply for `path` if one is held and fresh, handed over once; else null. */
export function takePrefetched(path: string): Promise<Response> | null {
  const held = prefetched.get(path);
  if (!held) return null;
  prefetched.delete(path);
  return performance.now() - held.at < holdMs ? held.reply : null;
}
