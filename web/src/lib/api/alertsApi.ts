import type { AlertReply, VillageAlert } from '@contract/alerts.js';
import { getJson } from './getJson.js';

export type { VillageAlert };

/** The early-warning reads (issue #15 part 5); relative URLs only. */
export const alertsApi = {
  /** The alerts of the villages of `grid` over the server's default window: the last 7 China days up to today. */
  list: (grid: string, signal?: AbortSignal) =>
    getJson<AlertReply>(`/api/alerts?grid=${encodeURIComponent(grid)}`, { signal }),
};
