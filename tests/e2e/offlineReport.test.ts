import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { closeBrowser, openWatchedPage, signIn, type WatchedPage } from '../support/browserPage.js';
import { signedInApi, type SignedInApi } from '../support/signedInApi.js';

const baseUrl = inject('baseUrl');
const phone = { width: 390, height: 844 };

interface GridList {
  features: { properties: { code: string; name: string; labelPoint: [number, number] | null } }[];
}
interface CaseList {
  features: { properties: { serial: string; summary: string } }[];
}
interface StoredOperation {
  id: string;
  state: string;
  body: Record<string, unknown>;
  result: { serial: string } | null;
  refusal: { status: number; message: string } | null;
}

let admin: SignedInApi;
let place: { code: string; lon: number; lat: number };

beforeAll(async () => {
  admin = await signedInApi(baseUrl, 'admin');
  const villages = await admin.json<GridList>('/api/grids?level=village&simplify=500');
  // Another village than report.test's first one: the cases this file counts are its own.
  const village = villages.features.filter((feature) => feature.properties.labelPoint !== null)[3];
  if (!village?.properties.labelPoint) throw new Error('the demo county has too few villages with a label point');
  const [lon, lat] = village.properties.labelPoint;
  place = { code: village.properties.code, lon, lat };
});

afterAll(() => closeBrowser());

/** /report on a phone, signed in as the village's cadre, located in the village; resolves once the field app's worker controls it and has kept the page's reads. */
async function openFieldApp(): Promise<WatchedPage> {
  const watched = await openWatchedPage(phone);
  const { page } = watched;
  await signIn(page, `village-${place.code}`);
  await page.context().grantPermissions(['geolocation'], { origin: baseUrl });
  await page.context().setGeolocation({ longitude: place.lon, latitude: place.lat, accuracy: 12 });
  await page.goto(`${baseUrl}/report`);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  // The worker keeps what the page opens on: a reload without a signal needs the session and the categories.
  await page.waitForFunction(async () => {
    const session = await caches.match('/api/session', { cacheName: 'gridmap-field-session' });
    const categories = await caches.match('/api/case-categories', { cacheName: 'gridmap-field-reads' });
    return session !== undefined && categories !== undefined;
  });
  // …and has kept the staff member's grid and its tiles (warmFieldCache.ts writes this when done).
  await page.waitForFunction(() => localStorage.getItem('gridmap.field.warmedAt') !== null);
  await page.getByTestId('report-position').waitFor();
  return watched;
}

async function fillReport(page: Page, summary: string): Promise<void> {
  await page.getByTestId('category-neighbour_dispute').click();
  await page.getByTestId('report-summary').fill(summary);
}

/** The queue's entries as IndexedDB holds them (web/src/lib/fieldQueue/fieldQueueStore.ts). */
function storedOperations(page: Page): Promise<StoredOperation[]> {
  return page.evaluate(
    () =>
      new Promise<StoredOperation[]>((resolve, reject) => {
        const open = indexedDB.open('gridmap-field');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('operations').objectStore('operations').getAll();
          request.onsuccess = () => resolve(request.result as StoredOperation[]);
          request.onerror = () => reject(request.error);
        };
      }),
  );
}

/** A 3000 × 2000 photo of pure noise, the worst case for JPEG (a plain 1600 px JPEG of it is over 1 MB). */
async function attachNoisyPhoto(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 3000;
    canvas.height = 2000;
    const context = canvas.getContext('2d')!;
    const image = context.createImageData(3000, 2000);
    const random = new Uint32Array(image.data.buffer);
    for (let offset = 0; offset < random.length; offset += 16_384) {
      crypto.getRandomValues(random.subarray(offset, offset + 16_384));
    }
    for (let i = 3; i < image.data.length; i += 4) image.data[i] = 255;
    context.putImageData(image, 0, 0);
    const blob = await new Promise<Blob>((resolve) => canvas.toBlob((made) => resolve(made!), 'image/png'));
    const transfer = new DataTransfer();
    transfer.items.add(new File([blob], 'camera.png', { type: 'image/png' }));
    const input = document.querySelector<HTMLInputElement>('[data-testid="report-photo"]')!;
    input.files = transfer.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await page.getByTestId('report-photo-preview').waitFor();
}

async function casesWithSummary(summary: string): Promise<string[]> {
  const cases = await admin.json<CaseList>(`/api/cases?grid=${place.code}&status=all`);
  return cases.features.filter((each) => each.properties.summary === summary).map((each) => each.properties.serial);
}

describe('the field app at /report without a signal', () => {
  it('queues a report made offline, keeps it across a reload, uploads it once when the network returns', async () => {
    const watched = await openFieldApp();
    const { page } = watched;
    const summary = `离线上报 ${Date.now()}`;
    // What the field app keeps of the staff member's grid (figures for the README's budget).
    const kept = await page.evaluate(async () => {
      const tiles = await caches.open('gridmap-field-tiles');
      const responses = await Promise.all((await tiles.keys()).map((request) => tiles.match(request)));
      const bytes = await Promise.all(responses.map(async (response) => (await response!.arrayBuffer()).byteLength));
      return { tiles: bytes.length, bytes: bytes.reduce((sum, each) => sum + each, 0), largest: Math.max(0, ...bytes) };
    });
    console.log(
      `[offlineReport] tiles kept for village-${place.code}: ${kept.tiles}, ${(kept.bytes / 1024).toFixed(0)} KB, the largest ${(kept.largest / 1024).toFixed(1)} KB`,
    );
    expect(kept.tiles).toBeGreaterThan(0);

    await page.context().setOffline(true);
    // Offline means the worker's network too: a tile it does not hold cannot be fetched.
    const uncached = `/tiles/grids/14/0/0.mvt`;
    await expect(
      page.evaluate(
        (url) =>
          fetch(url).then(
            () => 'fetched',
            () => 'failed',
          ),
        uncached,
      ),
    ).resolves.toBe('failed');
    await fillReport(page, summary);
    await attachNoisyPhoto(page);
    await page.getByTestId('report-submit').click();
    await page.getByTestId('report-queued').waitFor();
    await expect(page.getByTestId('field-queue-count').innerText()).resolves.toBe('1 条待上传');

    // The app shell, the session and the queue come from the phone itself.
    await page.reload();
    await expect(page.getByTestId('field-queue-count').innerText()).resolves.toBe('1 条待上传');
    const [queued] = await storedOperations(page);
    expect(queued).toMatchObject({ state: 'waiting', body: { summary, reportId: queued?.id } });
    // The photo was shrunk on the phone before it was queued: at most 500 KB.
    const photo = String(queued?.body.photo);
    expect(photo.startsWith('data:image/jpeg;base64,')).toBe(true);
    const photoBytes = Math.floor(((photo.length - 'data:image/jpeg;base64,'.length) * 3) / 4);
    console.log(`[offlineReport] queued photo of a 3000 × 2000 noise image: ${(photoBytes / 1024).toFixed(0)} KB`);
    expect(photoBytes).toBeLessThanOrEqual(500 * 1024);
    expect(await casesWithSummary(summary)).toEqual([]);
    await page.screenshot({ path: 'tests/e2e/screenshots/offline-report-queued.png' });

    await page.context().setOffline(false);
    const serial = await page.getByTestId('field-queue-serial').innerText();
    expect(serial).toMatch(/^已上传 · 事件编号 620724\d{13}$/);
    await expect(page.getByTestId('field-queue-count').count()).resolves.toBe(0);
    const stored = serial.slice(serial.lastIndexOf(' ') + 1);
    expect(await casesWithSummary(summary)).toEqual([stored]);
    await expect(admin.json<{ hasPhoto: boolean }>(`/api/cases/${stored}`)).resolves.toMatchObject({ hasPhoto: true });

    // Replaying the queued request (same key, same body, as a second tab or a lost reply would)
    // gets the first reply back and stores nothing; a reload online sends nothing again.
    const replay = await page.evaluate(async (operation) => {
      const session = (await (await fetch('/api/session')).json()) as { csrfToken: string };
      const response = await fetch('/api/cases', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': operation.id,
          'x-csrf-token': session.csrfToken,
        },
        body: JSON.stringify(operation.body),
      });
      return { status: response.status, serial: ((await response.json()) as { serial: string }).serial };
    }, queued!);
    expect(replay.serial).toBe(stored);
    await page.reload();
    await page.getByTestId('field-queue-serial').waitFor();
    expect(await casesWithSummary(summary)).toEqual([stored]);
    // The one console error is the browser's line about the tile asked for offline on purpose.
    expect(watched.errors).toEqual(['console: Failed to load resource: net::ERR_FAILED']);
    expect(watched.offMachineRequests).toEqual([]);
  });

  it('shows a report the server refuses with its reason until discarded, and uploads the rest past it and past an unreadable entry', async () => {
    const watched = await openFieldApp();
    const { page } = watched;
    const summary = `离线上报二 ${Date.now()}`;

    await page.context().setOffline(true);
    await fillReport(page, `${summary} 界外`);
    await page.getByTestId('report-submit').click();
    await page.getByTestId('report-queued').waitFor();
    await page.getByRole('button', { name: '再报一件' }).click();
    await page.getByTestId('report-locate').click();
    await page.getByTestId('report-position').waitFor();
    await fillReport(page, summary);
    await page.getByTestId('report-submit').click();
    await page.getByTestId('report-queued').waitFor();
    // The first report as if made outside every grid of the county (the emulated device keeps
    // its fix for a minute, so it is moved in the store): the server refuses it (422) whenever sent.
    await page.evaluate(
      (outside) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('gridmap-field');
          open.onsuccess = () => {
            const transaction = open.result.transaction('operations', 'readwrite');
            const store = transaction.objectStore('operations');
            const all = store.getAll();
            all.onsuccess = () => {
              for (const operation of all.result as StoredOperation[]) {
                if (operation.body.summary === outside) {
                  store.put({ ...operation, body: { ...operation.body, lon: 120, lat: 30 } }, operation.id);
                }
              }
            };
            transaction.oncomplete = () => resolve();
            transaction.onerror = () => reject(transaction.error);
          };
        }),
      `${summary} 界外`,
    );
    // Something the page never wrote, sitting in the same store.
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('gridmap-field');
          open.onsuccess = () => {
            const transaction = open.result.transaction('operations', 'readwrite');
            transaction.objectStore('operations').put({ junk: true }, '0-not-an-operation');
            transaction.oncomplete = () => resolve();
            transaction.onerror = () => reject(transaction.error);
          };
        }),
    );
    await page.reload();
    await expect(page.getByTestId('field-queue-count').innerText()).resolves.toBe('2 条待上传');
    await page.getByTestId('field-queue-foreign').waitFor();

    await page.context().setOffline(false);
    await page.getByTestId('field-queue-serial').waitFor();
    const refused = page.getByTestId('field-queue-refused');
    await expect(refused.innerText()).resolves.toContain('服务器未受理（422）');
    expect(await casesWithSummary(summary)).toHaveLength(1);
    expect(await casesWithSummary(`${summary} 界外`)).toEqual([]);

    // Kept across a reload until the user discards it.
    await page.reload();
    await refused.waitFor();
    await page.screenshot({ path: 'tests/e2e/screenshots/offline-report-refused.png', fullPage: true });
    await refused.getByRole('button', { name: '放弃此条' }).click();
    await page.getByTestId('field-queue-foreign').getByRole('button', { name: '放弃此条' }).click();
    await expect(refused.count()).resolves.toBe(0);
    const left = await storedOperations(page);
    expect(left.map((operation) => operation.state)).toEqual(['done']);
    // The only console errors are the browser's own lines about the refusal it was sent.
    expect(watched.errors.filter((line) => !/status of 422/.test(line))).toEqual([]);
    expect(watched.offMachineRequests).toEqual([]);
  });
});
