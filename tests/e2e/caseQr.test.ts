import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CaseReportReply } from '../../server/src/contract/caseQr.js';
import { closeBrowser, openWatchedPage, signIn } from '../support/browserPage.js';
import { signedInApi } from '../support/signedInApi.js';

const baseUrl = inject('baseUrl');
const phone = { width: 390, height: 844 };

interface CaseList {
  features: { geometry: { coordinates: [number, number] } }[];
}

/** A case the administrator reports now, at the place of a case the demo already has (inside a group grid). */
async function reportedCase(): Promise<CaseReportReply> {
  const admin = await signedInApi(baseUrl, 'admin');
  const { scope } = await admin.json<{ scope: { code: string } }>('/api/session');
  const cases = await admin.json<CaseList>(`/api/cases?grid=${scope.code}&status=all&limit=1`);
  const [lon, lat] = cases.features[0]!.geometry.coordinates;
  return admin.json<CaseReportReply>('/api/cases', {
    method: 'POST',
    body: { lon, lat, category: 'environment', summary: '二维码回执测试：渠边垃圾' },
  });
}

let reported: CaseReportReply;

beforeAll(async () => {
  reported = await reportedCase();
});

afterAll(() => closeBrowser());

describe('the case link /c/<serial> (一案一码)', () => {
  it('takes a signed-in administrator to the case on the map', async () => {
    const watched = await openWatchedPage();
    const { page } = watched;
    await signIn(page, 'admin');
    await page.goto(`${baseUrl}/c/${reported.serial}`);
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/map/${reported.groupCode}`);
    expect(new URL(page.url()).searchParams.get('case')).toBe(reported.serial);
    await expect
      .poll(() => page.getByTestId('case-detail').getAttribute('data-serial'), { timeout: 20_000 })
      .toBe(reported.serial);
    expect(watched.errors).toEqual([]);
    expect(watched.offMachineRequests).toEqual([]);
    await page.context().close();
  });

  it('shows a signed-out visitor with the check code the status and dates only', async () => {
    const watched = await openWatchedPage(phone);
    const { page } = watched;
    await page.goto(`${baseUrl}/c/${reported.serial}`);
    // No code in the link: a field asks for it.
    await page.getByTestId('case-link-code').fill(reported.checkCode.toLowerCase());
    await page.getByTestId('case-link-code').press('Enter');
    await expect.poll(() => page.getByTestId('case-progress-status').innerText()).toBe('已登记');
    expect(new URL(page.url()).searchParams.get('code')).toBe(reported.checkCode.toLowerCase());
    const text = await page.getByTestId('case-link').innerText();
    expect(text).toContain(reported.serial);
    expect(text).toContain('登记');
    expect(text).not.toContain(reported.summary);
    expect(text).not.toContain(reported.groupCode);
    expect(await page.getByTestId('login-username').count()).toBe(0);
    expect(watched.errors).toEqual([]);
    expect(watched.offMachineRequests).toEqual([]);
    await page.context().close();
  });
});
