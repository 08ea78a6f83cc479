import { useLocale } from '../../lib/i18n/locale.svelte.js';
import { planText, type PlanMessageKey } from './planMessages.js';

/** `t(key, params)` in the current language; call it during component setup. */
export function usePlanText(): (key: PlanMessageKey, params?: Record<string, string | number>) => string {
  const locale = useLocale();
  return (key, params) => planText(locale.code, key, params);
}
