import { describe, expect, it } from 'vitest';
import { Locale } from '../../../web/src/lib/i18n/locale.svelte.js';

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    items,
  };
}

describe('Locale', () => {
  it('starts in zh-CN on a browser that never chose', () => {
    expect(new Locale(memoryStorage()).code).toBe('zh-CN');
  });

  it('remembers the language chosen and starts in it next time', () => {
    const storage = memoryStorage();
    const first = new Locale(storage);
    first.set('en');
    expect(first.t('layer.cameras')).toBe('Cameras');
    expect(new Locale(storage).code).toBe('en');
  });

  it('ignores a stored value that is not a language it has', () => {
    expect(new Locale(memoryStorage({ 'gridmap.locale': 'xx' })).code).toBe('zh-CN');
  });

  it('falls back to the raw value for a key the catalogue lacks', () => {
    const locale = new Locale(memoryStorage());
    expect(locale.tOr('case.status.mediating', 'mediating')).toBe('调解中');
    expect(locale.tOr('case.status.unheard_of', 'unheard_of')).toBe('unheard_of');
  });
});
