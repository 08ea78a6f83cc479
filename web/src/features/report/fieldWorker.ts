import { registerSW } from 'virtual:pwa-register';

/**
 * Installs the field app's service worker (scripts/build/fieldAppPwa.ts, scope /report) from the
 * report page only. Resolves once the worker controls this page (then its fetches are cached),
 * or false where there is none: browsers offer service workers only to secure contexts (HTTPS, or
 * this machine), so over plain HTTP on a LAN the page works as before and only the queue
 * (IndexedDB, which needs no secure context) keeps reports made without a signal.
 */
export function registerFieldWorker(): Promise<boolean> {
  const container = globalThis.navigator?.serviceWorker;
  if (!container) return Promise.resolve(false);
  registerSW({
    immediate: true,
    onRegisterError: (error: unknown) => console.warn('gridmap field app: the service worker did not install', error),
  });
  if (container.controller) return Promise.resolve(true);
  return new Promise((resolve) => container.addEventListener('controllerchange', () => resolve(true), { once: true }));
}
