import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Page, WebSocketRoute } from 'playwright-core';
import { closeBrowser, demoPassword, openWatchedPage, signIn, type WatchedPage } from '../support/browserPage.js';
import { signedInApi, type SignedInApi } from '../support/signedInApi.js';

const baseUrl = inject('baseUrl');
const screenshotDir = 'tests/e2e/screenshots';

interface GridList {
  features: { properties: { code: string; name: string } }[];
}

let admin: SignedInApi;
let town: { code: string; name: string };
/** Village cadre accounts no other test signs in with: wrong passwords here cannot lock anyone else out. */
let spareVillages: string[];

beforeAll(async () => {
  mkdirSync(screenshotDir, { recursive: true });
  admin = await signedInApi(baseUrl, 'admin');
  const towns = await admin.json<GridList>('/api/grids?level=town&parent=620724&simplify=500');
  town = towns.features[0]!.properties;
  const villages = await admin.json<GridList>('/api/grids?level=village&parent=620724&simplify=500');
  spareVillages = villages.features.slice(-2).map((village) => village.properties.code);
});

afterAll(() => closeBrowser());

/** Types into the sign-in form and presses Enter, as a person at a keyboard does. */
async function signInWithForm(page: Page, username: string, password: string): Promise<void> {
  await page.getByTestId('login-username').focus();
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
}

const pathOf = (page: Page) => {
  const url = new URL(page.url());
  return `${url.pathname}${url.search}`;
};

describe('signing in at /login', () => {
  it('says plainly that the username or password is wrong, and lets the user try again at once', async () => {
    const watched = await openWatchedPage();
    const { page } = watched;
    await page.goto(`${baseUrl}/login`);
    await signInWithForm(page, `village-${spareVillages[0]}`, 'not-the-password');
    await expect.poll(() => page.getByTestId('login-error').innerText()).toBe('用户名或密码错误');
    writeFileSync(`${screenshotDir}/login-wrong-password.png`, await page.screenshot());
    expect(pathOf(page)).toBe('/login');
    // The password field is emptied and focused for the next try; the username stays.
    expect(await page.getByTestId('login-password').inputValue()).toBe('');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('login-password');
    expect(await page.getByTestId('login-username').inputValue()).toBe(`village-${spareVillages[0]}`);
    expect(watched.errors).toEqual([]);
    expect(watched.offMachineRequests).toEqual([]);
    await page.context().close();
  });

  it('asks for both fields before sending anything', async () => {
    const watched = await openWatchedPage();
    const { page } = watched;
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST') posts.push(request.url());
    });
    await page.goto(`${baseUrl}/login`);
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('login-error').innerText()).toBe('请输入用户名和密码');
    expect(posts).toEqual([]);
    await page.context().close();
  });

  it('says until when an account is locked after five wrong passwords', async () => {
    const watched = await openWatchedPage();
    const { page } = watched;
    const username = `village-${spareVillages[1]}`;
    for (let i = 0; i < 4; i++) {
      const reply = await page.request.post(`${baseUrl}/api/session`, {
        data: { username, password: `wrong-${i}` },
      });
      expect(reply.status()).toBe(401);
    }
    await page.goto(`${baseUrl}/login`);
    await signInWithForm(page, username, 'wrong-again');
    const message = page.getByTestId('login-error');
    await expect
      .poll(() => message.innerText())
      .toMatch(/^登录失败次数过多，账号已暂时锁定，请于 \d{2}:\d{2}:\d{2} 后再试$/);
    // Even the right password is refused while the lock lasts, with the same words.
    await page.getByTestId('login-password').fill(demoPassword);
    await page.getByTestId('login-password').press('Enter');
    await expect.poll(() => message.innerText()).toMatch(/账号已暂时锁定/);
    expect(pathOf(page)).toBe('/login');
    // The browser logs each 429 it was given; nothing else went wrong.
    expect(watched.errors.filter((line) => !/status of 429/.test(line))).toEqual([]);
    await page.context().close();
  });

  it('signs a town leader in from the keyboard and shows the account, its role and its town in the title bar', async () => {
    const { page } = await openWatchedPage();
    await page.goto(`${baseUrl}/login`);
    await signInWithForm(page, `town-${town.code}`, demoPassword);
    await page.waitForURL(`${baseUrl}/`);
    await expect.poll(() => page.getByTestId('session-scope').innerText()).toBe(town.name);
    expect(await page.getByTestId('session-role').innerText()).toBe('镇领导');
    expect(await page.getByTestId('session-user').innerText()).toBe(`town-${town.code}`);
    writeFileSync(`${screenshotDir}/title-bar-town-leader.png`, await page.locator('header').first().screenshot());
    // A town leader has no audit log link.
    expect(await page.getByTestId('nav-audit').count()).toBe(0);

    await page.getByTestId('sign-out').click();
    await page.waitForURL(`${baseUrl}/login`);
    await page.getByTestId('login-form').waitFor();
    expect(await page.getByTestId('session-who').count()).toBe(0);
    // The session is over on the server too, not only forgotten by the page.
    expect((await page.request.get(`${baseUrl}/api/session`)).status()).toBe(401);
    await page.context().close();
  });

  it('sends a visitor without a session to /login and, once signed in, back to the page asked for', async () => {
    const watched = await openWatchedPage();
    const { page } = watched;
    await page.goto(`${baseUrl}/map/${town.code}`);
    await page.waitForURL(`${baseUrl}/login?next=${encodeURIComponent(`/map/${town.code}`)}`);
    const historyBefore = await page.evaluate(() => history.length);
    await signInWithForm(page, 'admin', demoPassword);
    await page.waitForURL(`${baseUrl}/map/${town.code}`);
    await page.waitForSelector('[data-testid="map"][data-ready="true"]', { timeout: 60_000 });
    expect(await page.getByTestId('session-role').innerText()).toBe('县级管理员');
    // Back does not return to the sign-in form: the detour left no history entry.
    expect(await page.evaluate(() => history.length)).toBe(historyBefore);
    expect(watched.errors).toEqual([]);
    await page.context().close();
  });

  it('works on a phone: grid staff sign in at 390 px and land on the report page', async () => {
    const phone = { width: 390, height: 844 };
    const watched = await openWatchedPage(phone);
    const { page } = watched;
    const groups = await admin.json<GridList>(`/api/grids?level=group&parent=${spareVillages[0]}&simplify=500`);
    const group = groups.features.map((feature) => feature.properties.code).sort()[0]!;
    await page.goto(`${baseUrl}/report`);
    await page.waitForURL(`${baseUrl}/login?next=%2Freport`);
    const heights = await page
      .locator('[data-testid="login-form"] :is(input, button)')
      .evaluateAll((elements) => elements.map((element) => element.getBoundingClientRect().height));
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(44);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    writeFileSync(`${screenshotDir}/login-phone.png`, await page.screenshot());
    await signInWithForm(page, `group-${group}`, demoPassword);
    await page.waitForURL(`${baseUrl}/report`);
    await page.getByTestId('report').waitFor();
    await page.context().close();
  });
});

describe('a wall display whose session ends', () => {
  it('shows 需要重新登录 full screen, drops what it showed, and stops reconnecting', async () => {
    const watched = await openWatchedPage({ width: 1280, height: 720 });
    const { page } = watched;
    const links: WebSocketRoute[] = [];
    await page.routeWebSocket(/\/live$/, (socket) => {
      socket.connectToServer();
      links.push(socket);
    });
    await signIn(page, 'wall', { fresh: true });
    await page.goto(`${baseUrl}/wall`);
    await page.waitForSelector('[data-testid="live-state"][data-state="live"]', { timeout: 60_000 });

    // The session ends on the server (an administrator signed the kiosk out), then the link drops.
    const session = (await (await page.request.get(`${baseUrl}/api/session`)).json()) as { csrfToken: string };
    const out = await page.request.delete(`${baseUrl}/api/session`, { headers: { 'x-csrf-token': session.csrfToken } });
    expect(out.status()).toBe(204);
    await links.at(-1)!.close({ code: 1012, reason: 'server restart' });

    await page.getByTestId('sign-in-again').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('sign-in-again').innerText()).toContain('需要重新登录');
    writeFileSync(`${screenshotDir}/wall-sign-in-again.png`, await page.screenshot());
    expect(await page.getByTestId('wall').count()).toBe(0);
    expect(await page.getByTestId('ticker').count()).toBe(0);
    expect(pathOf(page)).toBe('/wall');

    // Nothing knocks again: not even the browser saying the network is back.
    const socketsSoFar = links.length;
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    expect(await page.evaluate(async () => (await fetch('/api/session')).status)).toBe(401);
    expect(links.length).toBe(socketsSoFar);

    // The button leads to the sign-in form, which returns to the wall.
    await page.getByTestId('sign-in-again-button').click();
    await page.waitForURL(`${baseUrl}/login?next=%2Fwall`);
    await page.context().close();
  });
});
