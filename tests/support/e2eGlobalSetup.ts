import type { TestProject } from 'vitest/node';
import { existsSync } from 'node:fs';
import { startGridmapServer } from './gridmapServer.js';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/** The browser tests drive the real built web app served by the real server on the embedded database. */
export default async function setup(project: TestProject) {
  if (!existsSync('web/dist/index.html')) {
    throw new Error('web/dist is missing: run `npm run build` (npm test does it first)');
  }
  const server = await startGridmapServer();
  console.log(
    `[e2e setup] server (embedded, fresh data directory) ready in ${server.readySeconds.toFixed(1)} s at ${server.baseUrl}`,
  );
  project.provide('baseUrl', server.baseUrl);
  return () => server.stop();
}
