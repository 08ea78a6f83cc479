import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ConsoleMessage } from 'playwright-core';
import { closeBrowser, openWatchedPage, signIn, type WatchedPage } from '../support/browserPage.js';
import { signedInApi, type SignedInApi } from '../support/signedInApi.js';

const baseUrl = inject('baseUrl');
const phone = { width: 390, height: 844 };

interface GridList {
  features: { properties: { code: string; name: string; labelPoint: [number, number] | null } }[];
}

/** A village of the demo county and a point inside it (its label point), read through the API. */
async function somewhereInAVillage(): Promise<{ code: string; name: string; lon: number; lat: number }> {
  const villages = await admin.json<GridList>('/api/grids?level=village&simplify=500');
  const village = villages.features.find((feature) => feature.properties.labelPoint !== null);
  if (!village?.properties.labelPoint) throw new Error('the demo county has no village with a label point');
  const [lon, lat] = village.properties.labelPoint;
  return { code: village.properties.code, name: village.properties.name, lon, lat };
}

/**
 * A page at /report on a phone-sized screen whose device reports `position`, signed in as the
 * cadre of the village the reports are made in (the demo seed's `village-<code>` account).
 */
async function openReport(position: { lon: number; lat: number } | null): Promise<WatchedPage> {
  const watched = await openWatchedPage(phone);
  await signIn(watched.page, `village-${place.code}`);
  const context = watched.page.context();
  if (position) {
    await context.grantPermissions(['geolocation'], { origin: baseUrl });
    await context.setGeolocation({ longitude: position.lon, latitude: position.lat, accuracy: 15 });
  }
  await watched.page.goto(`${baseUrl}/report`);
  return watched;
}

/** Puts a 3000 × 2000 PNG into the photo input, as a phone camera would hand one over. */
async function attachLargePhoto(watched: WatchedPage): Promise<void> {
  await watched.page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 3000;
    canvas.height = 2000;
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#3a7';
    context.fillRect(0, 0, 3000, 2000);
    context.fillStyle = '#a33';
    context.fillRect(500, 500, 1000, 600);
    const blob = await new Promise<Blob>((resolve) => canvas.toBlob((made) => resolve(made!), 'image/png'));
    const transfer = new DataTransfer();
    transfer.items.add(new File([blob], 'camera.png', { type: 'image/png' }));
    const input = document.querySelector<HTMLInputElement>('[data-testid="report-photo"]')!;
    input.files = transfer.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

let place: { code: string; name: string; lon: number; lat: number };
/** The test's own reads, as the county administrator. */
let admin: SignedInApi;

beforeAll(async () => {
  admin = await signedInApi(baseUrl, 'admin');
  place = await somewhereInAVillage();
});

afterAll(() => closeBrowser());

describe('the field report page at /report on a 390 × 844 phone', () => {
  it('reports a case with the device position, a category, one line and a downscaled photo, and shows the serial and village', async () => {
    const watched = await openReport(place);
    const { page } = watched;
    await expect(page.getByTestId('report-position').innerText()).resolves.toContain(place.lat.toFixed(5));
    await page.getByTestId('category-neighbour_dispute').click();
    await page.getByTestId('report-summary').fill('两户因宅基地边界发生争执');
    await attachLargePhoto(watched);
    const photo = page.getByTestId('report-photo-preview');
    await photo.waitFor();
    const size = await photo.evaluate((image: HTMLImageElement) => ({
      width: image.naturalWidth,
      height: image.naturalHeight,
      type: image.src.slice(0, 'data:image/jpeg'.length),
    }));
    expect(size).toEqual({ width: 1600, height: 1067, type: 'data:image/jpeg' });

    // Big touch targets: every button a thumb presses is at least 44 px high.
    const heights = await page
      .locator('[data-testid="report"] button')
      .evaluateAll((buttons) => buttons.map((button) => button.getBoundingClientRect().height));
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(44);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(phone.width);

    await page.getByTestId('report-submit').click();
    const serial = await page.getByTestId('report-serial').innerText();
    expect(serial).toMatch(/^620724\d{8}\d{5}$/);
    await page.waitForFunction(
      (name) => document.querySelector('[data-testid="report-village"]')?.textContent === name,
      place.name,
    );

    const stored = await admin.json<{ summary: string; hasPhoto: boolean; category: string }>(`/api/cases/${serial}`);
    expect(stored).toMatchObject({
      summary: '两户因宅基地边界发生争执',
      hasPhoto: true,
      category: 'neighbour_dispute',
    });
    await expect(page.evaluate(() => localStorage.getItem('gridmap.report.draft'))).resolves.toBeNull();
    expect(watched.errors).toEqual([]);
    expect(watched.offMachineRequests).toEqual([]);
  });

  it('keeps a report whose upload got no answer in the phone’s queue, and uploads it once when asked', async () => {
    const watched = await openReport(place);
    const { page } = watched;
    const failedLoads: { text: string; url: string }[] = [];
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() === 'error') failedLoads.push({ text: message.text(), url: message.location().url });
    });
    // The browser believes it is online, but nothing comes back (a signal that drops mid-upload).
    await page.route('**/api/cases', (route) => route.abort());
    await page.getByTestId('report-position').waitFor();
    await page.getByTestId('category-safety_hazard').click();
    await page.getByTestId('report-summary').fill('村口桥梁护栏断裂');
    await page.getByTestId('report-submit').click();

    await page.getByTestId('report-queued').waitFor();
    await expect(page.getByTestId('field-queue-count').innerText()).resolves.toBe('1 条待上传');
    // The report is in the queue (IndexedDB), so the form's draft is done with.
    await expect(page.evaluate(() => localStorage.getItem('gridmap.report.draft'))).resolves.toBeNull();

    await page.unroute('**/api/cases');
    await page.getByTestId('field-queue-upload').click();
    const uploaded = await page.getByTestId('field-queue-serial').innerText();
    expect(uploaded).toMatch(/^已上传 · 事件编号 620724\d{13}$/);
    const serial = uploaded.slice(uploaded.lastIndexOf(' ') + 1);
    await expect(admin.json<{ summary: string }>(`/api/cases/${serial}`)).resolves.toMatchObject({
      summary: '村口桥梁护栏断裂',
    });

    // The only errors are the browser's own lines about the requests this test aborted.
    const deliberate = (line: { text: string; url: string }) =>
      line.url === `${baseUrl}/api/cases` && /^Failed to load resource: net::ERR_FAILED$/.test(line.text);
    expect(failedLoads.filter((line) => !deliberate(line))).toEqual([]);
    expect(watched.errors).toEqual(failedLoads.map((line) => `console: ${line.text}`));
    expect(watched.offMachineRequests).toEqual([]);
  });

  it('keeps an unsent report across a reload of the page', async () => {
    const watched = await openReport(place);
    const { page } = watched;
    await page.getByTestId('report-position').waitFor();
    await page.getByTestId('category-environment').click();
    await page.getByTestId('report-summary').fill('河道有人倾倒垃圾');
    await page.reload();
    await page.getByTestId('report-restored').waitFor();
    await expect(page.getByTestId('report-summary').inputValue()).resolves.toBe('河道有人倾倒垃圾');
    await expect(page.getByTestId('category-environment').getAttribute('aria-checked')).resolves.toBe('true');
    expect(watched.errors).toEqual([]);
  });

  it('asks for a tap on the map when the device may not locate itself, and takes the tapped position', async () => {
    const watched = await openReport(null);
    const { page } = watched;
    await expect(page.getByRole('alert').first().innerText()).resolves.toBe('未获得定位权限，请在地图上点选');
    await page.getByTestId('report-pick-on-map').click();
    const map = page.getByTestId('report-map');
    await map.locator('canvas').waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="report-map"] canvas') !== null);
    await map.click({ position: { x: 180, y: 130 } });
    await expect(page.getByTestId('report-position').innerText()).resolves.toContain('地图选点');
    expect(watched.errors).toEqual([]);
    expect(watched.offMachineRequests).toEqual([]);
  });
});
