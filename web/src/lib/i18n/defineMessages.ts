import type { LocaleCode } from './localeCodes.js';

export type MessageParams = Record<string, string | number>;

/**
 * A message template with its `{name}` placeholders filled from `params` (one left as it is when
 * `params` lacks it).
 */
export function fillPlaceholders(template: string, params: MessageParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** One feature's words in every language, looked up by key. */
export interface MessageCatalogue<Key extends string> {
  /** The message in `locale`, with `{name}` placeholders filled from `params`. */
  text(locale: LocaleCode, key: Key, params?: MessageParams): string;
  /** A key built at run time (e.g. a case status from the API) is checked before it is looked up. */
  has(key: string): key is Key;
}

/**
 * A catalogue from its zh-CN words (the default language, whose keys every other language must
 * have) and its English ones. Every view's catalogue (app, drill, plan, wall, report, audit,
 * session) is made here.
 */
export function defineMessages<const ZhCN extends Record<string, string>>(
  zhCN: ZhCN,
  en: Record<keyof ZhCN & string, string>,
): MessageCatalogue<keyof ZhCN & string> {
  type Key = keyof ZhCN & string;
  const catalogues: Record<LocaleCode, Record<Key, string>> = { 'zh-CN': zhCN, en };
  return {
    text: (locale, key, params = {}) => fillPlaceholders(catalogues[locale][key], params),
    has: (key): key is Key => Object.hasOwn(zhCN, key),
  };
}
