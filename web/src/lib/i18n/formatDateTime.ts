import type { LocaleCode } from './translate.js';

/** Date and time as the user reads them, in China time wherever the browser is. */
export function formatDateTime(iso: string | null | undefined, locale: LocaleCode): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(date);
}
