import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CaseRecord } from '../../server/src/contract/cases.js';
import type { GridDossier } from '../../server/src/contract/dossier.js';
import { closeBrowser, openWatchedPage, signIn, type WatchedPage } from '../support/browserPage.js';
import { signedInApi, type SignedInApi } from '../support/signedInApi.js';

/**
 * Script in case text is rendered inert (issue "Trust", part 6): a case reported through the API
 * with markup in its one-line summary is shown as that literal text wherever the web app shows
 * summaries — the grid panel's case list and the case detail (the map's pick popup and the wall's
 * ticker show no summary at all) — and none of it runs: no `window.__pwned`, no injected element.
 */
const baseUrl = inject('baseUrl');
const payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
const summary = `脚本测试 ${payload}`;

let admin: SignedInApi;
let reported: CaseRecord;
const pages: WatchedPage[] = [];

beforeAll(async () => {
  admin = await signedInApi(baseUrl, 'admin');
  const county = await admin.json<GridDossier>('/api/grids/620724/dossier');
  const village = (await admin.json<GridDossier>(`/api/grids/${county.children[1]!.code}/dossier`)).children[0]!;
  const group = (await admin.json<GridDossier>(`/api/grids/${village.code}/dossier`)).children[0]!;
  const [lon, lat] = group.labelPoint as [number, number];
  reported = await admin.json<CaseRecord>('/api/cases', {
    method: 'POST',
    body: { lon, lat, category: 'neighbour_dispute', summary },
  });
});

afterAll(async () => {
  for (const { page } of pages) await page.close();
  await closeBrowser();
});

/** What the page would show if any of the payload had been turned into markup and run. */
async function injected(watched: WatchedPage) {
  return watched.page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: unknown }).__pwned,
    images: document.querySelectorAll('img[src="x"]').length,
    scripts: [...document.querySelectorAll('script')].filter((script) => script.textContent?.includes('__pwned'))
      .length,
  }));
}

describe('script in a case summary', () => {
  it('is stored and served as the literal text', async () => {
    expect(reported.summary).toBe(summary);
    expect((await admin.json<CaseRecord>(`/api/cases/${reported.serial}`)).summary).toBe(summary);
  });

  it('shows as literal text in the case detail and the case list, and runs nothing', async () => {
    const watched = await openWatchedPage({ width: 1360, height: 860 });
    pages.push(watched);
    await signIn(watched.page, 'admin', { baseUrl });
    await watched.page.goto(`${baseUrl}/map/${reported.groupCode}?case=${reported.serial}`);

    // data-status is set once the detail has loaded.
    const detail = watched.page.locator(
      `[data-testid="case-detail"][data-serial="${reported.serial}"][data-status="registered"]`,
    );
    await detail.waitFor({ timeout: 60_000 });
    expect(await detail.innerText()).toContain(payload);

    await watched.page.getByTestId('case-back').click();
    const row = watched.page.locator(`[data-testid="case-list"] button[data-serial="${reported.serial}"] .summary`);
    await row.waitFor({ timeout: 30_000 });
    expect(await row.innerText()).toBe(summary);

    expect(await injected(watched)).toEqual({ pwned: undefined, images: 0, scripts: 0 });
    expect(watched.errors).toEqual([]);
  });
});
