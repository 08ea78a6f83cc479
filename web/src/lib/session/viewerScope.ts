import type { SessionViewer } from './sessionApi.js';
import { useViewerSession } from './viewerSession.svelte.js';

/**
 * The signed-in viewer's scope — what every map, the wall, the live channel and the search cover —
 * read from the session store (call while a component initialises). `current` is null only while
 * no one is signed in, which the app's route gate keeps views from seeing.
 */
export function useViewerScope(): { readonly current: SessionViewer['scope'] | null } {
  const session = useViewerSession();
  return {
    get current() {
      return session.viewer?.scope ?? null;
    },
  };
}
