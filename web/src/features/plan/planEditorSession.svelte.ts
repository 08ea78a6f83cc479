import type { LineString, Polygon, Position } from 'geojson';
import { mapData } from '../../lib/api/mapData.js';
import { plansApi } from '../../lib/api/plans.js';
import type {
  PlanGridCollection,
  PlanImpact,
  PlanLock,
  PlanProblem,
  PlanSummary,
  PlanValidation,
} from '../../lib/api/plansTypes.js';
import { geometryBounds } from '../../lib/map/geometryBounds.js';
import type { PlanEditorPort, PlanTool, ReferenceOutlines } from './map/planEditorPort.js';
import { openPlanEditorMap } from './map/planEditorMap.js';
import { EditHistory, type PlanOperation } from './editing/editHistory.js';
import { gridAt } from './editing/gridAt.js';
import { problemFeatures } from './editing/problemFeatures.js';
import { asMultiPolygon, shareAnEdge, type EditableGrid } from './editing/sharedEdges.js';
import { reasonOf, type EditorNotice, type EditorWords } from './editorWords.js';
import { keepRenewing, releaseLock, takeLock } from './planLock.js';
import { saveFailure, saveInOrder, type SaveTarget } from './planSaving.js';
import { addEdit, deleteEdit, mergeEdit, paintEdit, splitEdit, vertexMoveEdit, type PlanEdit } from './planEdits.js';
import { publishedOutlines } from './publishedOutlines.js';

/**
 * One plan open in the editor: the draft's grids, its checks, the lock, the undo stack and the map.
 * Every change is sent to the server first and drawn from its answer; the map never shows a
 * geometry the server did not accept.
 */
export class PlanEditorSession {
  plan: PlanSummary | null = $state.raw(null);
  grids: PlanGridCollection = $state.raw({ type: 'FeatureCollection', features: [] });
  validation: PlanValidation | null = $state.raw(null);
  validating = $state(false);
  impact: PlanImpact | null = $state.raw(null);
  lock: PlanLock | null = $state.raw(null);
  lockMine = $state(false);
  lockProblem: string | null = $state(null);
  tool: PlanTool = $state('select');
  selection: string[] = $state([]);
  notice: EditorNotice | null = $state.raw(null);
  busy = $state(false);
  ready = $state(false);
  failure: string | null = $state(null);
  canUndo = $state(false);
  canRedo = $state(false);
  /** Changes saved since the page opened: lets tests and the user see that work happened. */
  revision = $state(0);

  port: PlanEditorPort | null = $state.raw(null);
  private readonly history = new EditHistory();
  private validationAbort: AbortController | null = null;

  constructor(
    readonly planId: string,
    private readonly words: EditorWords,
  ) {}

  get editable(): boolean {
    return this.plan?.status === 'draft' && this.lockMine;
  }

  get publishable(): boolean {
    return this.editable && this.validation?.ok === true && !this.validating && !this.busy;
  }

  /** Loads the plan and opens the map in `container`; returns the cleanup (releases the lock). */
  open(container: HTMLElement, attribution: { data: string; boundary: string }): () => void {
    const abort = new AbortController();
    const { signal } = abort;
    let stopLock = () => {};
    const stops: (() => void)[] = [];
    const load = async () => {
      const [plan, region, grids] = await Promise.all([
        plansApi.get(this.planId, signal),
        mapData.region(signal),
        plansApi.grids(this.planId, signal),
      ]);
      if (signal.aborted) return;
      this.plan = plan;
      this.lock = plan.lock;
      const scope = await mapData.grid(plan.scope, signal);
      if (signal.aborted) return;
      const port = openPlanEditorMap({
        container,
        region,
        attribution,
        bounds: geometryBounds(scope.geometry),
        scope: { code: scope.properties.code, level: scope.properties.level },
      });
      this.port = port;
      port.setParentOutline(scope.geometry);
      stops.push(
        port.onGridClick((code) => this.clicked(code)),
        port.onVertexMove((from, to) => void this.moveVertex(from, to)),
        port.onLineDrawn((line) => void this.split(line)),
        port.onPolygonDrawn((polygon) => void this.add(polygon)),
        port.onPaint((target) => void this.paint(target)),
      );
      this.showGrids(grids);
      if (plan.status === 'draft') {
        await this.takeLock();
        stopLock = keepRenewing(() => this.takeLock());
      }
      void this.revalidate();
      await port.ready;
      if (!signal.aborted) this.ready = true;
    };
    load().catch((error: unknown) => {
      if (signal.aborted) return;
      this.failure = error instanceof Error ? error.message : String(error);
      console.warn('gridmap: the plan could not load', error);
    });
    return () => {
      abort.abort();
      this.validationAbort?.abort();
      stopLock();
      stops.forEach((stop) => stop());
      releaseLock(this, this.planId);
      this.port?.destroy();
      this.port = null;
      this.ready = false;
    };
  }

  /** Takes or renews the lock; a 409 names who holds it and leaves the editor read-only. */
  takeLock(): Promise<void> {
    return takeLock(this, this.planId);
  }

  setTool(tool: PlanTool): void {
    this.tool = tool;
    this.port?.setTool(tool);
  }

  select(codes: string[]): void {
    this.selection = codes;
    this.port?.setSelection(codes);
  }

  private clicked(code: string | null): void {
    if (!code) return this.select([]);
    // Merge and paint work on a second grid; everything else on one.
    if (this.tool === 'select' && this.selection.length === 1 && this.selection[0] !== code && this.multiSelect) {
      return this.select([this.selection[0]!, code]);
    }
    this.select([code]);
  }

  /** Shift held (set by the view): the next click adds a second grid to the selection. */
  multiSelect = false;

  private editable_grids(): EditableGrid[] {
    return this.grids.features.map((feature) => ({
      code: feature.properties.code,
      geometry: asMultiPolygon(feature.geometry),
    }));
  }

  private feature(code: string) {
    return this.grids.features.find((feature) => feature.properties.code === code);
  }

  private versionOf = (code: string): number => {
    const feature = this.feature(code);
    if (!feature) throw new Error(`grid ${code} is not in the plan`);
    return feature.properties.version;
  };

  private showGrids(grids: PlanGridCollection): void {
    this.grids = grids;
    this.port?.setGrids(grids);
    const codes = new Set(grids.features.map((feature) => feature.properties.code));
    const kept = this.selection.filter((code) => codes.has(code));
    if (kept.length !== this.selection.length) this.select(kept);
  }

  async reload(): Promise<void> {
    this.notice = null;
    const [plan, grids] = await Promise.all([plansApi.get(this.planId), plansApi.grids(this.planId)]);
    this.plan = plan;
    this.showGrids(grids);
    await this.revalidate();
  }

  /** Re-checks the draft; a newer check cancels an older one still under way. */
  async revalidate(): Promise<void> {
    this.validationAbort?.abort();
    const abort = new AbortController();
    this.validationAbort = abort;
    this.validating = true;
    try {
      const validation = await plansApi.validation(this.planId, abort.signal);
      if (abort.signal.aborted) return;
      this.validation = validation;
      this.port?.setProblems(problemFeatures(validation.problems, this.words.problem));
    } catch (error) {
      if (!abort.signal.aborted) this.notice = { kind: 'error', text: this.words.failed(reasonOf(error)) };
    } finally {
      if (this.validationAbort === abort) this.validating = false;
    }
  }

  private saveTarget(): SaveTarget {
    return {
      planId: this.planId,
      history: this.history,
      versionOf: this.versionOf,
      showGrids: (grids) => this.showGrids(grids),
    };
  }

  /** Runs operations in order, then redraws from the server. False (with a notice) when one failed. */
  private async run(operations: PlanOperation[]): Promise<{ ok: boolean; created: string[] }> {
    this.busy = true;
    const created: string[] = [];
    try {
      await saveInOrder(this.saveTarget(), operations, created);
      this.revision++;
      return { ok: true, created };
    } catch (error) {
      this.notice = saveFailure(error, this.words);
      // Whatever the map previewed goes back to what the server has.
      this.port?.setGrids(this.grids);
      return { ok: false, created };
    } finally {
      this.busy = false;
      this.syncHistory();
      void this.revalidate();
      this.impact = null;
    }
  }

  private syncHistory(): void {
    this.canUndo = this.history.canUndo;
    this.canRedo = this.history.canRedo;
  }

  private async perform({ entry, after }: PlanEdit): Promise<void> {
    const { ok, created } = await this.run(entry.redo);
    if (!ok) return;
    after?.(created);
    this.history.record(entry);
    this.syncHistory();
    this.notice = { kind: 'info', text: this.words.saved(entry.label) };
  }

  async undo(): Promise<void> {
    const entry = this.history.undo();
    if (!entry) return;
    const { ok } = await this.run(entry.undo);
    if (!ok) this.history.restoreAfterFailedUndo(entry);
    else this.notice = { kind: 'info', text: this.words.undone(entry.label) };
    this.syncHistory();
  }

  async redo(): Promise<void> {
    const entry = this.history.redo();
    if (!entry) return;
    const { ok } = await this.run(entry.redo);
    if (!ok) this.history.restoreAfterFailedRedo(entry);
    else this.notice = { kind: 'info', text: this.words.redone(entry.label) };
    this.syncHistory();
  }

  /** A dragged vertex: every grid with it changes, saved as one batch (one transaction). */
  async moveVertex(from: Position, to: Position): Promise<void> {
    if (!this.editable) return void this.port?.setGrids(this.grids);
    await this.perform(vertexMoveEdit(this.editable_grids(), from, to, this.words));
  }

  async split(line: LineString): Promise<void> {
    const code = this.selection.length === 1 ? this.selection[0]! : null;
    if (!code || !this.editable) return void (this.notice = { kind: 'error', text: this.words.needOne });
    await this.perform(splitEdit(this.feature(code)!, line, this.words));
  }

  async merge(): Promise<void> {
    const [a, b] = this.selection;
    if (!a || !b || this.selection.length !== 2 || !this.editable) {
      return void (this.notice = { kind: 'error', text: this.words.needTwo });
    }
    const first = this.feature(a)!;
    const second = this.feature(b)!;
    if (!shareAnEdge(asMultiPolygon(first.geometry), asMultiPolygon(second.geometry))) {
      return void (this.notice = { kind: 'error', text: this.words.notAdjacent(a, b) });
    }
    await this.perform(mergeEdit(first, second, this.words));
    this.select([a]);
  }

  async add(polygon: Polygon): Promise<void> {
    if (!this.editable) return;
    const selected = this.selection.length === 1 ? this.feature(this.selection[0]!) : undefined;
    const parentCode = selected?.properties.level === 'village' ? selected.properties.code : null;
    await this.perform(addEdit(polygon, parentCode, this.words, (code) => this.select([code])));
  }

  async deleteSelected(): Promise<void> {
    const code = this.selection.length === 1 ? this.selection[0]! : null;
    if (!code || !this.editable) return void (this.notice = { kind: 'error', text: this.words.needOne });
    await this.perform(deleteEdit(this.feature(code)!, this.words));
  }

  /** Paints a household or street into the selected grid; undo sends it back where it was. */
  async paint(target: { household?: number; street?: number; at?: Position }): Promise<void> {
    const to = this.selection.length === 1 ? this.selection[0]! : null;
    if (!to || !this.editable) return void (this.notice = { kind: 'error', text: this.words.needOne });
    const households = target.household ? [target.household] : [];
    const streets = target.street ? [target.street] : [];
    const from = target.at ? gridAt(this.editable_grids(), target.at) : null;
    await this.perform(paintEdit({ households, streets }, to, from, this.words));
  }

  /** Frames a problem on the map (where it is) and selects its grid. */
  showProblem(problem: PlanProblem): void {
    if (problem.code) this.select([problem.code]);
    if (problem.location) this.port?.fitBounds(geometryBounds(problem.location), { animate: false });
  }

  async loadImpact(): Promise<void> {
    this.impact = await plansApi.impact(this.planId);
    await this.showPublished();
  }

  /** The published grids of the plan's scope as dashed outlines under the plan. */
  async showPublished(): Promise<void> {
    const plan = this.plan;
    if (!plan) return;
    this.setReference(await publishedOutlines(plan, () => this.impact));
  }

  setReference(reference: ReferenceOutlines | null): void {
    this.port?.setReference(reference);
  }

  async publish(): Promise<{ gridVersion: number; changed: number } | null> {
    if (!this.publishable) return null;
    this.busy = true;
    try {
      const result = await plansApi.publish(this.planId);
      this.plan = await plansApi.get(this.planId);
      this.lockMine = false;
      return result;
    } catch (error) {
      this.notice = { kind: 'error', text: this.words.failed(reasonOf(error)) };
      void this.revalidate();
      return null;
    } finally {
      this.busy = false;
    }
  }

  async abandon(): Promise<void> {
    await plansApi.abandon(this.planId);
    this.plan = await plansApi.get(this.planId);
    this.lockMine = false;
  }
}
