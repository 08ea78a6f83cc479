import { chromium, type Browser, type Page } from 'playwright-core';
import { startGridmapServer } from '../../tests/support/gridmapServer.js';

/**
 * What the browser benchmarks (drill, playback) share: a gridmap to drive — the one at the URL in
 * `envVar`, or a fresh embedded server (a first start on a busy machine may generate the demo
 * county for minutes: wait long) — and Chromium on software WebGL with a zh-CN page signed in as
 * the demo administrator.
 */
export async function benchServer(envVar: string): Promise<{ baseUrl: string; stop(): Promise<void> }> {
  const running = process.env[envVar];
  const server = running
    ? { baseUrl: running.replace(/\/+$/, ''), stop: async () => {} }
    : await startGridmapServer({ timeoutMs: 600_000 });
  console.log(`server at ${server.baseUrl}${running ? ' (already running)' : ' (embedded, fresh data directory)'}`);
  return server;
}

export function launchBenchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
  });
}

/** A 1360 × 860 zh-CN page whose context holds the demo administrator's session. */
export async function adminBenchPage(browser: Browser, baseUrl: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 860 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const signIn = await page.request.post(`${baseUrl}/api/session`, {
    data: { username: 'admin', password: 'gridmap-demo' },
  });
  if (!signIn.ok()) throw new Error(`sign-in: ${signIn.status()}`);
  return page;
}
