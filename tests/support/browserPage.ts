import { chromium, type Browser, type ConsoleMessage, type Cookie, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { signInWithinRateLimit } from './signInRateLimit.js';

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

/**
 * Chromium logs every 4xx reply as a console error. A 401 from `/api/session` is the designed answer
 * to "who is signed in?" when nobody is (the app asks on every start) and to a wrong password: it
 * is no fault of the page. Any other 401 (a data request after the session ended) still counts.
 */
function isSignedOutAnswer(message: ConsoleMessage): boolean {
  const url = message.location().url;
  return (
    /^Failed to load resource: the server responded with a status of 401\b/.test(message.text()) &&
    /^https?:\/\/[^/]+\/api\/session$/.test(url)
  );
}

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
    if (message.type() === 'error' && !isSignedOutAnswer(message)) errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  return { page, errors, offMachineRequests };
}

/** The demo seed's password for every demo account (README). */
export const demoPassword = 'gridmap-demo';

/** One session per demo account per test file: sign-ins are rate-limited per address (30 a minute). */
const sessionCookies = new Map<string, Cookie>();

/**
 * Signs the page's browser context in as `username` (a demo account): the first time through
 * `POST /api/session` (the reply's HttpOnly cookie lands in the context), later by giving the
 * context that same session cookie. The app reads its CSRF token from `GET /api/session` when it
 * starts. `fresh` signs in anew, for a test that ends its session. tests/e2e/login.test.ts drives
 * the form itself.
 */
export async function signIn(
  page: Page,
  username: string,
  { fresh = false, baseUrl = inject('baseUrl') }: { fresh?: boolean; baseUrl?: string } = {},
): Promise<void> {
  const kept = fresh ? undefined : sessionCookies.get(username);
  if (kept) {
    await page.context().addCookies([kept]);
    return;
  }
  const reply = await signInWithinRateLimit(
    () => page.request.post(`${baseUrl}/api/session`, { data: { username, password: demoPassword } }),
    (response) => ({ status: response.status(), retryAfter: response.headers()['retry-after'] }),
  );
  if (!reply.ok()) throw new Error(`sign-in as ${username}: ${reply.status()} ${await reply.text()}`);
  const cookie = (await page.context().cookies(baseUrl)).find((each) => each.name === 'gridmap_session');
  if (!cookie) throw new Error(`sign-in as ${username} set no gridmap_session cookie`);
  if (!fresh) sessionCookies.set(username, cookie);
}
