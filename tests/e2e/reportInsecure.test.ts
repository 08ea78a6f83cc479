import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { demoPassword } from '../support/browserPage.js';
import { signedInApi } from '../support/signedInApi.js';

const baseUrl = inject('baseUrl');

/**
 * Honest location on a plain-HTTP LAN (issue #14 part 8): opened by a LAN name over HTTP (not
 * localhost), the page is no secure context and the browser refuses geolocation outright. The
 * report page says so (not "permission denied"), offers no locate button to press in vain, opens
 * the map and takes a tap. The LAN name is mapped to this machine inside Chromium only.
 */
describe('the report page over plain HTTP on a LAN', () => {
  let browser: Browser;
  const lanBase = baseUrl.replace(/^http:\/\/[^:/]+/, 'http://gridmap.lan');

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--use-angle=swiftshader',
        '--enable-unsafe-swiftshader',
        '--host-resolver-rules=MAP gridmap.lan 127.0.0.1',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('says the browser will not locate over HTTP, opens the map and takes the tapped position', async () => {
    const admin = await signedInApi(baseUrl, 'admin');
    const villages = await admin.json<{ features: { properties: { code: string } }[] }>(
      '/api/grids?level=village&simplify=500',
    );
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const offMachine: string[] = [];
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (['data:', 'blob:'].includes(url.protocol) || url.hostname === 'gridmap.lan') return route.continue();
      offMachine.push(url.toString());
      return route.abort('blockedbyclient');
    });
    // Signed in from the page itself: only Chromium knows the LAN name.
    await page.goto(`${lanBase}/login`);
    const status = await page.evaluate(
      async (credentials) =>
        (
          await fetch('/api/session', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(credentials),
          })
        ).status,
      { username: `village-${villages.features[0]!.properties.code}`, password: demoPassword },
    );
    expect(status).toBe(200);
    await page.goto(`${lanBase}/report`);
    expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
    const notice = page.getByTestId('report-insecure');
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.innerText()).toBe(
      '本页经 HTTP 打开，浏览器不允许网页定位：请在地图上点选位置（管理员启用 HTTPS 后即可定位）',
    );
    expect(await page.getByTestId('report-locate').isDisabled()).toBe(true);
    const map = page.getByTestId('report-map');
    await map.locator('canvas').waitFor({ timeout: 30_000 });
    await map.click({ position: { x: 180, y: 130 } });
    await expect(page.getByTestId('report-position').innerText()).resolves.toContain('地图选点');
    expect(offMachine).toEqual([]);
    await context.close();
  });
});
