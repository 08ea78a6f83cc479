import type { ReportedCase } from '@contract/caseQr.js';
import type { CaseCategoryList } from '@contract/caseCategories.js';
import type { GridDetail } from '@contract/grids.js';
import { getJson } from '../../lib/api/getJson.js';
import { downscalePhoto } from './downscalePhoto.js';
import { locateDevice, type LocateFailure } from './locateDevice.js';
import {
  clearDraft,
  emptyDraft,
  isEmptyDraft,
  loadDraft,
  newReportId,
  saveDraft,
  type ReportDraft,
  type ReportPosition,
} from './reportDraft.js';
import { submitReport, type SubmitResult } from './submitReport.js';
import type { FieldQueue } from '../../lib/fieldQueue/fieldQueue.svelte.js';
import { uploadVerdict } from '../../lib/fieldQueue/uploadVerdict.js';

/** `queued`: no signal (or no answer): the report is in the phone's queue and goes up by itself. */
export type ReportPhase = 'editing' | 'submitting' | 'failed' | 'done' | 'queued';

export interface SubmittedReport {
  /** With its check code when the server registered it now (not on a repeat of the draft). */
  case: ReportedCase;
  /** Names of the grids the server derived from the position; null while loading or if that failed. */
  groupName: string | null;
  villageName: string | null;
  townName: string | null;
}

export type MissingField = 'position' | 'category' | 'summary';

/**
 * The state of `/report`: the draft (mirrored to localStorage on every change), the categories,
 * locating, the photo, and the submission. The view only renders it.
 */
export class ReportSession {
  draft: ReportDraft = $state({ ...emptyDraft });
  /** True when the page opened with a draft from an earlier visit. */
  restored = $state(false);
  draftKept: ReturnType<typeof saveDraft> = $state('all');

  categories: CaseCategoryList | null = $state.raw(null);
  categoriesFailed = $state(false);

  locating = $state(false);
  locateFailure: LocateFailure | null = $state(null);
  photoBusy = $state(false);
  photoFailed = $state(false);

  phase: ReportPhase = $state('editing');
  progress = $state(0);
  failure: Exclude<SubmitResult, { ok: true }> | null = $state.raw(null);
  submitted: SubmittedReport | null = $state(null);

  missing: MissingField[] = $derived(
    [
      this.draft.position ? null : ('position' as const),
      this.draft.category ? null : ('category' as const),
      this.draft.summary.trim() ? null : ('summary' as const),
    ].filter((field) => field !== null),
  );

  constructor(
    /** Where a report goes when it cannot be sent now; null: nowhere (the draft stays, as before). */
    private readonly queue: FieldQueue | null = null,
    private readonly storage: Storage | undefined = globalThis.localStorage,
  ) {
    this.draft = loadDraft(storage);
    this.restored = !isEmptyDraft(this.draft);
  }

  async loadCategories(signal?: AbortSignal): Promise<void> {
    this.categoriesFailed = false;
    try {
      this.categories = await getJson<CaseCategoryList>('/api/case-categories', { signal });
    } catch {
      if (!signal?.aborted) this.categoriesFailed = true;
    }
  }

  async locate(): Promise<void> {
    this.locating = true;
    this.locateFailure = null;
    const result = await locateDevice();
    this.locating = false;
    if (result.ok) this.setPosition(result.position);
    else this.locateFailure = result.failure;
  }

  setPosition(position: ReportPosition): void {
    this.locateFailure = null;
    this.update({ position });
  }

  setCategory(category: string): void {
    this.update({ category });
  }

  setSummary(summary: string): void {
    // One line: a pasted line break would be refused by the server.
    this.update({ summary: summary.replace(/[\r\n\u2028\u2029]+/g, ' ') });
  }

  async setPhoto(file: File): Promise<void> {
    this.photoBusy = true;
    this.photoFailed = false;
    try {
      this.update({ photo: await downscalePhoto(file) });
    } catch {
      this.photoFailed = true;
    } finally {
      this.photoBusy = false;
    }
  }

  removePhoto(): void {
    this.update({ photo: null });
  }

  async submit(): Promise<void> {
    const { position, category, summary, photo } = this.draft;
    if (!position || !category || !summary.trim() || this.phase === 'submitting' || this.photoBusy) return;
    this.phase = 'submitting';
    this.progress = 0;
    this.failure = null;
    const reportId = this.draft.reportId ?? newReportId();
    if (this.draft.reportId === null) this.update({ reportId });
    const body = {
      lon: position.lon,
      lat: position.lat,
      category,
      summary: summary.trim(),
      ...(photo ? { photo } : {}),
      reportId,
    };
    // The browser knows it has no network: straight to the queue, no 20 s wait for a timeout.
    if (globalThis.navigator?.onLine === false && (await this.queueReport(body))) return;
    const result = await submitReport(body, reportId, (fraction) => (this.progress = fraction));
    // No answer, or one that says "later" (5xx, 429…): the same body and key go to the queue,
    // so a reply lost on the way back cannot become a second case.
    const later = !result.ok && uploadVerdict(result.failure === 'refused' ? result : { status: result.failure });
    if (later === 'retry' && (await this.queueReport(body))) return;
    if (!result.ok) {
      this.failure = result;
      this.phase = 'failed';
      return;
    }
    clearDraft(this.storage);
    this.restored = false;
    this.submitted = { case: result.case, groupName: null, villageName: null, townName: null };
    this.phase = 'done';
    await this.loadGridNames(result.case.groupCode);
  }

  /** Puts the report in the phone's queue; false when the queue cannot keep it (the draft stays). */
  private async queueReport(body: Record<string, unknown> & { reportId: string; summary: string }): Promise<boolean> {
    if (!this.queue) return false;
    const categoryName = this.categories?.find((each) => each.code === body.category)?.nameZh ?? '';
    try {
      await this.queue.add({
        id: body.reportId,
        kind: 'report',
        path: '/api/cases',
        body,
        label: `${categoryName ? `${categoryName} · ` : ''}${body.summary.slice(0, 40)}`,
      });
    } catch (error) {
      console.warn('gridmap report: the queue could not keep the report', error);
      return false;
    }
    clearDraft(this.storage);
    this.restored = false;
    this.phase = 'queued';
    return true;
  }

  /** After a success: a fresh, empty form. */
  startOver(): void {
    this.draft = { ...emptyDraft };
    this.submitted = null;
    this.failure = null;
    this.phase = 'editing';
    this.progress = 0;
  }

  private async loadGridNames(groupCode: string): Promise<void> {
    try {
      const grid = await getJson<GridDetail>(`/api/grids/${encodeURIComponent(groupCode)}`);
      const named = (level: string) => grid.properties.parents.find((parent) => parent.level === level)?.name ?? null;
      if (this.submitted?.case.groupCode === groupCode) {
        this.submitted = {
          ...this.submitted,
          groupName: grid.properties.name,
          villageName: named('village'),
          townName: named('town'),
        };
      }
    } catch {
      // The serial is what matters; the names are a courtesy and the codes are shown instead.
    }
  }

  private update(change: Partial<ReportDraft>): void {
    this.draft = { ...this.draft, ...change };
    if (this.phase === 'failed') this.phase = 'editing';
    this.draftKept = saveDraft(this.storage, this.draft);
  }
}
