/**
 * What a grid staff member has typed into `/report` but not yet seen go through. Kept in
 * localStorage so that a failed upload, a closed tab or a flat battery loses nothing; cleared only
 * when the server has answered with a serial. Pure apart from the `Storage` it is given.
 */
export interface ReportPosition {
  lon: number;
  lat: number;
  /** Metres (from the device); null when the position was tapped on the map. */
  accuracyM: number | null;
  source: 'device' | 'map';
}

export interface ReportDraft {
  category: string | null;
  summary: string;
  position: ReportPosition | null;
  /** A downscaled JPEG data URL, or null. */
  photo: string | null;
  /**
   * The id the server knows this report by (POST /api/cases `reportId`, and its `Idempotency-Key`): made at the first send and
   * kept with the draft, so a retry after a lost reply cannot register the case twice. Null until then.
   */
  reportId: string | null;
}

export const emptyDraft: ReportDraft = { category: null, summary: '', position: null, photo: null, reportId: null };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A random (version 4) UUID. Built from getRandomValues because crypto.randomUUID exists only in
 * secure contexts, and the page may be served over plain http on a township LAN.
 */
export function newReportId(
  random: (bytes: Uint8Array) => Uint8Array = (bytes) => crypto.getRandomValues(bytes),
): string {
  const bytes = random(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const draftStorageKey = 'gridmap.report.draft';

type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function isEmptyDraft(draft: ReportDraft): boolean {
  return draft.category === null && draft.summary.trim() === '' && draft.position === null && draft.photo === null;
}

/** The stored draft, or an empty one when there is none or what is stored is not a draft. */
export function loadDraft(storage: DraftStorage | undefined): ReportDraft {
  const text = safely(() => storage?.getItem(draftStorageKey) ?? null, null);
  if (!text) return { ...emptyDraft };
  const value = safely<unknown>(() => JSON.parse(text), null);
  if (typeof value !== 'object' || value === null) return { ...emptyDraft };
  const stored = value as Record<string, unknown>;
  return {
    category: typeof stored.category === 'string' ? stored.category : null,
    summary: typeof stored.summary === 'string' ? stored.summary : '',
    position: isPosition(stored.position) ? stored.position : null,
    photo: typeof stored.photo === 'string' && stored.photo.startsWith('data:image/') ? stored.photo : null,
    reportId: typeof stored.reportId === 'string' && uuidPattern.test(stored.reportId) ? stored.reportId : null,
  };
}

/**
 * Saves the draft. A photo can outgrow the ~5 MB localStorage quota (or storage may be off in a
 * private tab): then the text is still kept without the photo, because the text is what cost the
 * user effort. Returns what was kept.
 */
export function saveDraft(storage: DraftStorage | undefined, draft: ReportDraft): 'all' | 'without_photo' | 'nothing' {
  if (!storage) return 'nothing';
  if (isEmptyDraft(draft)) {
    clearDraft(storage);
    return 'all';
  }
  if (safely(() => (storage.setItem(draftStorageKey, JSON.stringify(draft)), true), false)) return 'all';
  if (
    draft.photo !== null &&
    safely(() => (storage.setItem(draftStorageKey, JSON.stringify({ ...draft, photo: null })), true), false)
  ) {
    return 'without_photo';
  }
  return 'nothing';
}

export function clearDraft(storage: DraftStorage | undefined): void {
  safely(() => storage?.removeItem(draftStorageKey), undefined);
}

function isPosition(value: unknown): value is ReportPosition {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Record<string, unknown>;
  return (
    typeof p.lon === 'number' &&
    typeof p.lat === 'number' &&
    Number.isFinite(p.lon) &&
    Number.isFinite(p.lat) &&
    (p.accuracyM === null || typeof p.accuracyM === 'number') &&
    (p.source === 'device' || p.source === 'map')
  );
}

/** Storage throws on quota, on disabled storage and in some private modes; a draft must never break the page. */
function safely<T>(work: () => T, fallback: T): T {
  try {
    return work();
  } catch {
    return fallback;
  }
}
