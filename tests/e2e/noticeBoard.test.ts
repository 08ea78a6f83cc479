import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { execFile as execFileCallback } from 'node:child_process';
import { promisify } from 'node:util';
import type { GridDossier } from '../../server/src/contract/dossier.js';
import { closeBrowser, openWatchedPage, signIn, type WatchedPage } from '../support/browserPage.js';
import { signedInApi, type SignedInApi } from '../support/signedInApi.js';

const baseUrl = inject('baseUrl');
const execFile = promisify(execFileCallback);

/** Pages of a downloaded PDF, by poppler's pdfinfo. */
async function pdfPages(file: string): Promise<number> {
  const info = (await execFile('pdfinfo', [file])).stdout;
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
}

/** 打印公示牌 in the grid dossier (issue #16 part 4): a village's boards with progress, a group's at once. */
describe('printing notice boards from the dossier, as the county administrator', () => {
  let admin: SignedInApi;
  let watched: WatchedPage;
  let village: GridDossier;

  beforeAll(async () => {
    admin = await signedInApi(baseUrl, 'admin');
    const county = await admin.json<GridDossier>('/api/grids/620724/dossier');
    const town = await admin.json<GridDossier>(`/api/grids/${county.children[0]!.code}/dossier`);
    village = await admin.json<GridDossier>(`/api/grids/${town.children[0]!.code}/dossier`);
    watched = await openWatchedPage({ width: 1360, height: 860 });
    await signIn(watched.page, 'admin', { baseUrl });
  });

  afterAll(async () => {
    expect(watched.errors).toEqual([]);
    expect(watched.offMachineRequests).toEqual([]);
    await watched.page.context().close();
    await closeBrowser();
  });

  it("shows a village's pages being drawn, then downloads its cover and a page per group", async () => {
    const { page } = watched;
    await page.goto(`${baseUrl}/map/${village.grid.code}`);
    await page.waitForSelector(`[data-testid="dossier"][data-code="${village.grid.code}"][data-state="ready"]`, {
      timeout: 60_000,
    });
    const button = page.getByTestId('print-board');
    expect(await button.innerText()).toBe('打印公示牌');
    const downloading = page.waitForEvent('download', { timeout: 60_000 });
    await button.click();
    // The job's first reply is always 'running' (pages 0 of total): the progress shows until the next poll at least.
    const progress = page.getByTestId('board-progress');
    await progress.waitFor();
    expect(await progress.innerText()).toMatch(new RegExp(`正在生成 \\d+/${1 + village.children.length} 页`));
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`${village.grid.code}-board.pdf`);
    expect(await pdfPages((await download.path())!)).toBe(1 + village.children.length);
    // The progress line went away with the download; the button is usable again.
    expect(await page.getByTestId('board-progress').count()).toBe(0);
    expect(await button.isEnabled()).toBe(true);
  });

  it("downloads a group's single page straight away", async () => {
    const { page } = watched;
    const group = village.children[0]!.code;
    await page.goto(`${baseUrl}/map/${group}`);
    await page.waitForSelector(`[data-testid="dossier"][data-code="${group}"][data-state="ready"]`, {
      timeout: 60_000,
    });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('print-board').click()]);
    expect(download.suggestedFilename()).toBe(`${group}-board.pdf`);
    expect(await pdfPages((await download.path())!)).toBe(1);
  });
});
