import type { Locale } from '../lib/i18n/locale.svelte.js';

/**
 * The app's title: the viewer's area as the session names it (高台县, 张掖市, a town), so no county is
 * written into the app; the bare name while nobody is signed in.
 */
export function appTitle(locale: Pick<Locale, 't'>, scopeName: string | null): string {
  return scopeName ? locale.t('app.titleOf', { place: scopeName }) : locale.t('app.title');
}
