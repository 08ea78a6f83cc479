import { describe, expect, it } from 'vitest';
import { keepLock, type LockRenewalDeps } from '../../../../web/src/features/plan/editing/lockRenewal.js';

function fakeDeps() {
  let timer: (() => void) | null = null;
  let onVisible: (() => void) | null = null;
  const state = { visible: true, renewals: 0, cleared: false, unwatched: false };
  const deps: LockRenewalDeps = {
    renew: async () => void state.renewals++,
    visible: () => state.visible,
    setInterval: (callback) => ((timer = callback), 'handle'),
    clearInterval: (handle) => void (state.cleared = handle === 'handle'),
    onVisibilityChange: (listener) => {
      onVisible = listener;
      return () => void (state.unwatched = true);
    },
  };
  return { deps, state, tick: () => timer?.(), becomeVisible: () => onVisible?.() };
}

describe('keepLock', () => {
  it('renews on each tick while the tab is visible, not while it is hidden', () => {
    const { deps, state, tick } = fakeDeps();
    keepLock(deps);
    tick();
    expect(state.renewals).toBe(1);
    state.visible = false;
    tick();
    expect(state.renewals).toBe(1);
  });

  it('renews at once when the tab comes back into view', () => {
    const { deps, state, becomeVisible } = fakeDeps();
    keepLock(deps);
    becomeVisible();
    expect(state.renewals).toBe(1);
  });

  it('stops the timer and the visibility listener when stopped', () => {
    const { deps, state } = fakeDeps();
    keepLock(deps)();
    expect(state.cleared).toBe(true);
    expect(state.unwatched).toBe(true);
  });
});
