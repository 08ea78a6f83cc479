import type { LiveEventMessage } from '@contract/live.js';
import type { GridCode } from '@domain/gridCode.js';
import { eventPlace, scopeCovers } from '@domain/liveScope.js';

/**
 * Whether an `alert` event (one per town whose alerts changed) may change the alerts shown for
 * `grid`: a town inside the grid, or the town the grid (a village or group) lies in. The event
 * names the town only, so a village's list is read again on any change in its town.
 */
export function alertEventConcerns(grid: GridCode, event: LiveEventMessage): boolean {
  if (event.kind !== 'alert') return false;
  const place = eventPlace(event);
  if (grid.level === 'village' || grid.level === 'group') return place.townCode === `${grid.code.slice(0, 9)}000`;
  return scopeCovers(grid, place);
}
