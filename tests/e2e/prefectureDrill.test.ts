import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { GridDossier } from '../../server/src/contract/dossier.js';
import { closeBrowser, openWatchedPage, signIn, type WatchedPage } from '../support/browserPage.js';
import type { RunningServer } from '../support/gridmapServer.js';
import { startPrefectureServer } from '../support/prefectureServer.js';
import { signedInApi, type SignedInApi } from '../support/signedInApi.js';

const screenshotDir = 'tests/e2e/screenshots';
const prefecture = { code: '620700000000', short: '620700', name: '张掖市' };
const zhangyeCounties = ['甘州区', '肃南裕固族自治县', '民乐县', '临泽县', '高台县', '山丹县'];
/** 临泽县: a county other than Gaotai (synthetic towns inside its real outline). */
const linze = { code: '620723000000', short: '620723', name: '临泽县' };

/** This file's own server: the prefecture demo (the run's shared e2e server is the county demo). */
let server: RunningServer & { seedSeconds: number };
let baseUrl: string;
/** The test's own reads, as the prefecture administrator. */
let cityAdmin: SignedInApi;

const dossierOf = (code: string) => cityAdmin.json<GridDossier>(`/api/grids/${code}/dossier`);

async function openSignedIn(path: string, username: string): Promise<WatchedPage & { sockets: string[] }> {
  const watched = await openWatchedPage({ width: 1360, height: 860 });
  const sockets: string[] = [];
  watched.page.on('websocket', (socket) => sockets.push(socket.url()));
  await signIn(watched.page, username, { baseUrl });
  await watched.page.goto(`${baseUrl}${path}`);
  return { ...watched, sockets };
}

/** Waits until the map has framed `code` and the dossier of `code` is on screen. */
async function waitForDrilled(page: Page, code: string) {
  await page.waitForSelector(`[data-testid="dossier"][data-code="${code}"][data-state="ready"]`, { timeout: 60_000 });
  await page.waitForSelector(`[data-testid="map"][data-drilled="${code}"]`, { timeout: 60_000 });
}

/** Follows the child link of `code` in the dossier's child list and waits for its dossier and frame. */
async function drillInto(page: Page, code: string, drilledAs = code) {
  await page.locator(`[data-testid="child-list"] a[data-code="${code}"]`).click();
  await waitForDrilled(page, drilledAs);
  expect(page.url()).toBe(`${baseUrl}/map/${drilledAs}`);
}

/** Clicks the map at `lonLat` if that spot shows the map canvas and no marker; false when it does not. */
async function clickMapAt(page: Page, lonLat: [number, number]): Promise<boolean> {
  const point = await page.evaluate(([lon, lat]) => {
    const handle = (
      window as unknown as { __gridmap: { map: import('maplibre-gl').Map; markerAt(x: number, y: number): boolean } }
    ).__gridmap;
    const { x, y } = handle.map.project([lon!, lat!]);
    const box = handle.map.getCanvas().getBoundingClientRect();
    const screen = { x: box.left + x, y: box.top + y };
    const hit = document.elementFromPoint(screen.x, screen.y);
    return hit === handle.map.getCanvas() && !handle.markerAt(x, y) ? screen : null;
  }, lonLat);
  if (!point) return false;
  await page.mouse.click(point.x, point.y);
  return true;
}

const renderedCount = (page: Page, layer: string) =>
  page.evaluate(
    (id) =>
      (window as unknown as { __gridmap: { map: import('maplibre-gl').Map } }).__gridmap.map.queryRenderedFeatures({
        layers: [id],
      }).length,
    layer,
  );

beforeAll(async () => {
  mkdirSync(screenshotDir, { recursive: true });
  server = await startPrefectureServer();
  console.log(
    `[prefecture e2e] seeded in ${server.seedSeconds.toFixed(1)} s, server ready in ${server.readySeconds.toFixed(1)} s`,
  );
  baseUrl = server.baseUrl;
  cityAdmin = await signedInApi(baseUrl, 'city-admin');
});

afterAll(async () => {
  await closeBrowser();
  await server?.stop();
});

describe('city-admin drills the prefecture down to a group (#12)', () => {
  let watched: WatchedPage & { sockets: string[] };
  let top: GridDossier;

  beforeAll(async () => {
    top = await dossierOf(prefecture.code);
    watched = await openSignedIn('/', 'city-admin');
    await waitForDrilled(watched.page, prefecture.short);
  });

  afterAll(async () => {
    await watched.page.context().close();
  });

  it('opens at the prefecture: its dossier, its six counties compared and coloured, titled by the viewer’s scope', async () => {
    const { page } = watched;
    expect(top.grid.level).toBe('prefecture');
    expect(await page.getByTestId('dossier-title').innerText()).toContain(`${prefecture.name}`);
    expect(await page.getByTestId('dossier-title').innerText()).toContain('市');
    expect(await page.getByTestId('households-total').innerText()).toBe(String(top.households.total));
    const children = await page.locator('[data-testid="child-list"] a').allInnerTexts();
    expect(children).toHaveLength(6);
    for (const name of zhangyeCounties)
      expect(
        children.some((text) => text.includes(name)),
        name,
      ).toBe(true);
    expect(await page.getByTestId('app-title').innerText()).toBe(`${prefecture.name} 网格一图统揽`);
    expect(await page.getByTestId('session-role').innerText()).toBe('市级管理员');
    await expect.poll(() => renderedCount(page, 'drill-child-fill-county'), { timeout: 20_000 }).toBeGreaterThan(0);
    writeFileSync(`${screenshotDir}/prefecture.png`, await page.screenshot());
  });

  it('drills prefecture → county → town → village → group, with breadcrumbs and the dossier of each', async () => {
    const { page } = watched;
    await drillInto(page, linze.code, linze.short);
    expect(await page.getByTestId('dossier-title').innerText()).toContain(linze.name);
    expect(await page.getByTestId('crumbs').innerText()).toContain(prefecture.name);
    await expect.poll(() => renderedCount(page, 'drill-child-fill-town'), { timeout: 20_000 }).toBeGreaterThan(0);
    writeFileSync(`${screenshotDir}/prefecture-county.png`, await page.screenshot());

    // A click on the neighbouring county (甘州区, inside the prefecture) moves across, and Back returns.
    const ganzhou = await dossierOf('620702');
    let clicked = false;
    for (const town of ganzhou.children) {
      if (town.labelPoint && (await clickMapAt(page, town.labelPoint as [number, number]))) {
        clicked = true;
        break;
      }
    }
    expect(clicked).toBe(true);
    await waitForDrilled(page, '620702');
    await page.goBack();
    await waitForDrilled(page, linze.short);

    const county = await dossierOf(linze.short);
    const town = county.children[0]!;
    await drillInto(page, town.code);
    const crumbs = await page.getByTestId('crumbs').innerText();
    expect(crumbs).toContain(prefecture.name);
    expect(crumbs).toContain(linze.name);
    expect(await page.getByTestId('dossier-title').innerText()).toContain(town.name);

    const village = (await dossierOf(town.code)).children[0]!;
    await drillInto(page, village.code);
    const group = (await dossierOf(village.code)).children[0]!;
    await drillInto(page, group.code);
    const groupDossier = await dossierOf(group.code);
    expect(groupDossier.grid.level).toBe('group');
    expect(await page.getByTestId('dossier-title').innerText()).toContain(group.name);
    expect(await page.getByTestId('dossier-title').innerText()).toContain('组');
    const groupCrumbs = await page.getByTestId('crumbs').innerText();
    for (const name of [prefecture.name, linze.name, town.name, village.name]) expect(groupCrumbs).toContain(name);

    // Up through the breadcrumbs to the prefecture again.
    await page.locator(`[data-testid="crumbs"] a[data-code="${prefecture.code}"]`).click();
    await waitForDrilled(page, prefecture.short);
  });

  it('names the levels in English too', async () => {
    const { page } = watched;
    await page.getByTestId('language-en').click();
    await expect.poll(() => page.getByTestId('dossier-title').innerText()).toContain('prefecture');
    expect(await page.getByTestId('app-title').innerText()).toBe(`${prefecture.name} — Grid Overview`);
    await page.getByTestId('language-zh-CN').click();
  });

  it('finds a village of another county than Gaotai with the search box and drills to it', async () => {
    const { page } = watched;
    const town = (await dossierOf(linze.short)).children[1]!;
    const village = (await dossierOf(town.code)).children[0]!;
    await page.getByTestId('search-input').fill(village.name);
    await page.click(`[data-testid="search-results"] [data-key="${village.code}"]`);
    await waitForDrilled(page, village.code);
    expect(await page.getByTestId('crumbs').innerText()).toContain(linze.name);
  });

  it('kept one live connection, subscribed to the prefecture, all the way down and up', () => {
    expect(watched.sockets).toHaveLength(1);
    expect(new URL(watched.sockets[0]!).pathname).toBe('/live');
    expect(watched.errors).toEqual([]);
    expect(watched.offMachineRequests).toEqual([]);
  });
});

describe('the prefecture’s wall (`city-wall`)', () => {
  let watched: WatchedPage & { sockets: string[] };

  beforeAll(async () => {
    watched = await openSignedIn('/wall', 'city-wall');
    await watched.page.waitForSelector('[data-testid="wall-map"][data-ready="true"]', { timeout: 60_000 });
  });

  afterAll(async () => {
    await watched.page.context().close();
  });

  const place = (page: Page) =>
    page
      .getByTestId('wall-place')
      .textContent()
      .then((text) => text?.trim() ?? '');

  it('covers the prefecture, titled by it, on one live connection', async () => {
    const { page } = watched;
    await page.waitForSelector('[data-testid="live-state"][data-state="live"]', { timeout: 30_000 });
    expect(await page.getByTestId('wall-title').innerText()).toContain(prefecture.name);
    expect(await place(page)).toBe('');
    expect(watched.sockets).toHaveLength(1);
    writeFileSync(`${screenshotDir}/prefecture-wall.png`, await page.screenshot());
  });

  it('?county=CODE shows that county with its figures', async () => {
    const { page } = watched;
    await page.goto(`${baseUrl}/wall?county=${linze.short}`);
    await page.waitForSelector('[data-testid="wall-map"][data-ready="true"]', { timeout: 60_000 });
    const kpis = await cityAdmin.json<{ openNow: number }>(`/api/kpis?scope=${linze.short}`);
    await expect
      .poll(async () => ({ place: await place(page), open: await page.getByTestId('kpi-open-value').textContent() }))
      .toEqual({ place: linze.name, open: kpis.openNow.toLocaleString('zh-CN') });
  });

  it('?rotate=10 tours the prefecture’s counties', async () => {
    const { page } = watched;
    await page.goto(`${baseUrl}/wall?rotate=10`);
    await page.waitForSelector('[data-testid="wall-map"][data-ready="true"]', { timeout: 60_000 });
    expect(await place(page)).toBe('');
    await expect.poll(() => place(page), { timeout: 15_000, interval: 500 }).not.toBe('');
    expect(zhangyeCounties).toContain(await place(page));
    expect(watched.errors).toEqual([]);
  });
});

describe('a county’s wall asked for another county', () => {
  it('refuses 临泽县 to the 高台县 wall account: the wall says it could not load, and shows nothing of it', async () => {
    const watched = await openSignedIn(`/wall?county=${linze.short}`, 'wall');
    const { page } = watched;
    await page.waitForSelector('[data-testid="wall"] [role="alert"]', { timeout: 60_000 });
    expect(await page.getByTestId('wall-place').textContent()).not.toContain(linze.name);
    // The refused read is the API's 404, which Chromium logs; nothing else went wrong.
    expect(watched.errors.filter((error) => !/status of 404/.test(error))).toEqual([]);
    await page.context().close();
  });
});
