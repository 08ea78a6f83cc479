import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { closeBrowser, openWatchedPage, signIn, type WatchedPage } from '../support/browserPage.js';
import { signedInApi, type SignedInApi } from '../support/signedInApi.js';

// The planner's editor (issue #5) end to end, on the e2e server's private embedded database: the
// publish at the end changes only that database.

const baseUrl = inject('baseUrl');
const screenshotDir = 'tests/e2e/screenshots';

type Position = [number, number];
interface PlanGrid {
  type: 'Feature';
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: Position[][] | Position[][][] };
  properties: { code: string; version: number; level: string; parentCode: string };
}
interface PlanGrids {
  features: PlanGrid[];
}

const key = (p: Position) => `${p[0]},${p[1]}`;
function ringsOf(geometry: PlanGrid['geometry']): Position[][] {
  return geometry.type === 'Polygon'
    ? (geometry.coordinates as Position[][])
    : (geometry.coordinates as Position[][][]).flat();
}
function vertexKeys(geometry: PlanGrid['geometry']): Set<string> {
  return new Set(ringsOf(geometry).flatMap((ring) => ring.map(key)));
}
function centreOf(geometry: PlanGrid['geometry']): Position {
  const ring = ringsOf(geometry)[0]!.slice(0, -1);
  return [ring.reduce((s, p) => s + p[0], 0) / ring.length, ring.reduce((s, p) => s + p[1], 0) / ring.length];
}

/** Moves the editor map so `at` is in the middle at `zoom`, and waits for the frame. */
async function jumpTo(page: Page, at: Position, zoom: number) {
  await page.evaluate(
    ([lon, lat, z]) =>
      new Promise<void>((resolve) => {
        const map = (window as unknown as { __gridmapPlan: { map: import('maplibre-gl').Map } }).__gridmapPlan.map;
        map.once('idle', () => resolve());
        map.jumpTo({ center: [lon!, lat!], zoom: z! });
      }),
    [at[0], at[1], zoom],
  );
}

/** The page position of a longitude/latitude on the editor map. */
async function pagePixel(page: Page, at: Position): Promise<Position> {
  const [x, y] = await page.evaluate(
    (position) =>
      (window as unknown as { __gridmapPlan: { pixelOf(p: number[]): [number, number] } }).__gridmapPlan.pixelOf(
        position,
      ),
    at,
  );
  const box = (await page.getByTestId('plan-map').boundingBox())!;
  return [box.x + x, box.y + y];
}

/** Drags the vertex at `from` by (dx, dy) pixels with the mouse, as a person would. */
async function dragVertex(page: Page, from: Position, dx: number, dy: number) {
  const [x, y] = await pagePixel(page, from);
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx / 2, y + dy / 2, { steps: 4 });
  await page.mouse.move(x + dx, y + dy, { steps: 4 });
  await page.mouse.up();
}

async function selectGrid(page: Page, code: string) {
  await page.getByTestId('panel-balance').click();
  await page.locator(`[data-testid="plan-balance"] td[title="${code}"]`).click();
}

/** Waits for what the server's answer changes on the page (a save, a check) — longer than expect.poll's 1 s. */
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000, interval: 100 });

/** Changes the editor saved so far (each drag, each undo). */
const revision = async (page: Page) => Number(await page.getByTestId('plan-editor').getAttribute('data-revision'));

afterAll(async () => {
  await closeBrowser();
});

describe('the plan editor at /plan', () => {
  let watched: WatchedPage;
  let api: SignedInApi;
  let planId: string;
  let village: { code: string; geometry: PlanGrid['geometry'] };

  beforeAll(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    api = await signedInApi(baseUrl, 'planner');
    watched = await openWatchedPage({ width: 1400, height: 900 });
    await signIn(watched.page, 'planner');
  });

  afterAll(async () => {
    await watched.page.context().close();
  });

  it('creates a plan for a village from the list page and opens it in the editor', async () => {
    const { page } = watched;
    await page.goto(`${baseUrl}/plan`);
    await page.getByTestId('plan-list').waitFor();
    const town = page.getByTestId('plan-scope-town').first();
    await eventually(() => town.locator('option').count()).toBeGreaterThan(1);
    await town.selectOption({ index: 1 });
    const villages = page.getByTestId('plan-scope-village').first();
    await eventually(() => villages.locator('option').count()).toBeGreaterThan(1);
    await villages.selectOption({ index: 1 });
    const villageCode = await villages.inputValue();
    await page.getByTestId('plan-create-name').fill('e2e 调整方案');
    await page.getByTestId('plan-create-submit').click();
    await page.waitForURL(/\/plan\/[0-9]+$/);
    planId = new URL(page.url()).pathname.split('/').pop()!;
    await page.waitForSelector('[data-testid="plan-editor"][data-ready="true"]', { timeout: 60_000 });
    expect(await page.getByTestId('plan-name').innerText()).toBe('e2e 调整方案');
    await eventually(() => page.getByTestId('plan-lock').innerText()).toContain('你正在编辑');
    const grid = await api.json<{ geometry: PlanGrid['geometry'] }>(`/api/grids/${villageCode}`);
    village = { code: villageCode, geometry: grid.geometry };
    await eventually(() => page.getByTestId('plan-validation').getAttribute('data-ok')).toBe('true');
    await page.getByTestId('panel-balance').click();
    writeFileSync(`${screenshotDir}/plan-editor.png`, await page.screenshot());
  });

  it('drags a shared vertex and both neighbouring groups follow, saved together', async () => {
    const { page } = watched;
    const before = await api.json<PlanGrids>(`/api/plans/${planId}/grids`);
    // A vertex inside the village that groups share: every edge at it is shared by two groups (a
    // vertex on the village outline, even one between outline vertices, has an edge of one group).
    const owners = new Map<string, Set<string>>();
    const edgeCounts = new Map<string, number>();
    const edgesAt = new Map<string, Set<string>>();
    for (const grid of before.features) {
      for (const ring of ringsOf(grid.geometry)) {
        for (let i = 0; i + 1 < ring.length; i++) {
          const [a, b] = [key(ring[i]!), key(ring[i + 1]!)];
          const edge = a < b ? `${a};${b}` : `${b};${a}`;
          edgeCounts.set(edge, (edgeCounts.get(edge) ?? 0) + 1);
          for (const end of [a, b]) edgesAt.set(end, (edgesAt.get(end) ?? new Set()).add(edge));
          owners.set(a, (owners.get(a) ?? new Set()).add(grid.properties.code));
        }
      }
    }
    const [sharedKey, ownerSet] = [...owners].find(
      ([k, codes]) => codes.size >= 2 && [...edgesAt.get(k)!].every((edge) => edgeCounts.get(edge) === 2),
    )!;
    const codes = [...ownerSet];
    const vertex = sharedKey.split(',').map(Number) as Position;

    await page.getByTestId('tool-vertex').click();
    await selectGrid(page, codes[0]!);
    await jumpTo(page, vertex, 17);
    await dragVertex(page, vertex, 14, 9);
    await eventually(() => revision(page)).toBe(1);

    const after = await api.json<PlanGrids>(`/api/plans/${planId}/grids`);
    const byCode = (list: PlanGrids, code: string) => list.features.find((f) => f.properties.code === code)!;
    const moved = codes.map((code) => byCode(after, code));
    for (const [i, grid] of moved.entries()) {
      expect(grid.properties.version).toBe(byCode(before, codes[i]!).properties.version + 1);
      expect(vertexKeys(grid.geometry).has(sharedKey)).toBe(false);
    }
    // The groups still share one vertex where the old one was: the same new position in each.
    const newInFirst = [...vertexKeys(moved[0]!.geometry)].filter(
      (k) => !vertexKeys(byCode(before, codes[0]!).geometry).has(k),
    );
    expect(newInFirst).toHaveLength(1);
    for (const grid of moved) expect(vertexKeys(grid.geometry).has(newInFirst[0]!)).toBe(true);
    // One edge moved, not two copies of it: no gap and no overlap opened.
    expect((await api.json<{ ok: boolean }>(`/api/plans/${planId}/validation`)).ok).toBe(true);
  });

  it('marks the gap a moved outline vertex leaves, with its area, and disables publishing; undo fixes it', async () => {
    const { page } = watched;
    const grids = await api.json<PlanGrids>(`/api/plans/${planId}/grids`);
    const outline = vertexKeys(village.geometry);
    const grid = grids.features.find((f) => [...vertexKeys(f.geometry)].some((k) => outline.has(k)))!;
    const corner = [...vertexKeys(grid.geometry)]
      .find((k) => outline.has(k))!
      .split(',')
      .map(Number) as Position;
    await selectGrid(page, grid.properties.code);
    await jumpTo(page, corner, 17);
    // Towards the group's inside: the village outline stays, so a gap opens between them.
    const [cx, cy] = await pagePixel(page, centreOf(grid.geometry));
    const [vx, vy] = await pagePixel(page, corner);
    const length = Math.hypot(cx - vx, cy - vy);
    await dragVertex(page, corner, ((cx - vx) / length) * 45, ((cy - vy) / length) * 45);
    await eventually(() => revision(page)).toBe(2);

    await page.getByTestId('panel-validation').click();
    await eventually(() => page.getByTestId('plan-validation').getAttribute('data-ok')).toBe('false');
    const gap = page.locator('[data-testid="plan-problem"][data-kind="gap"]');
    await eventually(() => gap.count()).toBeGreaterThan(0);
    expect(await gap.first().innerText()).toMatch(/缝隙.*(m²|ha)/);
    expect(await page.getByTestId('plan-publish').isDisabled()).toBe(true);
    // A click on the problem frames it on the map, where it is marked.
    await gap.first().getByTestId('plan-problem-show').click();
    await eventually(() =>
      page.evaluate(() => {
        const map = (window as unknown as { __gridmapPlan: { map: import('maplibre-gl').Map } }).__gridmapPlan.map;
        return map.queryRenderedFeatures({ layers: ['plan-problem-point'] }).length;
      }),
    ).toBeGreaterThan(0);
    writeFileSync(`${screenshotDir}/plan-gap.png`, await page.screenshot());

    await page.getByTestId('tool-undo').click();
    await eventually(() => revision(page)).toBe(3);
    await eventually(() => page.getByTestId('plan-validation').getAttribute('data-ok')).toBe('true');
    await eventually(() => page.getByTestId('plan-publish').isDisabled()).toBe(false);
  });

  it('refuses a save over a change someone else made, names it, and reloads on request; nothing is overwritten', async () => {
    const { page } = watched;
    const grids = await api.json<PlanGrids>(`/api/plans/${planId}/grids`);
    const grid = grids.features[0]!;
    // Someone saves the grid (same outline, new version) behind the editor's back.
    const saved = await api.json<{ version: number }>(`/api/plans/${planId}/grids/${grid.properties.code}`, {
      method: 'PUT',
      body: { geometry: grid.geometry, version: grid.properties.version },
    });
    const corner = ringsOf(grid.geometry)[0]![0]!;
    await selectGrid(page, grid.properties.code);
    await jumpTo(page, corner, 17);
    await dragVertex(page, corner, 12, 12);
    await eventually(() => page.getByTestId('plan-notice').getAttribute('data-kind')).toBe('conflict');
    const after = await api.json<PlanGrids>(`/api/plans/${planId}/grids`);
    const same = after.features.find((f) => f.properties.code === grid.properties.code)!;
    expect(same.properties.version).toBe(saved.version);
    expect(same.geometry).toEqual(grid.geometry);
    await page.getByTestId('plan-reload').click();
    await eventually(() => page.getByTestId('plan-notice').count()).toBe(0);
    await page.getByTestId('panel-validation').click();
    await eventually(() => page.getByTestId('plan-validation').getAttribute('data-ok')).toBe('true');
  });

  it('shows a second planner who holds the plan, and keeps their tools off', async () => {
    const other = await openWatchedPage();
    await signIn(other.page, 'admin');
    await other.page.goto(`${baseUrl}/plan/${planId}`);
    await other.page.waitForSelector('[data-testid="plan-editor"][data-ready="true"]', { timeout: 60_000 });
    await eventually(() => other.page.getByTestId('plan-lock').innerText()).toContain('planner 正在编辑');
    expect(await other.page.getByTestId('tool-vertex').isDisabled()).toBe(true);
    expect(await other.page.getByTestId('plan-publish').isDisabled()).toBe(true);
    // The refused lock (409) is the only thing the browser logged.
    expect(other.errors.filter((error) => !/status of 409/.test(error))).toEqual([]);
    await other.page.context().close();
  });

  it('previews the impact with the same counts the API reports', async () => {
    const { page } = watched;
    await page.getByTestId('panel-impact').click();
    await page.getByTestId('plan-impact-load').click();
    const impact = await api.json<Record<string, { count: number }> & { grids: { changed: string[] } }>(
      `/api/plans/${planId}/impact`,
    );
    for (const group of ['households', 'streets', 'cameras', 'staff', 'openCases']) {
      await eventually(() => page.getByTestId(`impact-${group}`).getAttribute('data-count')).toBe(
        String(impact[group]!.count),
      );
    }
    // At least the two groups whose shared vertex moved.
    expect(impact.grids.changed.length).toBeGreaterThanOrEqual(2);
    await eventually(() => page.getByTestId('impact-grids').innerText()).toContain(
      `改动 ${impact.grids.changed.length}`,
    );
  });

  it('publishes, and the county map and the wall open in other pages redraw their grids without a reload', async () => {
    const { page } = watched;
    const viewer = await openWatchedPage();
    await signIn(viewer.page, 'planner');
    const tileRequests: string[] = [];
    viewer.page.on('request', (request) => {
      if (request.url().includes('/tiles/grids/')) tileRequests.push(request.url());
    });
    // #12 part 5: the map's grid-publish reload rides the page's one live connection.
    let viewerSockets = 0;
    viewer.page.on('websocket', () => viewerSockets++);
    await viewer.page.goto(`${baseUrl}/`);
    await viewer.page.waitForSelector('[data-testid="map"][data-ready="true"]', { timeout: 60_000 });
    // A marker on the window: a page reload would lose it.
    await viewer.page.evaluate(() => ((window as unknown as { marker: string }).marker = 'same page'));
    const wall = await openWatchedPage();
    let wallSockets = 0;
    wall.page.on('websocket', () => wallSockets++);
    await signIn(wall.page, 'wall');
    await wall.page.goto(`${baseUrl}/wall`);
    await wall.page.waitForSelector('[data-testid="wall-map"][data-ready="true"]', { timeout: 60_000 });
    await wall.page.evaluate(() => ((window as unknown as { marker: string }).marker = 'same page'));

    await page.getByTestId('plan-publish').click();
    await page.getByTestId('plan-publish-confirm').click();
    await page.getByTestId('plan-published').waitFor();
    const versions = await api.json<{ version: number }[]>(`/api/grid-versions?scope=${village.code}`);
    const published = Math.max(...versions.map((v) => v.version));
    expect(await page.getByTestId('plan-published').innerText()).toContain(String(published));

    await viewer.page.waitForSelector(`[data-testid="map"][data-grid-version="${published}"]`, { timeout: 30_000 });
    await eventually(() => tileRequests.some((url) => url.includes(`v=${published}`))).toBe(true);
    expect(await viewer.page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('same page');
    expect(viewerSockets).toBe(1);
    expect(viewer.errors).toEqual([]);
    await viewer.page.context().close();

    // The wall's map is the element MapLibre was given (`wall-map`): it carries the version too.
    await wall.page.waitForSelector(`[data-testid="wall-map"][data-grid-version="${published}"]`, { timeout: 30_000 });
    expect(await wall.page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('same page');
    expect(wallSockets).toBe(1);
    expect(wall.errors).toEqual([]);
    await wall.page.context().close();
  });

  it('imports a GeoJSON file and reports the feature it rejected and why', async () => {
    const { page } = watched;
    await page.goto(`${baseUrl}/plan`);
    const form = page.getByTestId('plan-import');
    const town = form.getByTestId('plan-scope-town');
    await eventually(() => town.locator('option').count()).toBeGreaterThan(1);
    await town.selectOption({ index: 1 });
    const villages = form.getByTestId('plan-scope-village');
    await eventually(() => villages.locator('option').count()).toBeGreaterThan(2);
    await villages.selectOption({ index: 2 });
    const scope = await villages.inputValue();
    const groups = await api.json<{ features: { geometry: unknown; properties: { code: string; name: string } }[] }>(
      `/api/grids?parent=${scope}&level=group`,
    );
    const bowtie = {
      type: 'Feature',
      properties: { name: '自相交' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [99.7, 39.3],
            [99.71, 39.31],
            [99.71, 39.3],
            [99.7, 39.31],
            [99.7, 39.3],
          ],
        ],
      },
    };
    const file = {
      type: 'FeatureCollection',
      features: [
        ...groups.features.map((f) => ({ type: 'Feature', geometry: f.geometry, properties: f.properties })),
        bowtie,
      ],
    };
    await form.getByTestId('plan-import-file').setInputFiles({
      name: 'groups.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify(file)),
    });
    await form.getByTestId('plan-import-submit').click();
    await form.getByTestId('plan-import-done').waitFor();
    expect(await form.getByTestId('plan-import-done').innerText()).toContain(`已导入 ${groups.features.length} 个网格`);
    const rejected = await form.getByTestId('plan-import-rejected').innerText();
    expect(rejected).toContain(`第 ${groups.features.length + 1} 个要素`);
    expect(rejected).toMatch(/Self-intersection|自相交|not valid/);
    await form.getByTestId('plan-import-open').click();
    await page.waitForSelector('[data-testid="plan-editor"][data-ready="true"]', { timeout: 60_000 });
    expect(await page.getByTestId('plan-name').innerText()).toBe('groups.geojson');
  });

  it('logged no console error but the refused save, and sent no request off the machine', () => {
    // Chromium logs every 4xx reply; the 409 of the conflict test is the designed answer.
    expect(watched.errors.filter((error) => !/status of 409/.test(error))).toEqual([]);
    expect(watched.offMachineRequests).toEqual([]);
  });
});
