import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { CaseRecord } from '../../server/src/contract/cases.js';
import type { GridDossier } from '../../server/src/contract/dossier.js';
import { closeBrowser, openWatchedPage, signIn, type WatchedPage } from '../support/browserPage.js';
import { signedInApi, type SignedInApi } from '../support/signedInApi.js';

const baseUrl = inject('baseUrl');
const screenshotDir = 'tests/e2e/screenshots';

/** The test's own reads and writes, as the county administrator. */
let admin: SignedInApi;

async function openSignedIn(
  path: string,
  username = 'admin',
  before: (page: Page) => Promise<void> = async () => {},
): Promise<WatchedPage> {
  const watched = await openWatchedPage({ width: 1360, height: 860 });
  await signIn(watched.page, username, { baseUrl });
  await before(watched.page);
  await watched.page.goto(`${baseUrl}${path}`);
  return watched;
}

/** Waits until the map has framed `code` and the dossier of `code` is on screen. */
async function waitForDrilled(page: Page, code: string) {
  await page.waitForSelector(`[data-testid="dossier"][data-code="${code}"][data-state="ready"]`, { timeout: 60_000 });
  await page.waitForSelector(`[data-testid="map"][data-drilled="${code}"]`, { timeout: 60_000 });
}

const dossierOf = (code: string) => admin.json<GridDossier>(`/api/grids/${code}/dossier`);

/**
 * Clicks the map where `lonLat` is, checking the spot shows the map canvas (not the legend or a
 * panel) and no case or camera marker (a click there opens the marker: other test files report
 * cases at villages' label points).
 */
async function clickMapAt(page: Page, lonLat: [number, number]): Promise<boolean> {
  const point = await page.evaluate(([lon, lat]) => {
    const handle = (
      window as unknown as {
        __gridmap: { map: import('maplibre-gl').Map; markerAt(x: number, y: number): boolean };
      }
    ).__gridmap;
    const map = handle.map;
    const { x, y } = map.project([lon!, lat!]);
    const box = map.getCanvas().getBoundingClientRect();
    const screen = { x: box.left + x, y: box.top + y };
    const hit = document.elementFromPoint(screen.x, screen.y);
    return hit === map.getCanvas() && !handle.markerAt(x, y) ? screen : null;
  }, lonLat);
  if (!point) return false;
  await page.mouse.click(point.x, point.y);
  return true;
}

/** Registers a fresh case at `lonLat` as the administrator: a case no other test acts on. */
async function reportCase(lonLat: [number, number], summary: string): Promise<CaseRecord> {
  return admin.json<CaseRecord>('/api/cases', {
    method: 'POST',
    body: { lon: lonLat[0], lat: lonLat[1], category: 'neighbour_dispute', summary },
  });
}

beforeAll(async () => {
  mkdirSync(screenshotDir, { recursive: true });
  admin = await signedInApi(baseUrl, 'admin');
});

afterAll(async () => {
  await closeBrowser();
});

describe('drilling from the county to a group', () => {
  let watched: WatchedPage;
  let county: GridDossier;

  beforeAll(async () => {
    county = await dossierOf('620724');
    watched = await openSignedIn('/');
    await waitForDrilled(watched.page, '620724');
  });

  afterAll(async () => {
    await watched.page.context().close();
  });

  it('shows the county dossier with its towns compared (in code order, never ranked) and coloured, figures as the API gives them', async () => {
    const { page } = watched;
    expect(await page.getByTestId('dossier-title').innerText()).toContain(county.grid.name);
    expect(await page.getByTestId('households-total').innerText()).toBe(String(county.households.total));
    expect(await page.locator('[data-testid="child-list"] li').count()).toBe(county.children.length);
    // 减负: sub-grids are compared in their administrative order, with the median marked, and carry no rank.
    const listed = await page
      .locator('[data-testid="child-list"] a')
      .evaluateAll((links) => links.map((link) => link.getAttribute('data-code')));
    expect(listed).toEqual(county.children.map((child) => child.code).sort());
    expect(await page.getByTestId('dossier-children').innerText()).not.toMatch(/排名|排行/);
    expect(await page.getByTestId('children-median').innerText()).toContain('中位数');
    expect(await page.getByTestId('open-red').innerText()).toContain(String(county.openCases.red));
    expect(await page.locator('[data-testid="thematic-legend"] li').count()).toBeGreaterThan(1);
    const colouredTowns = await page.evaluate(() => {
      const map = (window as unknown as { __gridmap: { map: import('maplibre-gl').Map } }).__gridmap.map;
      return map.queryRenderedFeatures({ layers: ['drill-child-fill-town'] }).length;
    });
    expect(colouredTowns).toBeGreaterThan(0);
    writeFileSync(`${screenshotDir}/drill-county.png`, await page.screenshot());
  });

  it('drills county → town (child list) → village (map click) → group (child list) with the dossier of each', async () => {
    const { page } = watched;
    const town = county.children[0]!;
    await page.locator(`[data-testid="child-list"] a[data-code="${town.code}"]`).click();
    await waitForDrilled(page, town.code);
    expect(page.url()).toBe(`${baseUrl}/map/${town.code}`);
    expect(await page.getByTestId('crumbs').innerText()).toContain(county.grid.name);

    const townDossier = await dossierOf(town.code);
    let village = null;
    for (const candidate of townDossier.children) {
      if (candidate.labelPoint && (await clickMapAt(page, candidate.labelPoint as [number, number]))) {
        village = candidate;
        break;
      }
    }
    expect(village).not.toBeNull();
    await waitForDrilled(page, village!.code);

    const villageDossier = await dossierOf(village!.code);
    const group = villageDossier.children[0]!;
    await page.locator(`[data-testid="child-list"] a[data-code="${group.code}"]`).click();
    await waitForDrilled(page, group.code);

    const groupDossier = await dossierOf(group.code);
    expect(await page.getByTestId('households-total').innerText()).toBe(String(groupDossier.households.total));
    expect(await page.getByTestId('households-linked').innerText()).toBe(String(groupDossier.households.linked));
    expect(await page.getByTestId('cameras-online').innerText()).toBe(String(groupDossier.cameras.online));
    expect(await page.getByTestId('cameras-offline').innerText()).toBe(String(groupDossier.cameras.offline));
    const crumbs = await page.getByTestId('crumbs').innerText();
    for (const name of [county.grid.name, town.name, village!.name, group.name]) expect(crumbs).toContain(name);
    if (groupDossier.linkQuota.listed && groupDossier.linkQuota.members.length > 0) {
      expect(await page.locator('[data-testid="quota-table"] tbody tr').count()).toBe(
        groupDossier.linkQuota.members.length,
      );
    }
    if (groupDossier.team.missing.length > 0) {
      expect(await page.getByTestId('team-missing').isVisible()).toBe(true);
    }
    expect(await page.locator('[data-testid="trend-cases"] svg title').textContent()).toBeTruthy();
    writeFileSync(`${screenshotDir}/drill-group.png`, await page.screenshot());

    // Back returns to the village, Forward to the group.
    await page.goBack();
    await waitForDrilled(page, village!.code);
    await page.goForward();
    await waitForDrilled(page, group.code);
  });

  it('exports the map with the dossier as a PNG and links the CSV of the children', async () => {
    const { page } = watched;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
    const file = await download.path();
    const png = readFileSync(file);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.length).toBeGreaterThan(20_000);
    writeFileSync(`${screenshotDir}/drill-export.png`, png);
  });

  it('logged no console error and sent no request off the machine', () => {
    expect(watched.errors).toEqual([]);
    expect(watched.offMachineRequests).toEqual([]);
  });
});

describe('deep links and the keyboard', () => {
  it('opens a village straight from its link, with its crumbs', async () => {
    const county = await dossierOf('620724');
    const town = await dossierOf(county.children[1]!.code);
    const village = town.children[0]!;
    const { page, errors } = await openSignedIn(`/map/${village.code}`);
    await waitForDrilled(page, village.code);
    const crumbs = await page.getByTestId('crumbs').innerText();
    expect(crumbs).toContain(town.grid.name);
    expect(crumbs).toContain(village.name);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('shows 没有这个网格 for an unknown code, with a way back to the county', async () => {
    const { page, errors } = await openSignedIn('/map/620724999999');
    await page.waitForSelector('[data-testid="grid-not-found"]', { timeout: 60_000 });
    expect(await page.getByTestId('grid-not-found').innerText()).toContain('没有这个网格');
    await page.getByTestId('grid-not-found-back').click();
    await waitForDrilled(page, '620724');
    expect(await page.getByTestId('grid-not-found').count()).toBe(0);
    // The browser logs the designed 404 of the unknown grid; nothing else may fail.
    expect(errors.filter((error) => !/status of 404/.test(error))).toEqual([]);
    await page.context().close();
  });

  it('drills with Enter on a focused child and a crumb, and goes up with Escape and Backspace', async () => {
    const county = await dossierOf('620724');
    const town = county.children[2]!;
    const { page, errors } = await openSignedIn('/');
    await waitForDrilled(page, '620724');
    await page.locator(`[data-testid="child-list"] a[data-code="${town.code}"]`).focus();
    await page.keyboard.press('Enter');
    await waitForDrilled(page, town.code);
    const village = (await dossierOf(town.code)).children[0]!;
    await page.locator(`[data-testid="child-list"] a[data-code="${village.code}"]`).focus();
    await page.keyboard.press('Enter');
    await waitForDrilled(page, village.code);

    await page.locator('body').focus();
    await page.keyboard.press('Escape');
    await waitForDrilled(page, town.code);
    await page.keyboard.press('Backspace');
    await waitForDrilled(page, '620724');

    // Tab reaches the crumbs: from a town, the county crumb is the first link of the page's nav.
    await page.locator(`[data-testid="child-list"] a[data-code="${town.code}"]`).click();
    await waitForDrilled(page, town.code);
    await page.locator('[data-testid="crumbs"] a').first().focus();
    await page.keyboard.press('Enter');
    await waitForDrilled(page, '620724');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('flies to a village found with the search box (typing, arrow keys, Enter), and opens a case by serial', async () => {
    const county = await dossierOf('620724');
    const village = (await dossierOf(county.children[3]!.code)).children[1]!;
    const { page, errors } = await openSignedIn('/');
    await waitForDrilled(page, '620724');
    await page.getByTestId('search-input').fill(village.name);
    await page.waitForSelector(`[data-testid="search-results"] [data-key="${village.code}"]`);
    const options = await page
      .locator('[data-testid="search-results"] [role="option"]')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-key')));
    const index = options.indexOf(village.code);
    for (let step = 0; step < index; step += 1) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await waitForDrilled(page, village.code);

    // A case serial opens the case in its group, ringed on the map.
    const cases = await admin.json<{ features: { properties: { serial: string; groupCode: string } }[] }>(
      `/api/cases?grid=${village.code}&status=all&limit=1`,
    );
    const found = cases.features[0]!.properties;
    await page.getByTestId('search-input').fill(found.serial);
    await page.waitForSelector(`[data-testid="search-results"] [data-kind="case"][data-key="${found.serial}"]`);
    await page.click(`[data-testid="search-results"] [data-key="${found.serial}"]`);
    await page.waitForSelector(`[data-testid="case-detail"][data-serial="${found.serial}"]`, { timeout: 60_000 });
    await waitForDrilled(page, found.groupCode);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('the case list, streets and CSV exports', () => {
  it('filters the case list as the API does, opens a case from it, and exports the same filters as CSV', async () => {
    const county = await dossierOf('620724');
    const town = county.children[0]!;
    const { page, errors } = await openSignedIn(`/map/${town.code}`);
    await waitForDrilled(page, town.code);
    await page.getByTestId('tab-cases').click();
    await page.getByTestId('filter-status').selectOption('all');
    await page.getByTestId('filter-category').selectOption('neighbour_dispute');
    const expected = await admin.json<{ features: { properties: { serial: string } }[]; truncated: boolean }>(
      `/api/cases?grid=${town.code}&status=all&category=neighbour_dispute&limit=300`,
    );
    await expect
      .poll(() => page.locator('[data-testid="case-list"] li button[data-serial]').count())
      .toBe(expected.features.length);
    const csvHref = await page.getByTestId('cases-csv').getAttribute('href');
    expect(csvHref).toContain(`grid=${town.code}`);
    expect(csvHref).toContain('status=all');
    expect(csvHref).toContain('category=neighbour_dispute');
    const csv = await page.request.get(`${baseUrl}${csvHref}`);
    expect(csv.ok()).toBe(true);
    expect(csv.headers()['content-type']).toContain('text/csv');
    const rows = (await csv.text()).trim().split(/\r?\n/);
    if (!expected.truncated) expect(rows.length - 1).toBe(expected.features.length);

    const children = await page.request.get(`${baseUrl}${await page.getByTestId('children-csv').getAttribute('href')}`);
    expect(children.ok()).toBe(true);
    expect((await children.text()).trim().split(/\r?\n/).length - 1).toBe((await dossierOf(town.code)).children.length);

    const first = expected.features[0]!.properties.serial;
    await page.locator(`[data-testid="case-list"] button[data-serial="${first}"]`).click();
    await page.waitForSelector(`[data-testid="case-detail"][data-serial="${first}"]`);
    expect(page.url()).toContain(`case=${first}`);
    await page.getByTestId('case-back').click();
    await page.waitForSelector('[data-testid="case-list"]');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('highlights a street chosen in the dossier and flies to it', async () => {
    const county = await dossierOf('620724');
    // The first village of the first town that has a responsibility street.
    let village: GridDossier | null = null;
    for (const child of (await dossierOf(county.children[0]!.code)).children) {
      village = await dossierOf(child.code);
      if (village.streets.list.length > 0) break;
    }
    const street = village!.streets.list[0]!;
    const code = village!.grid.code;
    const { page, errors } = await openSignedIn(`/map/${code}`);
    await waitForDrilled(page, code);
    await page.locator(`[data-testid="dossier-streets"] button[data-street="${street.id}"]`).click();
    await page.waitForURL(`${baseUrl}/map/${code}?street=${street.id}`);
    const highlighted = () =>
      page.evaluate(() => {
        const map = (window as unknown as { __gridmap: { map: import('maplibre-gl').Map } }).__gridmap.map;
        return map.queryRenderedFeatures({ layers: ['drill-street'] }).map((feature) => Number(feature.properties.id));
      });
    await expect.poll(highlighted, { timeout: 20_000 }).toContain(street.id);
    expect(new Set(await highlighted())).toEqual(new Set([street.id]));
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('acting on a case from the panel', () => {
  it('accepts a new case from the panel; a second page showing it sees the change live', async () => {
    const county = await dossierOf('620724');
    const village = (await dossierOf(county.children[4]!.code)).children[0]!;
    const group = (await dossierOf(village.code)).children[0]!;
    const reported = await reportCase(group.labelPoint as [number, number], 'e2e 面板受理');
    expect(reported.status).toBe('registered');
    const path = `/map/${reported.groupCode}?case=${reported.serial}`;

    const watcher = await openSignedIn(path);
    const actor = await openSignedIn(path);
    for (const { page } of [watcher, actor]) {
      await page.waitForSelector(
        `[data-testid="case-detail"][data-serial="${reported.serial}"][data-status="registered"]`,
        { timeout: 60_000 },
      );
    }
    await actor.page.locator('[data-testid="case-actions"] textarea').fill('已电话联系双方');
    await actor.page.locator('[data-testid="case-actions"] button[data-action="accept"]').click();
    await actor.page.waitForSelector('[data-testid="case-outcome"][data-kind="done"]');
    await actor.page.waitForSelector('[data-testid="case-detail"][data-status="accepted"]');
    expect(await actor.page.locator('[data-testid="case-timeline"] li').last().innerText()).toContain('已电话联系双方');

    // The watcher did nothing: the change reached it through /live.
    await watcher.page.waitForSelector('[data-testid="case-detail"][data-status="accepted"]', { timeout: 20_000 });
    expect(await watcher.page.getByTestId('case-status').innerText()).toBe('受理');
    writeFileSync(`${screenshotDir}/drill-case.png`, await actor.page.screenshot());

    const stored = await admin.json<CaseRecord>(`/api/cases/${reported.serial}`);
    expect(stored.status).toBe('accepted');
    expect(watcher.errors).toEqual([]);
    expect(actor.errors).toEqual([]);
    await watcher.page.context().close();
    await actor.page.context().close();
  });

  it('explains a refusal when the case moved out of the role’s reach meanwhile, and changes nothing', async () => {
    const county = await dossierOf('620724');
    const village = (await dossierOf(county.children[5]!.code)).children[0]!;
    const group = (await dossierOf(village.code)).children[0]!;
    const reported = await reportCase(group.labelPoint as [number, number], 'e2e 越权拒绝');
    // At the village level, a village cadre may accept it…
    await admin.json(`/api/cases/${reported.serial}/actions`, { method: 'POST', body: { action: 'escalate' } });
    // The cadre's page hears nothing live (as on a slow link): it still shows the case as it was.
    const cadre = await openSignedIn(
      `/map/${reported.groupCode}?case=${reported.serial}`,
      `village-${village.code}`,
      (page) => page.routeWebSocket(/\/live$/, () => {}),
    );
    const accept = cadre.page.locator('[data-testid="case-actions"] button[data-action="accept"]');
    await accept.waitFor({ timeout: 60_000 });
    // …until the town takes it over while the page still shows the old level.
    await admin.json(`/api/cases/${reported.serial}/actions`, { method: 'POST', body: { action: 'escalate' } });
    const before = await admin.json<{ steps: unknown[] }>(`/api/cases/${reported.serial}`);
    await accept.click();

    const outcome = cadre.page.locator('[data-testid="case-outcome"]');
    await outcome.waitFor();
    expect(await outcome.getAttribute('data-kind')).not.toBe('done');
    expect(await outcome.innerText()).toMatch(/未办理|无权办理/);
    const after = await admin.json<{ steps: unknown[]; status: string; level: string }>(
      `/api/cases/${reported.serial}`,
    );
    expect(after.steps).toHaveLength(before.steps.length);
    expect([after.status, after.level]).toEqual(['registered', 'town_justice']);
    // The panel reloaded the case: it now offers the cadre nothing at the town level.
    await cadre.page.waitForSelector('[data-testid="case-no-actions"]');
    writeFileSync(`${screenshotDir}/drill-refused.png`, await cadre.page.screenshot());
    // The 409 (or 403) is the designed answer; no other error.
    expect(cadre.errors.filter((error) => !/status of (409|403)/.test(error))).toEqual([]);
    await cadre.page.context().close();
  });
});
