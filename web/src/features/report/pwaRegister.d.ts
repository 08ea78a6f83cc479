// `virtual:pwa-register`, the service worker registration vite-plugin-pwa generates (fieldWorker.ts).
/// <reference types="vite-plugin-pwa/vanillajs" />
