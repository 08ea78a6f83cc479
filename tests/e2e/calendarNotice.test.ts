import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { closeBrowser, openWatchedPage, signIn, type WatchedPage } from '../support/browserPage.js';
import { signedInApi, type SignedInApi } from '../support/signedInApi.js';

const baseUrl = inject('baseUrl');

interface Coverage {
  coveredUntil: string | null;
  firstUncoveredDay: string | null;
}

afterAll(() => closeBrowser());

/**
 * The calendar banner (issue #17): the county administrator is told, on every page, when the next
 * 60 days are not all covered by a known holiday arrangement, and the banner goes once the year is
 * loaded. What it must show is read from the API, so the test holds on any date.
 */
describe('the working-day calendar banner', () => {
  let admin: SignedInApi;
  let watched: WatchedPage;
  const loaded: number[] = [];

  beforeAll(async () => {
    admin = await signedInApi(baseUrl, 'admin');
    watched = await openWatchedPage();
    await signIn(watched.page, 'admin');
  });

  afterAll(async () => {
    // Leave the shared demo database's calendar as it was.
    for (const year of loaded) await admin.json(`/api/calendar/years/${year}`, { method: 'DELETE' });
    await watched?.page.context().close();
  });

  async function bannerText(): Promise<string | null> {
    const { page } = watched;
    // The banner asks the API after sign-in: wait for that reply, then for the frame it renders in.
    const replied = page.waitForResponse((reply) => reply.url().endsWith('/api/calendar/coverage'));
    await page.goto(`${baseUrl}/`);
    await replied;
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    const banner = page.getByTestId('calendar-notice');
    return (await banner.count()) > 0 ? banner.innerText() : null;
  }

  it('shows the administrator where the calendar ends while the next 60 days are not covered, and not once they are', async () => {
    let coverage = await admin.json<Coverage>('/api/calendar/coverage');
    if (coverage.firstUncoveredDay) {
      const text = await bannerText();
      expect(text).toContain(`工作日历只覆盖到 ${coverage.coveredUntil ?? '—'}`);
      expect(text).toContain(`自 ${coverage.firstUncoveredDay} 起`);
      expect(text).toContain(`npm run calendar -- import`);
    }
    // Load test arrangements (not official ones) until the next 60 days are covered.
    while (coverage.firstUncoveredDay) {
      const year = Number(coverage.firstUncoveredDay.slice(0, 4));
      await admin.json(`/api/calendar/years/${year}`, {
        method: 'PUT',
        body: { holidays: [`${year}-01-01`], workdays: [] },
      });
      loaded.push(year);
      coverage = await admin.json<Coverage>('/api/calendar/coverage');
    }
    expect(await bannerText()).toBeNull();
  });

  it('is never shown to other roles', async () => {
    const planner = await openWatchedPage();
    try {
      await signIn(planner.page, 'planner');
      const asked: string[] = [];
      planner.page.on('request', (request) => asked.push(request.url()));
      await planner.page.goto(`${baseUrl}/plan`);
      await planner.page.getByTestId('session-role').waitFor();
      expect(await planner.page.getByTestId('calendar-notice').count()).toBe(0);
      expect(asked.some((url) => url.includes('/api/calendar'))).toBe(false);
    } finally {
      await planner.page.context().close();
    }
  });
});
