import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { CaseOpenAt, CaseTimeline } from '../../server/src/contract/caseTimeline.js';
import type { CameraOutageTimeline } from '../../server/src/contract/cameraOutageTimeline.js';
import type { PatrolTimeline } from '../../server/src/contract/patrolTimeline.js';
import { closeBrowser, openWatchedPage, signIn } from '../support/browserPage.js';
import { signedInApi, type SignedInApi } from '../support/signedInApi.js';

/**
 * Time playback on the seeded demo (issue #15 part 3): what the GPU filter draws at a paused instant
 * is what GET /api/cases/open-at counts there, the time state survives a reload, and the case
 * list's filters change the histogram.
 */
const baseUrl = inject('baseUrl');
const screenshotDir = 'tests/e2e/screenshots';

interface PlaybackHandle {
  playback(): {
    second: number;
    'playback-within'?: number;
    'playback-warning'?: number;
    'playback-overdue'?: number;
    'playback-outages'?: number;
    'playback-patrols'?: number;
  } | null;
}

let admin: SignedInApi;
let grid: string;
/** The other two layers on the same clock, as the API gives them, per grid. */
const otherColumns = new Map<string, Promise<{ outages: CameraOutageTimeline; patrols: PatrolTimeline }>>();
const othersOf = (code: string) => {
  let columns = otherColumns.get(code);
  if (!columns) {
    columns = Promise.all([
      admin.json<CameraOutageTimeline>(`/api/cameras/outages/timeline?grid=${code}`),
      admin.json<PatrolTimeline>(`/api/patrols/timeline?grid=${code}`),
    ]).then(([outages, patrols]) => ({ outages, patrols }));
    otherColumns.set(code, columns);
  }
  return columns;
};

beforeAll(async () => {
  admin = await signedInApi(baseUrl, 'admin');
  const { scope } = await admin.json<{ scope: { code: string } }>('/api/session');
  grid = scope.code.slice(0, 6);
  mkdirSync(screenshotDir, { recursive: true });
});
afterAll(() => closeBrowser());

/** The paused clock's instant, as the time bar shows it. */
const shownAt = async (page: Page) => (await page.getByTestId('playback-time').getAttribute('data-at'))!;

/** The desk map's test handle, or the wall's. */
type MapHandle = '__gridmap' | '__gridmapWall';

/** Intervals [startAt, endAt) alive at `at` (endAt null: not ended). */
const aliveAt = (columns: { startAt: number[]; endAt: (number | null)[] }, at: number) =>
  columns.startAt.filter((start, i) => start <= at && at < (columns.endAt[i] ?? Infinity)).length;

/** Outages and patrols the GPU kept, once deck.gl has counted. */
const drawnOthers = (page: Page, handle: MapHandle) =>
  page.evaluate((name) => {
    const state = (window as unknown as Record<string, PlaybackHandle>)[name]!.playback();
    return state ? { outages: state['playback-outages'], patrols: state['playback-patrols'] } : null;
  }, handle);

/** Cases the GPU kept in the three case layers (within deadline, 临期, overdue), once deck.gl has counted. */
const drawnCases = (page: Page, handle: MapHandle) =>
  page.evaluate((name) => {
    const state = (window as unknown as Record<string, PlaybackHandle>)[name]!.playback();
    if (!state) return null;
    return (state['playback-within'] ?? 0) + (state['playback-warning'] ?? 0) + (state['playback-overdue'] ?? 0);
  }, handle);

async function openAt(code: string, at: string, filters: string): Promise<number> {
  return (await admin.json<CaseOpenAt>(`/api/cases/open-at?grid=${code}&at=${encodeURIComponent(at)}&${filters}`))
    .count;
}

async function expectDrawnEqualsOpenAt(
  page: Page,
  {
    filters = 'status=all',
    code = grid,
    handle = '__gridmap',
  }: { filters?: string; code?: string; handle?: MapHandle } = {},
): Promise<{ at: string; count: number }> {
  const at = await shownAt(page);
  const count = await openAt(code, at, filters);
  await expect.poll(() => drawnCases(page, handle), { timeout: 10_000, message: at }).toBe(count);
  // Camera outages and patrols run on the same clock.
  const instant = Date.parse(at);
  const { outages, patrols } = await othersOf(code);
  await expect
    .poll(() => drawnOthers(page, handle), { timeout: 10_000, message: `outages and patrols at ${at}` })
    .toEqual({ outages: aliveAt(outages, instant), patrols: aliveAt(patrols, instant) });
  // The time bar's own count (the same test on the CPU) agrees.
  expect(Number(await page.getByTestId('playback-count').getAttribute('data-count'))).toBe(count);
  return { at, count };
}

describe('time playback on the map (时间回放)', () => {
  it('draws at each paused instant exactly the cases open-at counts, and restores the time from the URL', async () => {
    const watched = await openWatchedPage();
    const { page } = watched;
    await signIn(page, 'admin');
    await page.goto(`${baseUrl}/map/${grid}`);
    await page.waitForSelector('[data-testid="map"][data-ready="true"]', { timeout: 30_000 });
    await page.getByTestId('playback-open').click();
    await page.waitForSelector('[data-testid="playback-histogram"]', { timeout: 30_000 });
    expect(new URL(page.url()).searchParams.get('t')).toBeTruthy();

    await page.getByTestId('playback-speed').selectOption('1h');
    const seen: { at: string; count: number }[] = [];
    for (let round = 0; round < 3; round++) {
      // Play until the clock has moved, then pause: the GPU filter must agree at wherever it stopped.
      const before = Date.parse(await shownAt(page));
      await page.getByTestId('playback-toggle').click();
      await expect.poll(async () => Date.parse(await shownAt(page)), { timeout: 10_000 }).toBeGreaterThan(before);
      await page.getByTestId('playback-toggle').click();
      expect(await page.getByTestId('playback-toggle').getAttribute('aria-pressed')).toBe('false');
      seen.push(await expectDrawnEqualsOpenAt(page));
    }
    // The keyboard: Home goes to the start of the history, PageUp a tenth on; then a step of an hour.
    await page.getByTestId('playback-slider').focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('PageUp');
    seen.push(await expectDrawnEqualsOpenAt(page));
    await page.getByTestId('playback-forward').click();
    seen.push(await expectDrawnEqualsOpenAt(page));
    expect(Date.parse(seen.at(-1)!.at) - Date.parse(seen.at(-2)!.at)).toBe(3_600_000);
    expect(new Set(seen.map((instant) => instant.at)).size).toBe(seen.length);
    await page.screenshot({ path: `${screenshotDir}/playback-paused.png` });

    // Reload: the URL holds the time, the speed and that it is paused.
    const url = new URL(page.url());
    expect(url.searchParams.get('t')).toBe(seen.at(-1)!.at);
    expect(url.searchParams.get('speed')).toBe('1h');
    await page.reload();
    await page.waitForSelector('[data-testid="playback-histogram"]', { timeout: 30_000 });
    expect(await shownAt(page)).toBe(seen.at(-1)!.at);
    expect(await page.getByTestId('playback-speed').inputValue()).toBe('1h');
    await expectDrawnEqualsOpenAt(page);

    // Leaving playback returns to the live map.
    await page.getByTestId('playback-close').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('t')).toBeNull();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __gridmap: PlaybackHandle }).__gridmap.playback()))
      .toBeNull();
    expect(watched.errors).toEqual([]);
    expect(watched.offMachineRequests).toEqual([]);
    await page.context().close();
  });

  it('follows the case list’s filters: the histogram and the drawn cases change with them', async () => {
    const watched = await openWatchedPage();
    const { page } = watched;
    await signIn(page, 'admin');
    await page.goto(`${baseUrl}/map/${grid}?t=start&speed=1d`);
    await page.waitForSelector('[data-testid="playback-histogram"]', { timeout: 30_000 });
    const bins = async () => (await page.getByTestId('playback-histogram').getAttribute('data-bins'))!;
    const sum = (text: string) => text.split(',').reduce((total, n) => total + Number(n), 0);
    // The list's default 在办 (open now) plays every case of the year: each drawn while it was open.
    const all = await admin.json<CaseTimeline>(`/api/cases/timeline?grid=${grid}&status=all`);
    await expect.poll(async () => sum(await bins()), { timeout: 20_000 }).toBe(all.count);
    const before = await bins();

    await page.getByTestId('tab-cases').click();
    await page.getByTestId('filter-status').selectOption('closed');
    const closed = await admin.json<CaseTimeline>(`/api/cases/timeline?grid=${grid}&status=closed`);
    expect(closed.count).toBeLessThan(all.count);
    await expect.poll(async () => sum(await bins()), { timeout: 20_000 }).toBe(closed.count);
    await page.getByTestId('filter-status').selectOption('all');
    await expect.poll(async () => sum(await bins()), { timeout: 20_000 }).toBe(all.count);
    await page.getByTestId('filter-category').selectOption('land_boundary');
    const filters = 'status=all&category=land_boundary';
    const narrowed = await admin.json<CaseTimeline>(
      `/api/cases/timeline?grid=${grid}&status=all&category=land_boundary`,
    );
    await expect.poll(async () => sum(await bins()), { timeout: 20_000 }).toBe(narrowed.count);
    expect(await bins()).not.toBe(before);
    // Across the year with the keyboard (Home, then two pages of a tenth at a time).
    await page.getByTestId('playback-slider').focus();
    await page.keyboard.press('Home');
    const instants: { at: string; count: number }[] = [];
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('PageUp');
      await page.keyboard.press('PageUp');
      instants.push(await expectDrawnEqualsOpenAt(page, { filters }));
    }
    const times = instants.map((instant) => Date.parse(instant.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(times).size).toBe(times.length);
    expect(instants.every((instant) => instant.count > 0)).toBe(true);

    // A drill into a town keeps the clock, the filters and the time in the URL.
    await page.getByTestId('tab-dossier').click();
    const town = (await page.locator('[data-testid="child-list"] a[data-code]').first().getAttribute('data-code'))!;
    await page.locator(`[data-testid="child-list"] a[data-code="${town}"]`).click();
    await page.waitForSelector(`[data-testid="map"][data-drilled="${town}"]`, { timeout: 60_000 });
    expect(new URL(page.url()).pathname).toBe(`/map/${town}`);
    expect(new URL(page.url()).searchParams.get('t')).toBe(instants.at(-1)!.at);
    expect(await shownAt(page)).toBe(instants.at(-1)!.at);
    await expectDrawnEqualsOpenAt(page, { filters, code: town });
    await page.screenshot({ path: `${screenshotDir}/playback-filtered.png` });
    expect(watched.errors).toEqual([]);
    await page.context().close();
  });

  it('plays the wall’s last 30 days round and round on the same clock (/wall?t=start&loop=30)', async () => {
    const watched = await openWatchedPage({ width: 1920, height: 1080 });
    const { page } = watched;
    await signIn(page, 'wall');
    const wall = await signedInApi(baseUrl, 'wall');
    const { scope } = await wall.json<{ scope: { code: string } }>('/api/session');
    await page.goto(`${baseUrl}/wall?t=start&loop=30&speed=1d`);
    await page.waitForSelector('[data-testid="playback-histogram"]', { timeout: 60_000 });
    expect(await page.getByTestId('playback-close').count()).toBe(0);
    const start = Date.parse(await shownAt(page));
    const day = 86_400_000;
    expect(Date.now() - start).toBeGreaterThan(29.9 * day);
    expect(Date.now() - start).toBeLessThan(30.1 * day);
    const code = scope.code;
    const first = await expectDrawnEqualsOpenAt(page, { filters: 'status=all', code, handle: '__gridmapWall' });

    await page.getByTestId('playback-toggle').click();
    await expect.poll(async () => Date.parse(await shownAt(page)), { timeout: 10_000 }).toBeGreaterThan(start);
    await page.getByTestId('playback-toggle').click();
    const second = await expectDrawnEqualsOpenAt(page, { filters: 'status=all', code, handle: '__gridmapWall' });
    expect(second.at).not.toBe(first.at);
    await page.screenshot({ path: `${screenshotDir}/playback-wall.png` });
    expect(watched.errors).toEqual([]);
    expect(watched.offMachineRequests).toEqual([]);
    await page.context().close();
  });
});
