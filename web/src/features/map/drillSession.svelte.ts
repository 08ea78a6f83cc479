import type { MultiPolygon, Polygon } from 'geojson';
import { drillApi, type GridDossier } from '../../lib/api/drillApi.js';
import { ApiError } from '../../lib/api/getJson.js';
import { mapData } from '../../lib/api/mapData.js';
import { drillableLevels, type DrillableLevel } from '../../lib/map/drillLayers.js';
import { geometryBounds, type Bbox } from '../../lib/map/geometryBounds.js';
import { classify, type ThematicMeasure } from './thematicClasses.js';
import { compareChildren } from './childComparison.js';
import { markPageStep } from '../../lib/timing/pageTiming.js';

/** The selected grid's shape: fixed while the user stays on it (a live refresh keeps it). */
export interface DrillOutline {
  code: string;
  geometry: Polygon | MultiPolygon;
  bbox: Bbox;
}

/** The selected grid as the map draws it. */
export interface DrillGrid extends DrillOutline {
  childLevel: DrillableLevel | null;
  childCodes: string[];
}

/** The side panel shows the dossier or the cases (list, or one case's detail). */
export type PanelTab = 'dossier' | 'cases';

export type DrillState = 'loading' | 'ready' | 'notFound' | 'failed';

/**
 * The drill-down's state for one map: which grid is selected, its dossier, the measure that
 * colours and compares its children, and the density view. `show(code)` loads a grid; a live event
 * calls `refresh()`, which keeps the grid and the frame and only reloads the figures.
 */
export class DrillSession {
  /** The selected grid; until `show` is first called, the viewer's scope (`/` and `/map` open it). */
  code: string = $state('');
  state: DrillState = $state('loading');
  failure: string | null = $state(null);
  /** The selected grid's outline, as soon as it arrives (the map frames it without waiting for the figures). */
  outline: DrillOutline | null = $state.raw(null);
  dossier: GridDossier | null = $state.raw(null);
  /** The code `dossier` was asked for (the panel keeps the previous one on screen while the next loads). */
  private dossierCode: string | null = $state(null);
  /** The grid the map has finished framing (the drill probe and the tests wait for it). */
  fittedCode: string | null = $state(null);
  measure: ThematicMeasure = $state('openPer100Households');
  thematic = $state(true);
  densityDays: number | null = $state(null);
  /** Cases drawn by the density view, once loaded. */
  densityCount: number | null = $state(null);

  readonly classification = $derived(this.dossier ? classify(this.dossier.children, this.measure) : null);
  readonly comparison = $derived(compareChildren(this.dossier?.children ?? [], this.measure));

  /** The selected grid as the map draws it: its outline, and its children once the dossier is in. */
  readonly grid: DrillGrid | null = $derived.by(() => {
    const outline = this.outline;
    if (!outline || outline.code !== this.code) return null;
    const dossier = this.dossierCode === this.code ? this.dossier : null;
    const childLevel = dossier?.grid.childLevel ?? null;
    return {
      ...outline,
      childLevel: drillableLevels.find((level) => level === childLevel) ?? null,
      childCodes: dossier?.children.map((child) => child.code) ?? [],
    };
  });

  /**
   * Loads `code`: its outline and its dossier, each shown as soon as it arrives (the map starts
   * moving while the figures are still on their way). Returns the cleanup that drops stale answers.
   */
  show(code: string): () => void {
    const abort = new AbortController();
    this.code = code;
    this.state = 'loading';
    this.failure = null;
    this.fittedCode = null;
    const failed = (error: unknown) => {
      if (abort.signal.aborted) return;
      abort.abort();
      this.outline = null;
      this.dossier = null;
      this.dossierCode = null;
      if (error instanceof ApiError && (error.status === 404 || error.status === 403)) this.state = 'notFound';
      else {
        this.state = 'failed';
        this.failure = error instanceof Error ? error.message : String(error);
      }
    };
    mapData
      .grid(code, abort.signal)
      .then((feature) => {
        if (abort.signal.aborted) return;
        this.outline = { code, geometry: feature.geometry, bbox: geometryBounds(feature.geometry) };
      })
      .catch(failed);
    drillApi
      .dossier(code, abort.signal)
      .then((dossier) => {
        if (abort.signal.aborted) return;
        markPageStep('dossier');
        this.dossier = dossier;
        this.dossierCode = code;
        this.state = 'ready';
      })
      .catch(failed);
    return () => abort.abort();
  }

  /** Reloads the figures of the grid on screen (after a live event or an action). */
  async refresh(): Promise<void> {
    const code = this.code;
    if (this.state !== 'ready') return;
    try {
      const dossier = await drillApi.dossier(code);
      if (code === this.code && this.state === 'ready') this.dossier = dossier;
    } catch (error) {
      console.warn('gridmap: the dossier could not be refreshed', error);
    }
  }

  /** The direct parent of the selected grid, or null at the top (the dossier lists no parent). */
  get parentCode(): string | null {
    const parents = this.dossier?.grid.parents ?? [];
    return parents.length > 0 ? parents[parents.length - 1]!.code : null;
  }
}
