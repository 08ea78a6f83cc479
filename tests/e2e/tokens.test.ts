import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { closeBrowser, openWatchedPage, signIn, type WatchedPage } from '../support/browserPage.js';

const baseUrl = inject('baseUrl');

afterAll(() => closeBrowser());

/** A request as QGIS makes it: no cookie, the token in the Authorization header. */
const withToken = (token: string) =>
  fetch(`${baseUrl}/api/grids?level=town`, { headers: { authorization: `Bearer ${token}` } });

describe('API tokens at /tokens, as the planner', () => {
  let watched: WatchedPage;

  beforeAll(async () => {
    watched = await openWatchedPage();
    await signIn(watched.page, 'planner');
  });

  afterAll(async () => {
    expect(watched.errors).toEqual([]);
    expect(watched.offMachineRequests).toEqual([]);
    await watched.page.context().close();
  });

  it('makes a token from the title bar, shows it once, and revokes it', async () => {
    const { page } = watched;
    // The plan list: a page with the title bar that loads no map.
    await page.goto(`${baseUrl}/plan`);
    await page.getByTestId('nav-tokens').click();
    await page.getByTestId('tokens').waitFor();
    expect(await page.getByTestId('nav-tokens').innerText()).toBe('API 令牌');

    const name = `QGIS e2e ${Date.now()}`;
    await page.getByTestId('token-name').fill(name);
    await page.getByTestId('token-days').fill('30');
    await page.getByTestId('token-submit').click();
    const secret = await page.getByTestId('token-secret').innerText();
    expect(secret).toMatch(/^gmt_[A-Za-z0-9_-]{43}$/);
    expect((await withToken(secret)).status).toBe(200);

    const row = page.getByTestId('token-row').filter({ hasText: name });
    await expect.poll(() => row.getAttribute('data-state')).toBe('active');
    await page.getByTestId('token-dismiss').click();
    expect(await page.getByTestId('token-created').count()).toBe(0);
    // Shown once: after dismissing, the page holds the secret nowhere.
    expect(await page.content()).not.toContain(secret);

    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByTestId('token-revoke').click();
    await expect.poll(() => row.getAttribute('data-state')).toBe('revoked');
    expect(await row.getByTestId('token-state').innerText()).toBe('已吊销');
    expect((await withToken(secret)).status).toBe(401);
  });
});
