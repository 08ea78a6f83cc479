import type { LocaleCode } from './localeCodes.js';

/** A China-time date `YYYY-MM-DD` (as the API gives days) as a reader says it: 12月7日, Dec 7. */
export function formatChinaDay(day: string, locale: LocaleCode): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  // The date is already China's: formatted in UTC it stays that day wherever the browser is.
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'UTC',
    month: locale === 'en' ? 'short' : 'numeric',
    day: 'numeric',
  }).format(date);
}
