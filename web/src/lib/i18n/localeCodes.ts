export const locales = ['zh-CN', 'en'] as const;
export type LocaleCode = (typeof locales)[number];
export const defaultLocale: LocaleCode = 'zh-CN';

export function isLocaleCode(value: unknown): value is LocaleCode {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}
