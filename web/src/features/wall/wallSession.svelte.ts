import type { CaseEventMessage, LiveEventMessage } from '@contract/live.js';
import { parseGridCode } from '@domain/gridCode.js';
import { eventPlace, scopeCovers } from '@domain/liveScope.js';
import type { DeadlineState } from '../../lib/api/mapFeatures.js';
import type { ViewerScope } from '../../lib/map/homeCounties.js';
import { openWallMap, type WallCasePoint, type WallMapPort } from '../../lib/map/wallMap.js';
import { publishedGridVersion } from '../../lib/map/gridTileReload.js';
import type { PageLive } from '../../lib/live/pageLive.svelte.js';
import { VillageAlertFeed } from '../../lib/alerts/villageAlertFeed.svelte.js';
import { AlertOutlines } from '../../lib/alerts/alertOutlines.js';
import { ApiError } from '../../lib/api/getJson.js';
import { deadlineNow } from './wallDeadline.js';
import { wallData, type GridKpis } from './wallData.js';
import { loadWallPlaces, type WallPlace } from './wallPlaces.js';

/** One line of the ticker: what, where, when — never who. */
export interface TickerItem {
  key: string;
  at: string;
  kind: string;
  serial: string | null;
  category: string | null;
  /** The village the event happened in, or the town an alert event concerns (no village to name). */
  placeCode: string | null;
  action: string | null;
}

interface WallCase {
  serial: string;
  position: [number, number];
  serverState: DeadlineState;
  stageWarnAt: string | null;
  stageDueAt: string | null;
}

const openStatuses = new Set(['registered', 'accepted', 'mediating']);
const tickerLength = 12;
/** Deadline colours are recomputed this often (red on time without a reload). */
const clockMs = 15_000;
/** Open cases and KPIs are read afresh this often: yellow (70 %) needs the server's calendar. */
const refreshMs = 5 * 60_000;
const kpiMs = 60_000;
/** Events come in bursts (an escalation run); the KPIs are read once after the burst. */
const kpiAfterEventMs = 800;

/**
 * The wall's state: the open cases on the map, the KPIs of the place shown, the ticker, the live
 * link. `scope` is what the wall covers (the viewer's scope, or one county or town in it); rotation
 * moves the frame and the KPIs through the places one level down (a prefecture's counties, a
 * county's towns) while the map keeps the whole scope. The events come from the page's one live
 * connection, scoped by the viewer: those outside `scope` are left out here.
 */
export class WallSession {
  kpis: GridKpis | null = $state.raw(null);
  ticker: TickerItem[] = $state.raw([]);
  place: WallPlace = $state.raw({ code: '', name: '', bbox: null });
  placeNames: ReadonlyMap<string, string> = $state.raw(new Map());
  categoryNames: ReadonlyMap<string, { zh: string; en: string }> = $state.raw(new Map());
  ready = $state(false);
  failure: string | null = $state(null);
  /** The early-warning alerts of the scope's villages; the wall shows today's. */
  readonly alerts = new VillageAlertFeed();

  private readonly cases = new Map<string, WallCase>();
  private readonly alertOutlines = new AlertOutlines();
  private alertCodes: readonly string[] = [];
  private port: WallMapPort | null = null;
  /** The open map, for time playback to draw on (null until it opens). */
  mapPort: WallMapPort | null = $state.raw(null);
  private places: WallPlace[] = [];
  private kpiTimer: ReturnType<typeof setTimeout> | undefined;

  private readonly covers: (event: LiveEventMessage) => boolean;

  constructor(
    readonly scope: string,
    private readonly viewer: ViewerScope,
    private readonly rotateSeconds: number | null,
    readonly live: PageLive,
  ) {
    const grid = parseGridCode(scope);
    this.covers = (event) => grid !== null && scopeCovers(grid, eventPlace(event));
  }

  /** Opens the map in `container` and starts the link and the timers; returns the cleanup. */
  open(container: HTMLElement, attribution: { data: string; boundary: string }): () => void {
    let closed = false;
    const timers: ReturnType<typeof setInterval>[] = [];
    let stopLive = () => {};
    let stopAlerts = () => {};
    const start = async () => {
      const [region, categories] = await Promise.all([wallData.region(), wallData.categories()]);
      if (closed) return;
      this.categoryNames = new Map(
        categories.map((category) => [category.code, { zh: category.nameZh, en: category.nameEn }]),
      );
      this.port = openWallMap({ container, region, scope: this.viewer, attribution });
      this.mapPort = this.port;
      void this.drawAlerts();
      await this.loadPlaces();
      if (closed) return;
      stopLive = this.live.subscribe({ onEvent: (event) => this.apply(event), onResync: () => this.reload() });
      stopAlerts = this.alerts.follow(this.scope, this.live);
      timers.push(setInterval(() => this.drawCases(), clockMs));
      timers.push(setInterval(() => void this.reload().catch((error: unknown) => this.failed(error)), refreshMs));
      timers.push(setInterval(() => void this.refreshKpis(), kpiMs));
      if (this.rotateSeconds && this.places.length > 1) {
        let index = 0;
        timers.push(
          setInterval(
            () => this.show(this.places[(index = (index + 1) % this.places.length)]!),
            this.rotateSeconds * 1000,
          ),
        );
      }
      await this.port.ready;
      if (!closed) this.ready = true;
    };
    // A wall starts unattended (often before the server): keep trying until the first load works.
    let retry: ReturnType<typeof setTimeout> | undefined;
    const attempt = () =>
      start().catch((error: unknown) => {
        this.failed(error);
        // Signed out (401): retrying cannot help; the app shows "sign in again" and unmounts the wall.
        if (this.port || closed || this.signedOut || (error instanceof ApiError && error.status === 401)) return;
        retry = setTimeout(attempt, 10_000);
      });
    void attempt();
    return () => {
      closed = true;
      clearTimeout(retry);
      timers.forEach(clearInterval);
      clearTimeout(this.kpiTimer);
      stopLive();
      stopAlerts();
      this.port?.destroy();
      this.port = null;
      this.mapPort = null;
      this.ready = false;
    };
  }

  /** Outlines `codes` (the villages alerted today) on the wall map, now or once it is open. */
  markAlerts(codes: readonly string[]): void {
    this.alertCodes = codes;
    void this.drawAlerts();
  }

  private async drawAlerts(): Promise<void> {
    const codes = this.alertCodes;
    const shown = await this.alertOutlines.of(codes);
    if (this.alertCodes === codes) this.port?.setAlertVillages(shown);
  }

  /** The live link found the session gone; the app swaps the wall for its full-screen notice. */
  get signedOut(): boolean {
    return this.live.signedOut;
  }

  private failed(error: unknown): void {
    this.failure = error instanceof Error ? error.message : String(error);
    console.warn('gridmap wall:', error);
  }

  /** The places to show (the scope, and those toured when rotating) and the ticker's village names. */
  private async loadPlaces(): Promise<void> {
    const { places, placeNames } = await loadWallPlaces(this.scope, this.viewer.code);
    this.placeNames = placeNames;
    // Without rotation the wall stays on its scope; the toured places are only for `?rotate=`.
    this.places = this.rotateSeconds ? places : places.slice(0, 1);
    this.show(this.places[0]!);
  }

  private show(place: WallPlace): void {
    this.place = place;
    if (place.bbox) this.port?.frame(place.bbox);
    void this.refreshKpis();
  }

  /** Reloads what events are applied to (first connection, resync, periodic refresh). */
  private async reload(): Promise<void> {
    const [open] = await Promise.all([wallData.openCases(this.scope), this.refreshKpis()]);
    this.cases.clear();
    for (const feature of open.features) {
      const properties = feature.properties;
      this.cases.set(properties.serial, {
        serial: properties.serial,
        position: feature.geometry.coordinates as [number, number],
        serverState: properties.deadlineState ?? 'green',
        stageWarnAt: properties.stageWarnAt,
        stageDueAt: properties.stageDueAt,
      });
    }
    this.drawCases();
    if (this.ticker.length === 0) {
      // Until live events arrive, the ticker starts with the newest reports (the reply is newest first).
      this.ticker = open.features.slice(0, tickerLength).map((feature) => ({
        key: `case-${feature.properties.serial}`,
        at: feature.properties.reportedAt,
        kind: 'case',
        serial: feature.properties.serial,
        category: feature.properties.category,
        placeCode: feature.properties.groupCode.slice(0, 12),
        action: 'register',
      }));
    }
    this.failure = null;
  }

  private async refreshKpis(): Promise<void> {
    const code = this.place.code || this.scope;
    try {
      const kpis = await wallData.kpis(code);
      if ((this.place.code || this.scope) === code) this.kpis = kpis;
    } catch (error) {
      // The strip keeps its last figures; the next timer or event tries again.
      console.warn('gridmap wall: KPIs not refreshed', error);
    }
  }

  private drawCases(): void {
    const now = Date.now();
    const points: WallCasePoint[] = [];
    for (const item of this.cases.values()) {
      points.push({
        serial: item.serial,
        position: item.position,
        deadlineState: deadlineNow(item.serverState, item.stageWarnAt, item.stageDueAt, now),
      });
    }
    this.port?.setCases(points);
  }

  /** Applies one live event; the marks let a probe time the main-thread work per event. */
  private apply(event: LiveEventMessage): void {
    // A published plan: the outlines (the map shows the viewer's whole scope) are redrawn as of the
    // new version, without a reload.
    const gridVersion = publishedGridVersion(event);
    if (gridVersion !== null) this.port?.reloadGrids(gridVersion);
    if (!this.covers(event)) return;
    const start = performance.mark('wall-apply-start');
    if (event.kind === 'case') this.applyCase(event);
    this.ticker = [tickerItem(event), ...this.ticker.filter((item) => item.key !== `event-${event.id}`)].slice(
      0,
      tickerLength,
    );
    clearTimeout(this.kpiTimer);
    this.kpiTimer = setTimeout(() => void this.refreshKpis(), kpiAfterEventMs);
    performance.measure('wall-apply', start.name);
    // deck.gl uploads the changed attribute on its next frame: time that too.
    requestAnimationFrame(() => performance.measure('wall-apply-to-frame', { start: start.startTime }));
  }

  private applyCase(event: CaseEventMessage): void {
    const serial = typeof event.serial === 'string' ? event.serial : null;
    const lon = Number(event.lon);
    const lat = Number(event.lat);
    if (!serial) return;
    const state = (['green', 'yellow', 'red'] as const).find((value) => value === event.deadlineState) ?? 'green';
    if (openStatuses.has(String(event.status)) && Number.isFinite(lon) && Number.isFinite(lat)) {
      this.cases.set(serial, {
        serial,
        position: [lon, lat],
        serverState: state,
        stageWarnAt: typeof event.stageWarnAt === 'string' ? event.stageWarnAt : null,
        stageDueAt: typeof event.stageDueAt === 'string' ? event.stageDueAt : null,
      });
    } else {
      this.cases.delete(serial);
    }
    this.drawCases();
    if (Number.isFinite(lon) && Number.isFinite(lat))
      this.port?.pulse([lon, lat], deadlineNow(state, null, null, Date.now()));
  }
}

function tickerItem(event: LiveEventMessage): TickerItem {
  return {
    key: `event-${event.id}`,
    at: event.at,
    kind: event.kind,
    serial: event.kind === 'case' && typeof event.serial === 'string' ? event.serial : null,
    category: event.kind === 'case' && typeof event.category === 'string' ? event.category : null,
    placeCode: event.villageCode ?? (event.kind === 'alert' ? (event.townCode ?? null) : null),
    action: event.kind === 'case' && typeof event.action === 'string' ? event.action : null,
  };
}
