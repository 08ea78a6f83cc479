import { describe, expect, it } from 'vitest';
import {
  clearDraft,
  draftStorageKey,
  emptyDraft,
  loadDraft,
  newReportId,
  saveDraft,
  type ReportDraft,
} from '../../../../web/src/features/report/reportDraft.js';

/** localStorage as the browser has it, with a quota in characters. */
class MemoryStorage {
  readonly items = new Map<string, string>();
  constructor(private readonly quota = Infinity) {}
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (value.length > this.quota) throw new DOMException('quota exceeded', 'QuotaExceededError');
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

const typed: ReportDraft = {
  category: 'neighbour_dispute',
  summary: '两户因宅基地边界发生争执',
  position: { lon: 99.8181, lat: 39.3776, accuracyM: 12, source: 'device' },
  photo: `data:image/jpeg;base64,${'A'.repeat(4000)}`,
  reportId: '0f8e2c1a-5b3d-4e7f-9a6b-2c4d6e8f0a1b',
};

describe('the report draft', () => {
  it('comes back exactly as it was saved', () => {
    const storage = new MemoryStorage();
    expect(saveDraft(storage, typed)).toBe('all');
    expect(loadDraft(storage)).toEqual(typed);
  });

  it('keeps the text without the photo when the photo does not fit the storage quota', () => {
    const storage = new MemoryStorage(1000);
    expect(saveDraft(storage, typed)).toBe('without_photo');
    expect(loadDraft(storage)).toEqual({ ...typed, photo: null });
  });

  it('reports nothing kept when storage refuses everything or is missing', () => {
    expect(saveDraft(new MemoryStorage(10), typed)).toBe('nothing');
    expect(saveDraft(undefined, typed)).toBe('nothing');
  });

  it('is empty when nothing, garbage or a foreign shape is stored', () => {
    const storage = new MemoryStorage();
    expect(loadDraft(storage)).toEqual(emptyDraft);
    storage.setItem(draftStorageKey, '{not json');
    expect(loadDraft(storage)).toEqual(emptyDraft);
    storage.setItem(
      draftStorageKey,
      JSON.stringify({ category: 7, summary: ['x'], position: { lon: 'a' }, photo: 'javascript:1' }),
    );
    expect(loadDraft(storage)).toEqual(emptyDraft);
  });

  it('removes the stored entry when cleared or saved empty', () => {
    const storage = new MemoryStorage();
    saveDraft(storage, typed);
    clearDraft(storage);
    expect(storage.items.has(draftStorageKey)).toBe(false);
    saveDraft(storage, typed);
    saveDraft(storage, { ...emptyDraft, summary: '   ' });
    expect(storage.items.has(draftStorageKey)).toBe(false);
  });

  it('never throws when the storage itself throws on reading', () => {
    const broken = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: () => {},
      removeItem: () => {},
    };
    expect(loadDraft(broken)).toEqual(emptyDraft);
  });

  it('drops a stored report id that is not a UUID', () => {
    const storage = new MemoryStorage();
    storage.setItem(draftStorageKey, JSON.stringify({ ...typed, reportId: 'not-a-uuid' }));
    expect(loadDraft(storage)).toEqual({ ...typed, reportId: null });
  });
});

describe('newReportId', () => {
  it('makes a version 4 UUID from the random bytes', () => {
    const id = newReportId((bytes) => bytes.fill(0xff));
    expect(id).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
  });

  it('makes a different id each time', () => {
    expect(newReportId()).not.toBe(newReportId());
    expect(newReportId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
