import { getContext, setContext } from 'svelte';
import { defaultLocale, isLocaleCode, isMessageKey, translate, type LocaleCode } from './translate.js';
import type { MessageKey } from './zhCN.js';

const storageKey = 'gridmap.locale';
const contextKey = Symbol('gridmap.locale');

/** The UI language: zh-CN unless the user chose otherwise on this browser. */
export class Locale {
  code: LocaleCode = $state(defaultLocale);

  constructor(private readonly storage: Pick<Storage, 'getItem' | 'setItem'> | undefined = globalThis.localStorage) {
    const stored = this.storage?.getItem(storageKey);
    if (isLocaleCode(stored)) this.code = stored;
  }

  set(code: LocaleCode): void {
    this.code = code;
    this.storage?.setItem(storageKey, code);
  }

  t = (key: MessageKey, params?: Record<string, string | number>): string => translate(this.code, key, params);

  /** For values that come from the API: falls back to the raw value rather than a missing key. */
  tOr = (key: string, fallback: string): string => (isMessageKey(key) ? this.t(key) : fallback);
}

export function provideLocale(locale: Locale): Locale {
  return setContext(contextKey, locale);
}

export function useLocale(): Locale {
  const locale = getContext<Locale | undefined>(contextKey);
  if (!locale) throw new Error('useLocale() needs a Locale provided by an ancestor (provideLocale in App.svelte)');
  return locale;
}
