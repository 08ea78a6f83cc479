import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { PublicVillageReply } from '../../server/src/contract/publicVillage.js';
import { closeBrowser, openWatchedPage } from '../support/browserPage.js';
import { signedInApi } from '../support/signedInApi.js';

const baseUrl = inject('baseUrl');
const screenshotDir = 'tests/e2e/screenshots';
const phone = { width: 390, height: 844 };

interface GridList {
  features: { properties: { code: string } }[];
}

/** The first village of the demo county whose public page has a published phone, as the API gives it. */
async function villageWithPublicPhone(): Promise<PublicVillageReply> {
  const admin = await signedInApi(baseUrl, 'admin');
  const villages = await admin.json<GridList>('/api/grids?level=village&simplify=500');
  for (const { properties } of villages.features.slice(0, 20)) {
    const reply = await fetch(`${baseUrl}/api/public/villages/${properties.code}`);
    expect(reply.status).toBe(200);
    const village = (await reply.json()) as PublicVillageReply;
    if (village.people.some((person) => person.phone)) return village;
  }
  throw new Error('none of the first 20 villages of the demo has a published phone');
}

let village: PublicVillageReply;

beforeAll(async () => {
  mkdirSync(screenshotDir, { recursive: true });
  village = await villageWithPublicPhone();
});

afterAll(() => closeBrowser());

describe('the public village page /p/<code> (一村一码)', () => {
  it('shows a phone with no session: the village, its groups, a tap-to-call phone, the month chart, no sign-in form', async () => {
    const watched = await openWatchedPage(phone);
    const { page } = watched;
    const asked: string[] = [];
    page.on('request', (request) => asked.push(new URL(request.url()).pathname));
    await page.goto(`${baseUrl}/p/${village.code}`);

    await expect.poll(() => page.getByTestId('public-village-name').innerText()).toBe(village.name);
    expect(await page.getByTestId('public-village-groups').locator('li').allInnerTexts()).toEqual(
      village.groups.map((group) => group.name),
    );
    const published = village.people.find((person) => person.phone)!;
    const call = page.locator(`[data-testid="public-village-people"] a[href="tel:${published.phone}"]`).first();
    expect(await call.isVisible()).toBe(true);
    expect(await page.getByTestId('public-village-cases').locator('g[data-month]').count()).toBe(12);
    // The map draws the public outline itself: a canvas, and no tile or style request.
    await page.locator('[data-testid="public-village-map"] canvas').waitFor();
    const mapBox = await page.getByTestId('public-village-map').boundingBox();
    expect(mapBox?.height ?? 0, 'the map keeps its height in the scrolling page').toBeGreaterThan(150);
    expect(mapBox?.width ?? 0).toBeGreaterThan(300);
    expect(asked.filter((path) => path.startsWith('/tiles/') || path === '/style.json')).toEqual([]);
    expect(await page.getByTestId('login-username').count()).toBe(0);
    expect(await page.getByTestId('app-title').count()).toBe(0);
    writeFileSync(`${screenshotDir}/public-village-phone.png`, await page.screenshot());

    // 投诉建议 leads to the published phones and the residents' message form.
    await page.getByTestId('public-village-feedback').click();
    const contact = page.getByTestId('public-village-contact');
    // In the viewport, not only in the page: scrolled to.
    await expect.poll(async () => (await contact.boundingBox())?.y ?? Infinity).toBeLessThan(phone.height);
    expect(await contact.locator(`a[href="tel:${published.phone}"]`).count()).toBe(1);
    await expect.poll(() => page.url()).toMatch(/#contact$/);
    writeFileSync(`${screenshotDir}/public-village-contact.png`, await page.screenshot());

    expect(watched.errors).toEqual([]);
    expect(watched.offMachineRequests).toEqual([]);
    await page.context().close();
  });

  it('takes a resident’s 投诉建议 with no account, which the county administrator then reads', async () => {
    const watched = await openWatchedPage(phone);
    const { page } = watched;
    await page.goto(`${baseUrl}/p/${village.code}`);
    await page.getByTestId('public-village-feedback').click();
    const form = page.getByTestId('public-feedback-form');
    await form.waitFor();
    const text = `村口路灯不亮 ${Date.now()}`;
    await form.getByLabel('建议').check();
    await page.getByTestId('public-feedback-text').fill(text);
    await page.getByTestId('public-feedback-contact').fill('1391234');
    expect(await page.getByTestId('public-feedback-send').isDisabled()).toBe(true);
    await page.getByTestId('public-feedback-contact').fill('13912345678');
    await page.getByTestId('public-feedback-send').click();
    const sent = page.getByTestId('public-feedback-sent');
    await sent.waitFor({ timeout: 20_000 });
    const id = Number(/编号 (\d+)/.exec(await sent.innerText())?.[1]);
    expect(id).toBeGreaterThan(0);
    writeFileSync(`${screenshotDir}/public-village-feedback.png`, await page.screenshot());
    const admin = await signedInApi(baseUrl, 'admin');
    const inbox = await admin.json<{
      items: { id: number; text: string; kind: string; sender: unknown; grid: string; contact: string }[];
    }>('/api/feedback');
    expect(inbox.items.find((item) => item.id === id)).toMatchObject({
      text,
      kind: 'suggestion',
      sender: null,
      grid: village.code,
      contact: '139****5678',
    });
    expect(watched.errors).toEqual([]);
    expect(watched.offMachineRequests).toEqual([]);
    await page.context().close();
  });

  it('says so in English when the visitor switches the language', async () => {
    const watched = await openWatchedPage(phone);
    const { page } = watched;
    await page.goto(`${baseUrl}/p/${village.code}`);
    await page.getByTestId('language-en').click();
    await expect.poll(() => page.getByTestId('public-village-report').innerText()).toMatch(/Report/);
    expect(await page.getByTestId('public-village-feedback').innerText()).toMatch(/Complaints/);
    expect(watched.errors).toEqual([]);
    await page.context().close();
  });

  it('tells a visitor plainly that a code names no village', async () => {
    const watched = await openWatchedPage(phone);
    const { page } = watched;
    // A town's code is well-formed but no village: the API answers 404 (logged by Chromium as a console error).
    const townCode = `${village.code.slice(0, 9)}000`;
    await page.goto(`${baseUrl}/p/${townCode}`);
    await expect.poll(() => page.getByTestId('public-village-failed').innerText()).toContain(townCode);
    expect(watched.errors.filter((error) => !/status of 404/.test(error))).toEqual([]);
    await page.context().close();
  });
});
