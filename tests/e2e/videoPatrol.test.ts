import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { PatrolDay } from '../../server/src/contract/patrols.js';
import type { GridDossier } from '../../server/src/contract/dossier.js';
import { patrolSlotAt } from '../../server/src/domain/kpiPeriod.js';
import { closeBrowser, openWatchedPage, signIn, type WatchedPage } from '../support/browserPage.js';
import { signedInApi, type SignedInApi } from '../support/signedInApi.js';

const baseUrl = inject('baseUrl');
const screenshotDir = 'tests/e2e/screenshots';

/**
 * The online patrol as a by-product (issue #14 part 7): a village's dossier offers 查看本村视频; looking
 * lists its cameras and records the half day's patrol if it was not yet done — there is no patrol
 * or check-in button anywhere. A planner, who only reads, is not offered the look.
 */
describe('a village’s video patrol', () => {
  let admin: SignedInApi;
  let village: GridDossier;
  let watched: WatchedPage;

  beforeAll(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    admin = await signedInApi(baseUrl, 'admin');
    const county = await admin.json<GridDossier>('/api/grids/620724/dossier');
    const town = await admin.json<GridDossier>(`/api/grids/${county.children[0]!.code}/dossier`);
    village = await admin.json<GridDossier>(`/api/grids/${town.children[0]!.code}/dossier`);
    watched = await openWatchedPage({ width: 1360, height: 860 });
    await signIn(watched.page, 'admin', { baseUrl });
  });
  afterAll(async () => {
    await closeBrowser();
  });

  it('lists the village’s cameras when asked, and records the half day’s patrol by the look itself', async () => {
    const { page } = watched;
    const patrolsBefore = await admin.json<PatrolDay>(`/api/patrols?grid=${village.grid.code}`);
    const slot = patrolSlotAt(new Date());
    const doneBefore = patrolsBefore.villages[0]![slot];
    await page.goto(`${baseUrl}/map/${village.grid.code}`);
    await page.waitForSelector(`[data-testid="dossier"][data-code="${village.grid.code}"][data-state="ready"]`, {
      timeout: 60_000,
    });
    const section = page.getByTestId('dossier-cameras');
    expect(await section.innerText()).not.toMatch(/打卡|签到/);
    await page.getByTestId('open-village-cameras').click();
    const list = page.getByTestId('village-camera-list');
    await list.waitFor({ timeout: 20_000 });
    expect(await list.locator('li').count()).toBe(village.cameras.online + village.cameras.offline);
    const note = await page.getByTestId('village-cameras-patrol').innerText();
    const slotName = slot === 'am' ? '上午' : '下午';
    expect(note).toBe(doneBefore ? `今日${slotName}视频巡查已有记录` : `本次查看已记为今日${slotName}视频巡查`);
    const patrolsAfter = await admin.json<PatrolDay>(`/api/patrols?grid=${village.grid.code}`);
    expect(patrolsAfter.villages[0]![slot]).not.toBeNull();
    if (doneBefore) expect(patrolsAfter.villages[0]![slot]).toEqual(doneBefore);
    writeFileSync(`${screenshotDir}/village-cameras.png`, await page.screenshot());
  });

  it('does not offer the look to a planner, who only reads', async () => {
    const planner = await openWatchedPage({ width: 1360, height: 860 });
    await signIn(planner.page, 'planner', { baseUrl });
    await planner.page.goto(`${baseUrl}/map/${village.grid.code}`);
    await planner.page.waitForSelector(
      `[data-testid="dossier"][data-code="${village.grid.code}"][data-state="ready"]`,
      {
        timeout: 60_000,
      },
    );
    expect(await planner.page.getByTestId('dossier-cameras').isVisible()).toBe(true);
    expect(await planner.page.getByTestId('open-village-cameras').count()).toBe(0);
    await planner.page.context().close();
  });
});
