import { useLocale } from '../../lib/i18n/locale.svelte.js';
import { reportText, type ReportMessageKey } from './reportMessages.js';

/** `t` for the report components, following the app's language (call during component setup). */
export function useReportText(): (key: ReportMessageKey, params?: Record<string, string | number>) => string {
  const locale = useLocale();
  return (key, params) => reportText(locale.code, key, params);
}
