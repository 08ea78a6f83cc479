import { zhCN, type MessageKey, type Messages } from './zhCN.js';
import { en } from './en.js';

export const locales = ['zh-CN', 'en'] as const;
export type LocaleCode = (typeof locales)[number];
export const defaultLocale: LocaleCode = 'zh-CN';

const catalogues: Record<LocaleCode, Messages> = { 'zh-CN': zhCN, en };

export function isLocaleCode(value: unknown): value is LocaleCode {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** The message in `locale`, with `{name}` placeholders filled from `params`. */
export function translate(locale: LocaleCode, key: MessageKey, params: MessageParams = {}): string {
  return fillPlaceholders(catalogues[locale][key], params);
}

export type MessageParams = Record<string, string | number>;

/**
 * A message template with its `{name}` placeholders filled from `params` (one left as it is when
 * `params` lacks it). Every view's catalogue (plan, drill, session, audit, report) fills through it.
 */
export function fillPlaceholders(template: string, params: MessageParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** A key built at run time (e.g. a case status from the API) is checked before it is looked up. */
export function isMessageKey(key: string): key is MessageKey {
  return key in zhCN;
}
