import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { AlertRecomputeReply, AlertReply, VillageAlert } from '../../server/src/contract/alerts.js';
import type { CaseRecord } from '../../server/src/contract/cases.js';
import { closeBrowser, openWatchedPage, signIn, type WatchedPage } from '../support/browserPage.js';
import { signedInApi, type SignedInApi } from '../support/signedInApi.js';

const baseUrl = inject('baseUrl');
const screenshotDir = 'tests/e2e/screenshots';
const county = '620724';

/**
 * The early warning (issue #15 part 5) as people see it: the dossier's 预警 section, the wall's
 * alert panel (live), the map's alert layer — each compared with GET /api/alerts read as the same
 * account. The county's alerts are recomputed first, so the test does not wait for the nightly run.
 */
let admin: SignedInApi;
/** A village the server alerts today, from the administrator's recompute. */
let alerted: VillageAlert;

/** The villages of `alerts` (latest day first) each with its latest explanation, in that order. */
function latestPerVillage(alerts: readonly VillageAlert[], english = false): [string, string][] {
  const seen = new Map<string, string>();
  for (const alert of alerts) {
    if (!seen.has(alert.village)) seen.set(alert.village, english ? alert.explanationEn : alert.explanation);
  }
  return [...seen];
}

const todaysOf = (reply: AlertReply) => reply.alerts.filter((alert) => alert.day === reply.to);

/** What the dossier's section shows: each village line's code and explanation. */
const dossierAlerts = (page: Page) =>
  page.$$eval('[data-testid="dossier-alerts"] li', (items) =>
    items.map((li) => [
      li.getAttribute('data-village') ?? '',
      li.querySelector('[data-testid="alert-explanation"]')?.textContent?.trim() ?? '',
    ]),
  );

/** What the wall's panel shows: each line's village and text, and the count it names. */
const wallAlerts = (page: Page) =>
  page.evaluate(() => {
    const panel = document.querySelector('[data-testid="wall-alerts"]');
    return {
      count: Number(panel?.getAttribute('data-count')),
      villages: [...(panel?.querySelectorAll('li') ?? [])].map((li) => li.getAttribute('data-village') ?? ''),
      text: panel?.textContent ?? '',
    };
  });

/** The villages an alert layer draws now (MapLibre's rendered features: what is on screen). */
const markedOn = (page: Page, handle: '__gridmap' | '__gridmapWall') =>
  page.evaluate((name) => {
    const map = (window as unknown as Record<string, { map: import('maplibre-gl').Map }>)[name]!.map;
    const codes = map
      .queryRenderedFeatures({ layers: ['alert-village-line'] })
      .map((feature) => String(feature.properties['code']));
    return [...new Set(codes)].sort();
  }, handle);

async function openDossier(username: string, code: string, locale?: 'en'): Promise<WatchedPage> {
  const watched = await openWatchedPage({ width: 1360, height: 900 });
  if (locale) await watched.page.addInitScript((code) => localStorage.setItem('gridmap.locale', code), locale);
  await signIn(watched.page, username);
  await watched.page.goto(`${baseUrl}/map/${code}`);
  await watched.page.waitForSelector(`[data-testid="dossier"][data-code="${code}"][data-state="ready"]`, {
    timeout: 60_000,
  });
  await watched.page.waitForSelector('[data-testid="dossier-alerts"][data-state="ready"]', { timeout: 30_000 });
  return watched;
}

/**
 * Makes a quiet village (no alert in the 35 days the CUSUM watches; the `skip`-th by code) rise
 * suddenly, as the administrator: six reports there today, then a recompute of its town. Answers
 * the village once the server alerts it.
 */
async function alertQuietVillage(skip: number): Promise<{ code: string }> {
  const window35 = await admin.json<AlertReply>(
    `/api/alerts?grid=${county}&from=${new Date(Date.now() - 34 * 86_400_000).toISOString()}`,
  );
  const known = new Set(window35.alerts.map((alert) => alert.village));
  const villages = await admin.json<{
    features: { properties: { code: string; labelPoint: [number, number] | null } }[];
  }>(`/api/grids?level=village&parent=${county}&simplify=300`);
  const quiet = villages.features
    .map((feature) => feature.properties)
    .filter((village) => !known.has(village.code) && village.labelPoint)
    .sort((a, b) => a.code.localeCompare(b.code))[skip];
  expect(quiet).toBeDefined();
  for (let i = 0; i < 6; i++) {
    const reported = await admin.json<CaseRecord>('/api/cases', {
      method: 'POST',
      body: {
        lon: quiet!.labelPoint![0],
        lat: quiet!.labelPoint![1],
        category: 'neighbour_dispute',
        summary: `预警测试：邻里纠纷 ${i + 1}`,
      },
    });
    expect(reported.groupCode.slice(0, 12)).toBe(quiet!.code);
  }
  const run = await admin.json<AlertRecomputeReply>(`/api/alerts/recompute?grid=${quiet!.code.slice(0, 9)}000`, {
    method: 'POST',
  });
  expect(run.alerts.filter((alert) => alert.day === run.day).map((alert) => alert.village)).toContain(quiet!.code);
  return { code: quiet!.code };
}

beforeAll(async () => {
  mkdirSync(screenshotDir, { recursive: true });
  admin = await signedInApi(baseUrl, 'admin');
  const run = await admin.json<AlertRecomputeReply>(`/api/alerts/recompute?grid=${county}`, { method: 'POST' });
  const today = run.alerts.filter((alert) => alert.day === run.day);
  expect(today.length, 'the demo plants villages the CUSUM alerts today').toBeGreaterThan(0);
  alerted = today[0]!;
});

afterAll(async () => {
  await closeBrowser();
});

describe('the dossier’s 预警 section', () => {
  it('shows a town leader each alerted village of the town once, with the server’s explanation', async () => {
    const leader = `town-${alerted.town}`;
    const expected = latestPerVillage(
      (await (await signedInApi(baseUrl, leader)).json<AlertReply>(`/api/alerts?grid=${alerted.town}`)).alerts,
    );
    expect(expected.map(([village]) => village)).toContain(alerted.village);
    const watched = await openDossier(leader, alerted.town);
    const { page } = watched;
    expect(await page.getByTestId('dossier-alerts').locator('h3').textContent()).toContain('预警');
    expect(await dossierAlerts(page)).toEqual(expected);
    writeFileSync(`${screenshotDir}/dossier-alerts.png`, await page.screenshot());

    // The village's line links to the village on the map: its dossier, with its own alert.
    await page.locator(`[data-testid="dossier-alerts"] li[data-village="${alerted.village}"] a`).click();
    await page.waitForSelector(`[data-testid="dossier"][data-code="${alerted.village}"][data-state="ready"]`, {
      timeout: 60_000,
    });
    await expect.poll(() => page.url()).toBe(`${baseUrl}/map/${alerted.village}`);
    await expect.poll(() => dossierAlerts(page)).toEqual(expected.filter(([village]) => village === alerted.village));
    expect(watched.errors).toEqual([]);
    expect(watched.offMachineRequests).toEqual([]);
    await page.context().close();
  });

  it('shows the English explanation in English', async () => {
    const expected = latestPerVillage(
      (await admin.json<AlertReply>(`/api/alerts?grid=${alerted.village}`)).alerts,
      true,
    );
    const watched = await openDossier('admin', alerted.village, 'en');
    const { page } = watched;
    expect(await page.getByTestId('dossier-alerts').locator('h3').textContent()).toContain('Early warning');
    expect(await dossierAlerts(page)).toEqual(expected);
    expect(expected[0]![1]).toMatch(/of the last 5 weeks above baseline/);
    expect(watched.errors).toEqual([]);
    await page.context().close();
  });

  it('says so when the grid has no alert', async () => {
    const reply = await admin.json<AlertReply>(`/api/alerts?grid=${county}`);
    const villages = await admin.json<{ features: { properties: { code: string } }[] }>(
      `/api/grids?level=village&parent=${county}&simplify=300`,
    );
    const alertedCodes = new Set(reply.alerts.map((alert) => alert.village));
    const quiet = villages.features.map((feature) => feature.properties.code).find((code) => !alertedCodes.has(code));
    expect(quiet).toBeDefined();
    const watched = await openDossier('admin', quiet!);
    expect(await watched.page.getByTestId('alerts-none').textContent()).toContain('近 7 天无预警');
    expect(await dossierAlerts(watched.page)).toEqual([]);
    expect(watched.errors).toEqual([]);
    await watched.page.context().close();
  });
});

describe('the wall’s alert panel', () => {
  let watched: WatchedPage;
  let wallApi: SignedInApi;

  beforeAll(async () => {
    wallApi = await signedInApi(baseUrl, 'wall');
    watched = await openWatchedPage({ width: 1920, height: 1080 });
    await signIn(watched.page, 'wall');
    await watched.page.goto(`${baseUrl}/wall`);
    await watched.page.waitForSelector('[data-testid="wall-map"][data-ready="true"]', { timeout: 60_000 });
    await watched.page.waitForSelector('[data-testid="live-state"][data-state="live"]', { timeout: 30_000 });
  });

  afterAll(async () => {
    await watched.page.context().close();
  });

  /** Today's alerts of the wall's area as the wall account reads them. */
  const expectedToday = async () => todaysOf(await wallApi.json<AlertReply>(`/api/alerts?grid=${county}`));

  it('shows today’s alerts of its area, villages and explanations, no person', async () => {
    const { page } = watched;
    const today = await expectedToday();
    await expect.poll(async () => (await wallAlerts(page)).count).toBe(today.length);
    const shown = await wallAlerts(page);
    expect(shown.villages).toEqual(today.slice(0, shown.villages.length).map((alert) => alert.village));
    expect(shown.villages.length).toBe(Math.min(4, today.length));
    for (const alert of today.slice(0, shown.villages.length)) {
      expect(shown.text).toContain(alert.villageName);
      expect(shown.text).toContain(alert.explanation);
    }
    expect(shown.text).toContain('今日预警');
    // The wall map outlines the same villages.
    const villages = [...new Set(today.map((alert) => alert.village))].sort();
    await expect.poll(() => markedOn(page, '__gridmapWall'), { timeout: 15_000 }).toEqual(villages);
    if (today.length > 4) expect(shown.text).toContain(`另有 ${today.length - 4} 个村预警`);
    // No phone or ID number (the names of people never reach the alert reply).
    expect(shown.text).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)|(?<!\d)\d{17}[\dXx]/);
    writeFileSync(`${screenshotDir}/wall-alerts.png`, await page.screenshot());
    expect(watched.errors).toEqual([]);
    expect(watched.offMachineRequests).toEqual([]);
  });

  it('adds a village that a burst of reports and a recompute alert, live, without reloading', async () => {
    const { page } = watched;
    await page.evaluate(() => ((window as unknown as { alertProbe: string }).alertProbe = 'same page'));
    // The quiet village with the lowest code: it sorts before today's alerted villages the panel shows.
    const quiet = await alertQuietVillage(0);

    await page.waitForSelector(`[data-testid="wall-alerts"] li[data-village="${quiet.code}"]`, { timeout: 15_000 });
    const today = await expectedToday();
    await expect.poll(async () => (await wallAlerts(page)).count).toBe(today.length);
    expect((await wallAlerts(page)).villages).toEqual(today.slice(0, 4).map((alert) => alert.village));
    expect(await page.locator('[data-testid="ticker"] li[data-kind="alert"]').count()).toBeGreaterThan(0);
    await expect.poll(() => markedOn(page, '__gridmapWall'), { timeout: 15_000 }).toContain(quiet.code);
    expect(await page.evaluate(() => (window as unknown as { alertProbe?: string }).alertProbe)).toBe('same page');
    expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);
    writeFileSync(`${screenshotDir}/wall-alerts-live.png`, await page.screenshot());
    expect(watched.errors).toEqual([]);
  });
});

describe('the map’s alert layer', () => {
  let watched: WatchedPage;

  const markedVillages = (page: Page) => markedOn(page, '__gridmap');
  const visibleLayers = (page: Page) =>
    page.evaluate(() => (window as unknown as { __gridmap: { layerIds(): string[] } }).__gridmap.layerIds());
  const expectedMarked = async () =>
    [...new Set(todaysOf(await admin.json<AlertReply>(`/api/alerts?grid=${county}`)).map((a) => a.village))].sort();

  beforeAll(async () => {
    watched = await openWatchedPage({ width: 1360, height: 900 });
    await signIn(watched.page, 'admin');
    await watched.page.goto(`${baseUrl}/map`);
    await watched.page.waitForSelector('[data-testid="map"][data-ready="true"]', { timeout: 60_000 });
  });

  afterAll(async () => {
    await watched.page.context().close();
  });

  it('outlines the county’s villages alerted today, with a legend entry that switches it', async () => {
    const { page } = watched;
    const expected = await expectedMarked();
    expect(expected).toContain(alerted.village);
    await expect.poll(() => markedVillages(page), { timeout: 15_000 }).toEqual(expected);
    expect(await page.getByTestId('toggle-alerts').textContent()).toContain('今日预警村');
    writeFileSync(`${screenshotDir}/map-alerts.png`, await page.screenshot());
    await page.getByTestId('toggle-alerts').click();
    await expect.poll(() => visibleLayers(page)).not.toContain('alert-village-line');
    expect(await page.getByTestId('toggle-alerts').getAttribute('aria-pressed')).toBe('false');
    await page.getByTestId('toggle-alerts').click();
    await expect.poll(() => visibleLayers(page)).toContain('alert-village-line');
    expect(watched.errors).toEqual([]);
    expect(watched.offMachineRequests).toEqual([]);
  });

  it('marks a village the alert event brings, without reloading', async () => {
    const { page } = watched;
    const quiet = await alertQuietVillage(0);
    await expect.poll(() => markedVillages(page), { timeout: 15_000 }).toContain(quiet.code);
    expect(await markedVillages(page)).toEqual(await expectedMarked());
    expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);
    expect(watched.errors).toEqual([]);
  });
});
