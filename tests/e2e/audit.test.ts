import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { closeBrowser, openWatchedPage, signIn, type WatchedPage } from '../support/browserPage.js';
import { signedInApi } from '../support/signedInApi.js';

const baseUrl = inject('baseUrl');

afterAll(() => closeBrowser());

describe('the audit log at /audit, as the auditor', () => {
  let watched: WatchedPage;

  beforeAll(async () => {
    // A sign-in is itself audited: this gives the log an entry of the county administrator's.
    await signedInApi(baseUrl, 'admin');
    watched = await openWatchedPage();
    await signIn(watched.page, 'auditor');
    await watched.page.goto(`${baseUrl}/audit`);
    await watched.page.getByTestId('audit-entry').first().waitFor();
  });

  afterAll(async () => {
    await watched.page.context().close();
  });

  it('lists entries newest first, with who, when, what and on which object', async () => {
    const { page } = watched;
    const ids = await page
      .getByTestId('audit-entry')
      .evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-id'))));
    expect(ids.length).toBeGreaterThan(0);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const actions = await page.getByTestId('audit-action-code').allInnerTexts();
    expect(actions).toContain('session.login');
    expect(await page.getByTestId('session-role').innerText()).toBe('审计员');
  });

  it('narrows the list by actor and action, and opens a row to show before and after side by side', async () => {
    const { page } = watched;
    await page.getByTestId('audit-actor').fill('admin');
    await page.getByTestId('audit-action').fill('session.login');
    await page.getByTestId('audit-action').press('Enter');
    await expect
      .poll(async () => [...new Set(await page.getByTestId('audit-actor-name').allInnerTexts())])
      .toEqual(['admin']);
    expect([...new Set(await page.getByTestId('audit-action-code').allInnerTexts())]).toEqual(['session.login']);

    const first = page.getByTestId('audit-entry').first();
    await first.getByTestId('audit-expand').click();
    expect(await first.getByTestId('audit-expand').getAttribute('aria-expanded')).toBe('true');
    const change = first.getByTestId('audit-change');
    await change.waitFor();
    // A sign-in records the role and scope after it, nothing before.
    const roleLine = change.locator('tbody tr', { hasText: 'role' });
    expect(await roleLine.locator('td.before').innerText()).toBe('');
    expect(await roleLine.locator('td.after').innerText()).toBe('county_admin');
    expect(await roleLine.getAttribute('data-changed')).toBe('true');
  });

  it('exports the entries listed as CSV through the 导出 CSV link, with the same filters', async () => {
    const { page } = watched;
    const link = page.getByTestId('audit-csv');
    expect(await link.innerText()).toBe('导出 CSV');
    const href = new URL((await link.getAttribute('href'))!, baseUrl);
    expect(href.pathname).toBe('/api/audit.csv');
    expect(Object.fromEntries(href.searchParams)).toEqual({ actor: 'admin', action: 'session.login' });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const text = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const lines = text.trim().split(/\r?\n/);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((line) => line.includes('session.login') && line.includes('admin'))).toBe(true);
    expect(watched.errors).toEqual([]);
    expect(watched.offMachineRequests).toEqual([]);
  });
});

describe('the audit log for a role that may not read it', () => {
  it('shows a town leader a clear 无权限 page and no entries', async () => {
    const { page, errors } = await openWatchedPage();
    const towns = await (
      await signedInApi(baseUrl, 'admin')
    ).json<{ features: { properties: { code: string } }[] }>('/api/grids?level=town&parent=620724&simplify=500');
    await signIn(page, `town-${towns.features[0]!.properties.code}`);
    await page.goto(`${baseUrl}/audit`);
    const notice = page.getByTestId('no-access');
    await notice.waitFor();
    expect(await notice.innerText()).toContain('无权限');
    expect(await notice.innerText()).toContain('镇领导');
    expect(await page.getByTestId('audit').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
