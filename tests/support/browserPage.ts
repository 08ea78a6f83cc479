import { chromium, type Browser, type Page } from 'playwright-core';

export interface WatchedPage {
  page: Page;
  /** Console errors and uncaught page errors seen so far. */
  errors: string[];
  /** Requests to anything but this machine, blocked and recorded. */
  offMachineRequests: string[];
}

let browser: Browser | undefined;

/** System Chromium, as a person's browser but headless. */
export async function launchBrowser(): Promise<Browser> {
  browser ??= await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
    ],
  });
  return browser;
}

export async function closeBrowser(): Promise<void> {
  await browser?.close();
  browser = undefined;
}

const localHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** A new page that blocks and records every request leaving the machine and every error. */
export async function openWatchedPage(options: { width?: number; height?: number } = {}): Promise<WatchedPage> {
  const context = await (
    await launchBrowser()
  ).newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  const offMachineRequests: string[] = [];
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (['data:', 'blob:'].includes(url.protocol) || localHosts.has(url.hostname)) return route.continue();
    offMachineRequests.push(url.toString());
    return route.abort('blockedbyclient');
  });
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  return { page, errors, offMachineRequests };
}
