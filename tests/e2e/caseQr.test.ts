import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CaseReportReply } from '../../server/src/contract/caseQr.js';
import { closeBrowser, openWatchedPage, signIn } from '../support/browserPage.js';
import { signedInApi } from '../support/signedInApi.js';

const baseUrl = inject('baseUrl');
const phone = { width: 390, height: 844 };

interface GridList {
  features: { properties: { code: string; labelPoint: [number, number] | null } }[];
}

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
    // The slip: the QR code drawn from the API, a print button, and no check code for staff.
    await expect
      .poll(() => page.getByTestId('case-qr').evaluate((image) => (image as HTMLImageElement).naturalWidth))
      .toBeGreaterThan(0);
    expect(await page.getByTestId('case-slip-print').isVisible()).toBe(true);
    expect(await page.getByTestId('case-check-code').count()).toBe(0);
    expect(await page.getByTestId('case-detail').innerText()).not.toContain(reported.checkCode);
    expect(watched.errors).toEqual([]);
    expect(watched.offMachineRequests).toEqual([]);
    await page.context().close();
  });

  it('gives the reporter the check code and the QR code on the report page’s done view', async () => {
    const admin = await signedInApi(baseUrl, 'admin');
    const villages = await admin.json<GridList>('/api/grids?level=village&simplify=500');
    const village = villages.features.find((feature) => feature.properties.labelPoint !== null)!;
    const [longitude, latitude] = village.properties.labelPoint!;
    const watched = await openWatchedPage(phone);
    const { page } = watched;
    await signIn(page, `village-${village.properties.code}`);
    await page.context().grantPermissions(['geolocation'], { origin: baseUrl });
    await page.context().setGeolocation({ longitude, latitude, accuracy: 15 });
    await page.goto(`${baseUrl}/report`);
    await page.locator('[data-testid^="category-"]').first().click();
    await page.getByTestId('report-summary').fill('二维码回执测试：路灯不亮');
    await page.getByTestId('report-submit').click();
    const serial = await page.getByTestId('report-serial').innerText();
    const code = await page.getByTestId('case-check-code').innerText();
    expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/);
    await expect
      .poll(() => page.getByTestId('case-qr').evaluate((image) => (image as HTMLImageElement).naturalWidth))
      .toBeGreaterThan(0);
    expect(await page.getByTestId('case-slip-print').isVisible()).toBe(true);
    const progress = await fetch(`${baseUrl}/api/public/cases/${serial}?code=${code}`);
    expect(progress.status).toBe(200);
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
