import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { closeBrowser, openWatchedPage, signIn, type WatchedPage } from '../support/browserPage.js';
import { signedInApi, type SignedInApi } from '../support/signedInApi.js';

const baseUrl = inject('baseUrl');
const screenshotDir = 'tests/e2e/screenshots';

interface RenderedCounts {
  [layerId: string]: number;
}

/** How many features each MapLibre layer draws on screen now (what a person sees). */
function renderedFeatureCounts(page: Page, layerIds: string[]): Promise<RenderedCounts> {
  return page.evaluate((ids) => {
    const handle = (window as unknown as { __gridmap: { map: import('maplibre-gl').Map } }).__gridmap;
    const counts: Record<string, number> = {};
    for (const id of ids) counts[id] = handle.map.queryRenderedFeatures({ layers: [id] }).length;
    return counts;
  }, layerIds);
}

/** Distinct colours in a screenshot, sampled in the page: a blank or failed WebGL canvas has one or two. */
function distinctColours(page: Page, png: Buffer): Promise<number> {
  return page.evaluate(async (base64) => {
    // Decoded in place, not fetched from a data: URL: the page's CSP (connect-src 'self') refuses that.
    const blob = new Blob([Uint8Array.from(atob(base64), (char) => char.charCodeAt(0))], { type: 'image/png' });
    const bitmap = await createImageBitmap(blob);
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d')!;
    context.drawImage(bitmap, 0, 0);
    const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
    const colours = new Set<number>();
    for (let i = 0; i < data.length; i += 4 * 7) colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
    return colours.size;
  }, png.toString('base64'));
}

async function waitForMapReady(page: Page) {
  await page.waitForSelector('[data-testid="map"][data-ready="true"]', { timeout: 60_000 });
}

/** Moves the map and waits for the frame with the new tiles drawn. */
async function jumpAndSettle(page: Page, center: [number, number], zoom: number) {
  await page.evaluate(
    ([lon, lat, z]) =>
      new Promise<void>((resolve) => {
        const map = (window as unknown as { __gridmap: { map: import('maplibre-gl').Map } }).__gridmap.map;
        map.once('idle', () => resolve());
        map.jumpTo({ center: [lon!, lat!], zoom: z! });
      }),
    [center[0], center[1], zoom],
  );
}

/** The test's own reads of the API, as the county administrator (the map's account). */
let api: SignedInApi;

beforeAll(async () => {
  api = await signedInApi(baseUrl, 'admin');
});

afterAll(async () => {
  await closeBrowser();
});

describe('the county map at /', () => {
  let watched: WatchedPage;
  /** Statuses of the vector tile replies the page saw (MapLibre fetches them from its workers). */
  const tileStatuses = new Set<number>();

  beforeAll(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    watched = await openWatchedPage();
    watched.page.on('response', (response) => {
      if (new URL(response.url()).pathname.startsWith('/tiles/')) tileStatuses.add(response.status());
    });
    await signIn(watched.page, 'admin');
    await watched.page.goto(`${baseUrl}/`);
    await waitForMapReady(watched.page);
  });

  afterAll(async () => {
    await watched.page.context().close();
  });

  it('draws the county with its towns and villages, labelled in Chinese, on a canvas that is not blank', async () => {
    const { page } = watched;
    const png = await page.locator('[data-testid="map"]').screenshot();
    writeFileSync(`${screenshotDir}/county-map.png`, png);
    writeFileSync(`${screenshotDir}/county-page.png`, await page.screenshot());
    expect(await distinctColours(page, png)).toBeGreaterThan(30);

    const counts = await renderedFeatureCounts(page, ['grid-town-line', 'household-cell']);
    expect(counts['grid-town-line']).toBeGreaterThan(0);
    expect(counts['household-cell']).toBeGreaterThan(0);

    // At the county the drill-down labels its children, the towns, above the base labels (which
    // then give way where they collide): a town's name may come from either layer.
    const townNames = await page.evaluate(() => {
      const map = (window as unknown as { __gridmap: { map: import('maplibre-gl').Map } }).__gridmap.map;
      const drawn = map.queryRenderedFeatures({ layers: ['grid-town-label', 'drill-child-label'] });
      return [...new Set(drawn.filter((f) => f.properties.level === 'town').map((f) => String(f.properties.name)))];
    });
    const towns = await api.json<{ features: { properties: { name: string } }[] }>(
      '/api/grids?level=town&parent=620724',
    );
    // Every label drawn is a real town of the county, and most towns are labelled at this zoom.
    const realNames = new Set(towns.features.map((f) => f.properties.name));
    expect(townNames.every((name) => realNames.has(name))).toBe(true);
    expect(townNames.length).toBeGreaterThanOrEqual(5);
    expect(await page.getByTestId('app-title').textContent()).toContain('高台县');
  });

  it('shows cameras and open cases as deck.gl layers', async () => {
    const deckLayers = await watched.page.evaluate(() =>
      (window as unknown as { __gridmap: { deckLayerIds(): string[] } }).__gridmap.deckLayerIds(),
    );
    expect(deckLayers).toEqual(expect.arrayContaining(['cameras', 'cases']));
  });

  it('draws the streets, households and groups of a settlement when zoomed in', async () => {
    const { page } = watched;
    const streets = await api.json<{ features: { geometry: { coordinates: [number, number][] } }[] }>(
      '/api/streets?grid=620724101000',
    );
    const street = streets.features[0];
    expect(street).toBeDefined();
    const middle = street!.geometry.coordinates[Math.floor(street!.geometry.coordinates.length / 2)]!;
    await jumpAndSettle(page, middle, 15);
    writeFileSync(`${screenshotDir}/settlement.png`, await page.locator('[data-testid="map"]').screenshot());
    const counts = await renderedFeatureCounts(page, ['street-line', 'household-point', 'grid-group-line']);
    expect(counts['street-line']).toBeGreaterThan(0);
    expect(counts['household-point']).toBeGreaterThan(0);
    expect(counts['grid-group-line']).toBeGreaterThan(0);
  });

  it('hides a layer when its legend toggle is switched off, and shows it again', async () => {
    const { page } = watched;
    const visibleLayers = () =>
      page.evaluate(() => (window as unknown as { __gridmap: { layerIds(): string[] } }).__gridmap.layerIds());
    expect(await visibleLayers()).toContain('household-point');
    await page.getByTestId('toggle-households').click();
    await expect.poll(visibleLayers).not.toContain('household-point');
    await page.getByTestId('toggle-households').click();
    await expect.poll(visibleLayers).toContain('household-point');
  });

  it('switches the interface to English, keeps it after a reload, and switches back to Chinese', async () => {
    const { page } = watched;
    await page.getByTestId('language-en').click();
    await expect.poll(() => page.getByTestId('toggle-cameras').innerText()).toContain('Cameras');
    await page.reload();
    await waitForMapReady(page);
    expect(await page.getByTestId('app-title').innerText()).toBe('高台县 — Grid Overview');
    await page.getByTestId('language-zh-CN').click();
    await expect.poll(() => page.getByTestId('app-title').innerText()).toBe('高台县 网格一图统揽');
  });

  it('sends the session cookie with the tile requests (same origin): none was refused', () => {
    // The drawn town lines and household cells above come from tiles; a tile without the cookie
    // would be a 401 here and a console error.
    expect([...tileStatuses].filter((status) => status === 401 || status === 403)).toEqual([]);
  });

  it('logged no console error and sent no request off the machine', () => {
    expect(watched.errors).toEqual([]);
    expect(watched.offMachineRequests).toEqual([]);
  });
});

describe('an unknown address', () => {
  it('shows a clear "not found" page with a way back', async () => {
    const { page, errors } = await openWatchedPage();
    await page.goto(`${baseUrl}/no/such/page`);
    await page.waitForSelector('[data-testid="not-found"]');
    expect(await page.getByTestId('not-found').innerText()).toContain('/no/such/page');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
