import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CaseRecord } from '../../server/src/contract/cases.js';
import type { GridDossier } from '../../server/src/contract/dossier.js';
import { closeBrowser, openWatchedPage, signIn } from '../support/browserPage.js';
import { signedInApi, type SignedInApi } from '../support/signedInApi.js';

const baseUrl = inject('baseUrl');
let admin: SignedInApi;

beforeAll(async () => {
  admin = await signedInApi(baseUrl, 'admin');
});

afterAll(() => closeBrowser());

/** 回访 (issue #14 part 6) from the case panel: the resident is dissatisfied, the case reopens. */
describe('the follow-up visit from the case panel', () => {
  it('offers one button per answer on a resolved case; 不满意 reopens it and the timeline shows the visit', async () => {
    const county = await admin.json<GridDossier>('/api/grids/620724/dossier');
    const village = (await admin.json<GridDossier>(`/api/grids/${county.children[2]!.code}/dossier`)).children[1]!;
    const group = (await admin.json<GridDossier>(`/api/grids/${village.code}/dossier`)).children[0]!;
    const [lon, lat] = group.labelPoint as [number, number];
    const reported = await admin.json<CaseRecord>('/api/cases', {
      method: 'POST',
      body: { lon, lat, category: 'neighbour_dispute', summary: 'e2e 回访不满意' },
    });
    for (const action of ['accept', 'mediate', 'resolve']) {
      await admin.json(`/api/cases/${reported.serial}/actions`, { method: 'POST', body: { action } });
    }

    const watched = await openWatchedPage({ width: 1360, height: 860 });
    const { page } = watched;
    await signIn(page, 'admin', { baseUrl });
    await page.goto(`${baseUrl}/map/${reported.groupCode}?case=${reported.serial}`);
    await page.waitForSelector(
      `[data-testid="case-detail"][data-serial="${reported.serial}"][data-status="resolved"]`,
      { timeout: 60_000 },
    );
    const buttons = page.locator('[data-testid="case-actions"] button[data-action="follow_up"]');
    expect(await buttons.allInnerTexts()).toEqual(['回访：满意', '回访：基本满意', '回访：不满意']);
    await page.locator('[data-testid="case-actions"] textarea').fill('积水仍未排净');
    await page.locator('[data-testid="case-actions"] button[data-satisfaction="dissatisfied"]').click();
    await page.waitForSelector('[data-testid="case-outcome"][data-kind="done"]');
    await page.waitForSelector('[data-testid="case-detail"][data-status="mediating"]');
    const last = page.locator('[data-testid="case-timeline"] li').last();
    expect(await last.getAttribute('data-action')).toBe('follow_up');
    expect(await last.innerText()).toContain('不满意');
    expect(await last.innerText()).toContain('积水仍未排净');

    const stored = await admin.json<CaseRecord>(`/api/cases/${reported.serial}`);
    expect(stored).toMatchObject({ status: 'mediating', reopens: 1, followUp: { satisfaction: 'dissatisfied' } });
    expect(watched.errors).toEqual([]);
    expect(watched.offMachineRequests).toEqual([]);
    await page.context().close();
  });
});
