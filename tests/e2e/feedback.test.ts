import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { closeBrowser, openWatchedPage, signIn, type WatchedPage } from '../support/browserPage.js';

const baseUrl = inject('baseUrl');

afterAll(() => closeBrowser());

/**
 * 投诉建议 (issue #14 part 6): the planner sends a suggestion from the map view's title bar; the
 * county administrator finds it at /feedback and answers it.
 */
describe('feedback from the map view to the administrators’ inbox', () => {
  let sender: WatchedPage;
  let admin: WatchedPage;
  const text = `图层切换后图例没有更新（e2e ${Date.now()}）`;

  beforeAll(async () => {
    sender = await openWatchedPage();
    await signIn(sender.page, 'planner');
    admin = await openWatchedPage();
    await signIn(admin.page, 'admin');
  });

  afterAll(async () => {
    for (const watched of [sender, admin]) {
      expect(watched.errors).toEqual([]);
      expect(watched.offMachineRequests).toEqual([]);
      await watched.page.context().close();
    }
  });

  it('is sent from the map view and answered in /feedback', async () => {
    const { page } = sender;
    await page.goto(`${baseUrl}/`);
    await page.getByTestId('app-title').waitFor();
    expect(await page.getByTestId('feedback-open').innerText()).toBe('投诉建议');
    await page.getByTestId('feedback-open').click();
    await page.getByTestId('feedback-dialog').getByText('建议', { exact: true }).waitFor();
    await page.getByTestId('feedback-text').fill(text);
    await page.getByTestId('feedback-send').click();
    const sent = await page.getByTestId('feedback-sent').innerText();
    const id = /编号 (\d+)/.exec(sent)?.[1];
    expect(id).toBeDefined();
    // The planner only sends: the inbox is the administrators'.
    expect(await page.getByTestId('nav-feedback').count()).toBe(0);

    const inbox = admin.page;
    await inbox.goto(`${baseUrl}/map`);
    await inbox.getByTestId('nav-feedback').click();
    const item = inbox.locator(`[data-testid="feedback-item"][data-id="${id}"]`);
    await item.waitFor();
    expect(await item.innerText()).toContain(text);
    expect(await item.innerText()).toContain('planner · /');
    expect(await item.getAttribute('data-status')).toBe('new');
    await item.getByTestId('feedback-status').selectOption('answered');
    await item.getByTestId('feedback-reply').fill('已转规划科，下个版本修复');
    await item.getByTestId('feedback-save').click();
    await expect.poll(() => item.getAttribute('data-status')).toBe('answered');

    // Stored, not only shown: the answered filter after a reload lists it with its reply.
    await inbox.reload();
    await inbox.getByTestId('feedback-filter').selectOption('answered');
    const answered = inbox.locator(`[data-testid="feedback-item"][data-id="${id}"]`);
    await answered.waitFor();
    expect(await answered.getByTestId('feedback-reply').inputValue()).toBe('已转规划科，下个版本修复');
  });
});
