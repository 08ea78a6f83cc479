import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page, WebSocket } from 'playwright-core';
import type { CaseRecord } from '../../server/src/contract/cases.js';
import type { GridDossier } from '../../server/src/contract/dossier.js';
import { closeBrowser, openWatchedPage, signIn, type WatchedPage } from '../support/browserPage.js';
import { signedInApi, type SignedInApi } from '../support/signedInApi.js';

const baseUrl = inject('baseUrl');

/** The test's own reads and reports, as the county administrator. */
let admin: SignedInApi;

interface WatchedLive extends WatchedPage {
  /** Every websocket the page opened, in order. */
  sockets: WebSocket[];
  /** Every frame the page's websockets received, as text. */
  frames: string[];
}

/** A signed-in page that records its websockets and their frames from before the first navigation. */
async function openCounting(path: string, username: string): Promise<WatchedLive> {
  const watched = await openWatchedPage({ width: 1280, height: 800 });
  const sockets: WebSocket[] = [];
  const frames: string[] = [];
  watched.page.on('websocket', (socket) => {
    sockets.push(socket);
    socket.on('framereceived', (frame) => frames.push(String(frame.payload)));
  });
  await signIn(watched.page, username, { baseUrl });
  await watched.page.goto(`${baseUrl}${path}`);
  return { ...watched, sockets, frames };
}

/** Waits until a frame the page received contains `text`. */
async function received(watched: WatchedLive, text: string): Promise<void> {
  await expect.poll(() => watched.frames.some((frame) => frame.includes(text)), { timeout: 30_000 }).toBe(true);
}

/** Waits until the page's live link has been answered `subscribed` (the link is up, not only opened). */
const subscribed = (watched: WatchedLive) => received(watched, '"type":"subscribed"');

async function waitForDrilled(page: Page, code: string) {
  await page.waitForSelector(`[data-testid="dossier"][data-code="${code}"][data-state="ready"]`, { timeout: 60_000 });
  await page.waitForSelector(`[data-testid="map"][data-drilled="${code}"]`, { timeout: 60_000 });
}

const mapCaseSerials = (page: Page) =>
  page.evaluate(() => (window as unknown as { __gridmap: { caseSerials(): string[] } }).__gridmap.caseSerials());

beforeAll(async () => {
  admin = await signedInApi(baseUrl, 'admin');
});

afterAll(async () => {
  await closeBrowser();
});

describe('one live connection per page (#12 part 5)', () => {
  let county: GridDossier;

  beforeAll(async () => {
    county = await admin.json<GridDossier>('/api/grids/620724/dossier');
  });

  it('the map view opens exactly one websocket, keeps it while drilling, and a case reported through the API reaches the map on it', async () => {
    const watched = await openCounting('/', 'admin');
    const { page } = watched;
    await waitForDrilled(page, '620724');
    await subscribed(watched);
    expect(watched.sockets).toHaveLength(1);

    const town = county.children[0]!;
    await page.locator(`[data-testid="child-list"] a[data-code="${town.code}"]`).click();
    await waitForDrilled(page, town.code);
    expect(watched.sockets).toHaveLength(1);
    expect(watched.sockets[0]!.isClosed()).toBe(false);

    const village = (await admin.json<GridDossier>(`/api/grids/${town.code}/dossier`)).children.find(
      (child) => child.labelPoint,
    )!;
    const reported = await admin.json<CaseRecord>('/api/cases', {
      method: 'POST',
      body: {
        lon: village.labelPoint![0],
        lat: village.labelPoint![1],
        category: 'neighbour_dispute',
        summary: '单连接测试：事件上报',
      },
    });
    await received(watched, reported.serial);
    await expect.poll(() => mapCaseSerials(page), { timeout: 10_000 }).toContain(reported.serial);
    expect(watched.sockets).toHaveLength(1);
    expect(watched.errors).toEqual([]);
    expect(watched.offMachineRequests).toEqual([]);
    await page.context().close();
  });

  it('a drilled view opened by its address opens exactly one websocket', async () => {
    const town = county.children[1]!;
    const watched = await openCounting(`/map/${town.code}`, 'admin');
    await waitForDrilled(watched.page, town.code);
    await subscribed(watched);
    expect(watched.sockets).toHaveLength(1);
    expect(new URL(watched.sockets[0]!.url()).pathname).toBe('/live');
    expect(watched.errors).toEqual([]);
    await watched.page.context().close();
  });

  it('the wall opens exactly one websocket', async () => {
    const watched = await openCounting('/wall', 'wall');
    await watched.page.waitForSelector('[data-testid="wall-map"][data-ready="true"]', { timeout: 60_000 });
    await watched.page.waitForSelector('[data-testid="live-state"][data-state="live"]', { timeout: 30_000 });
    expect(watched.sockets).toHaveLength(1);
    expect(watched.errors).toEqual([]);
    await watched.page.context().close();
  });
});
