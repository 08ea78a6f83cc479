import type { LiveEventMessage } from '@contract/live.js';
import { LiveConnection } from '../../lib/live/liveConnection.svelte.js';
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
 * Keeps the drill-down current through `/live`: an event about the open case reloads its detail
 * at once; any case, camera or patrol event refreshes the dossier, the case list and the map's
 * case points once the burst settles. A resync reloads them all.
 */
export class DrillLive {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: DrillLiveOptions) {}

  /** Subscribes to `scope` (the viewer's grid; the server narrows it anyway); returns the cleanup. */
  start(scope: string): () => void {
    const connection = new LiveConnection({
      scope,
      onEvent: (event) => this.apply(event),
      onResync: () => this.refreshNow(),
    });
    const stop = connection.start();
    return () => {
      clearTimeout(this.timer);
      stop();
    };
  }

  private apply(event: LiveEventMessage): void {
    if (event.kind === 'grid') return;
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
