import type { CaseTimeline } from '@contract/caseTimeline.js';
import type { CameraOutageTimeline } from '@contract/cameraOutageTimeline.js';
import type { PatrolTimeline } from '@contract/patrolTimeline.js';
import { getJson } from './getJson.js';

/** The case filters playback shares with the map's case list (its status, category and level). */
export interface PlaybackFilters {
  status: 'open' | 'overdue' | 'closed' | 'all';
  category: string;
  level: string;
}

/**
 * The case list's status filter as playback reads it. 在办 and 超期 describe cases now; the clock
 * draws each case while it was open and its deadline state at the instant shown, so over history
 * they mean every case (with the list's default 在办 the year would hold only today's open cases
 * and look empty). 已办结 still narrows to the cases closed since.
 */
export function playbackStatus(status: PlaybackFilters['status']): PlaybackFilters['status'] {
  return status === 'open' || status === 'overdue' ? 'all' : status;
}

export function caseTimelinePath(grid: string, filters: PlaybackFilters): string {
  const query = new URLSearchParams({ grid, status: playbackStatus(filters.status) });
  if (filters.category) query.set('category', filters.category);
  if (filters.level) query.set('level', filters.level);
  return `/api/cases/timeline?${query}`;
}

/** The three columns of one clock: a grid's cases (filtered), camera outages and patrols. */
export async function loadPlaybackColumns(
  grid: string,
  filters: PlaybackFilters,
  signal?: AbortSignal,
): Promise<{ cases: CaseTimeline; outages: CameraOutageTimeline; patrols: PatrolTimeline }> {
  const g = encodeURIComponent(grid);
  const [cases, outages, patrols] = await Promise.all([
    getJson<CaseTimeline>(caseTimelinePath(grid, filters), { signal }),
    getJson<CameraOutageTimeline>(`/api/cameras/outages/timeline?grid=${g}`, { signal }),
    getJson<PatrolTimeline>(`/api/patrols/timeline?grid=${g}`, { signal }),
  ]);
  return { cases, outages, patrols };
}
