/** A plan lock lasts 5 minutes on the server; renewing every minute leaves room for a slow request. */
export const lockRenewEveryMs = 60_000;

export interface LockRenewalDeps {
  renew: () => Promise<void>;
  /** Whether the tab is in view: a hidden tab lets its lock lapse so a colleague can take over. */
  visible: () => boolean;
  setInterval: (callback: () => void, ms: number) => unknown;
  clearInterval: (handle: unknown) => void;
  onVisibilityChange: (listener: () => void) => () => void;
}

/**
 * Keeps a plan lock while the editor is open and its tab visible: renews on a timer and at once when
 * the tab comes back into view. Returns the stop function.
 */
export function keepLock(deps: LockRenewalDeps, everyMs = lockRenewEveryMs): () => void {
  const tick = () => {
    if (deps.visible()) void deps.renew();
  };
  const handle = deps.setInterval(tick, everyMs);
  const stopWatching = deps.onVisibilityChange(tick);
  return () => {
    deps.clearInterval(handle);
    stopWatching();
  };
}

/** The browser's clock and visibility, for {@link keepLock}. */
export function browserLockDeps(renew: () => Promise<void>): LockRenewalDeps {
  return {
    renew,
    visible: () => document.visibilityState === 'visible',
    setInterval: (callback, ms) => window.setInterval(callback, ms),
    clearInterval: (handle) => window.clearInterval(handle as number),
    onVisibilityChange: (listener) => {
      document.addEventListener('visibilitychange', listener);
      return () => document.removeEventListener('visibilitychange', listener);
    },
  };
}
