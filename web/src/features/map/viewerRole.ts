import type { AccessRole } from '@domain/accessRole.js';
import { useViewerSession } from '../../lib/session/viewerSession.svelte.js';

export interface ViewerRole {
  /** The signed-in account's role; null while the session loads or when signed out. */
  readonly role: AccessRole | null;
}

/**
 * The viewer's role for the case actions, from the session store (lib/session) when the app
 * provides one. Without it (an app built before sessions), every request acts as the county
 * administrator on the server (routes/caseActor.ts), so that is the role the panel assumes.
 */
export function viewerRoleOrPlaceholder(): ViewerRole {
  let session: ReturnType<typeof useViewerSession> | null;
  try {
    session = useViewerSession();
  } catch {
    session = null;
  }
  if (!session) return { role: 'county_admin' };
  const provided = session;
  return {
    get role() {
      return provided.role;
    },
  };
}
