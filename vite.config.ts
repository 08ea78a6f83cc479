import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { precompressAssets } from './scripts/build/precompressAssets.js';
import { fieldAppPwa } from './scripts/build/fieldAppPwa.js';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));
const apiTarget = `http://127.0.0.1:${process.env.PORT ?? 8080}`;

// The web app lives in web/ (its index.html is the Vite root); tests run from the repository root.
export default defineConfig({
  root: 'web',
  // The field app's service worker is written before the precompression runs over the output.
  plugins: [svelte(), fieldAppPwa(), precompressAssets()],
  // The API's schemas and types (server/src/contract), for the web: `import type { X } from '@contract/x.js'`.
  resolve: {
    alias: {
      '@contract': fileURLToPath(new URL('./server/src/contract', import.meta.url)),
      // The pure rules the web shares with the server (roles, the case lifecycle, working days, tile sets).
      '@domain': fileURLToPath(new URL('./server/src/domain', import.meta.url)),
      '@tiles': fileURLToPath(new URL('./server/src/tiles', import.meta.url)),
    },
  },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 3000, sourcemap: true },
  server: {
    proxy: {
      '/api': apiTarget,
      '/tiles': apiTarget,
      '/health': apiTarget,
      '/docs': apiTarget,
      '/live': { target: apiTarget.replace('http', 'ws'), ws: true },
    },
  },
  test: {
    dir: repoRoot,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          root: repoRoot,
          sequence: { groupOrder: 0 },
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'api',
          root: repoRoot,
          // Projects run one after the other: api and e2e each hold embedded databases of ~1 GB
          // and both want the two cores.
          sequence: { groupOrder: 1 },
          include: ['tests/api/**/*.test.ts'],
          globalSetup: ['tests/support/apiGlobalSetup.ts'],
          // One embedded database per worker, kept across that worker's files (PGlite + PostGIS
          // takes seconds and ~1 GB to start).
          isolate: false,
          pool: 'forks',
          maxWorkers: 2,
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          root: repoRoot,
          sequence: { groupOrder: 2 },
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/support/e2eGlobalSetup.ts'],
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
