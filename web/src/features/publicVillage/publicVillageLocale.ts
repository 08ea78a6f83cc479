import { useLocale } from '../../lib/i18n/locale.svelte.js';
import { publicVillageText, type PublicVillageMessageKey } from './publicVillageMessages.js';

/** `t` for the village page's components, following the app's language (call during component setup). */
export function usePublicVillageText(): (
  key: PublicVillageMessageKey,
  params?: Record<string, string | number>,
) => string {
  const locale = useLocale();
  return (key, params) => publicVillageText.text(locale.code, key, params);
}
