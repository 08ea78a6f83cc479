import { parseGridCode } from '@domain/gridCode.js';
import { alertsApi, type VillageAlert } from '../api/alertsApi.js';
import type { PageLive } from '../live/pageLive.svelte.js';
import { alertEventConcerns } from './alertEventConcerns.js';

type AlertFeedState = 'loading' | 'ready' | 'failed';

/** A recompute of a county sends one event per town in one burst: the list is read once after it. */
const burstMs = 300;
/**
 * Read again this often without an event: the China day turns at midnight (today's alerts are then
 * another day's), and an unattended wall must not keep yesterday's list for weeks.
 */
const refreshMs = 10 * 60_000;

/**
 * The early-warning alerts (issue #15 part 5) of one grid's villages over the last 7 days, kept
 * current by the page's live link: read when followed, again on every resync, and after an
 * `alert` event of a town that concerns the grid. The dossier, the wall and the map's alert layer
 * each follow their own grid.
 */
export class VillageAlertFeed {
  /** Latest day first, then by village code (the API's order). */
  alerts: readonly VillageAlert[] = $state.raw([]);
  /** The server's China date of the last reply: "today" for the alerts. */
  today: string | null = $state(null);
  state: AlertFeedState = $state('loading');
  /** The grid the alerts were read for (the view may have moved on while a read ran). */
  grid: string | null = $state(null);

  /** Today's alerts: the villages alerted now. */
  readonly todays: readonly VillageAlert[] = $derived(this.alerts.filter((alert) => alert.day === this.today));

  /** Follows `code` on `live` until the returned cleanup is called. */
  follow(code: string, live: PageLive): () => void {
    const grid = parseGridCode(code);
    let abort: AbortController | null = null;
    let burst: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      abort?.abort();
      const own = (abort = new AbortController());
      try {
        const reply = await alertsApi.list(code, own.signal);
        if (own.signal.aborted) return;
        this.alerts = reply.alerts;
        this.today = reply.to;
        this.grid = code;
        this.state = 'ready';
      } catch (error) {
        if (own.signal.aborted) return;
        // The list on screen stays; the next event, resync or refresh reads it again.
        if (this.grid !== code) this.state = 'failed';
        console.warn('gridmap alerts: not loaded', error);
      }
    };
    if (this.grid !== code) {
      this.state = 'loading';
      this.alerts = [];
    }
    const unsubscribe = live.subscribe({
      onEvent: (event) => {
        if (!grid || !alertEventConcerns(grid, event)) return;
        clearTimeout(burst);
        burst = setTimeout(() => void load(), burstMs);
      },
      onResync: () => load(),
    });
    const timer = setInterval(() => void load(), refreshMs);
    return () => {
      unsubscribe();
      clearTimeout(burst);
      clearInterval(timer);
      abort?.abort();
    };
  }
}
