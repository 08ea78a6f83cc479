import type { LiveEventMessage } from '@contract/live.js';
import type { PageLive } from '../../lib/live/pageLive.svelte.js';
import { publishedGridVersion } from '../../lib/map/gridTileReload.js';
import type { CaseDetailSession } from './cases/caseDetailSession.svelte.js';
import type { CaseListSession } from './cases/caseListSession.svelte.js';
import type { DrillSession } from './drillSession.svelte.js';
import type { MapSession } from './mapSession.svelte.js';

/** Events in a burst (the simulator, an escalation run) refresh the figures once, this long after the last. */
const refreshDelayMs = 300;

export interface DrillLiveOptions {
  drill: DrillSession;
  cases: CaseListSession;
  detail: CaseDetailSession;
  map: MapSession;
}

/**
 * Keeps the drill-down current through the page's live connection: an event about the open case
 * reloads its detail at once; any case, camera or patrol event refreshes the dossier, the case
 * list and the map's case points once the burst settles; a published plan redraws the grid tiles
 * as of its version. A resync reloads them all.
 */
export class DrillLive {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: DrillLiveOptions) {}

  /** Subscribes to the page's link (scoped by the viewer: the server narrows it anyway); returns the cleanup. */
  start(live: PageLive): () => void {
    const unsubscribe = live.subscribe({
      onEvent: (event) => this.apply(event),
      onResync: async ({ initial }) => {
        // The first time the map just loaded its tiles; a later resync may have missed a publish.
        if (!initial) this.options.map.reloadGrids(`r${Date.now()}`);
        await this.refreshNow();
      },
    });
    return () => {
      clearTimeout(this.timer);
      unsubscribe();
    };
  }

  private apply(event: LiveEventMessage): void {
    const gridVersion = publishedGridVersion(event);
    if (gridVersion !== null) {
      this.options.map.reloadGrids(gridVersion);
      return;
    }
    if (event.kind === 'case' && event.serial === this.options.detail.serial) void this.options.detail.reload();
    this.refreshSoon();
  }

  refreshSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refreshNow(), refreshDelayMs);
  }

  private async refreshNow(): Promise<void> {
    const { drill, cases, detail, map } = this.options;
    await Promise.all([drill.refresh(), cases.load(drill.code), detail.reload(), map.reloadCases()]);
  }
}
