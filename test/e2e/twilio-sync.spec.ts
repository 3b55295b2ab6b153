import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { repoRoot } from './helpers/browser-mode.js';
import { expect, test } from './helpers/twilio-fixtures.js';
import { AppPage } from './pages/app-page.js';

/** Records every text the sync progress box shows, however briefly, so a fast sync cannot slip past the test. */
async function watchProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    new MutationObserver(() => {
      const el = document.querySelector('[data-testid="twilio-progress"]');
      const text = el?.textContent ?? null;
      if (text !== null && seen.at(-1) !== text) seen.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

/** The progress texts seen since watchProgress. */
function progressSeen(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
}

test('syncs dual-channel recordings from Twilio, shows them and syncs only what is new', async ({ page, server, fake }, testInfo) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  fake.setLatency(30);
  fake.addRecordings(6, { channels: 2 });
  const app = new AppPage(page);
  const tw = app.twilio.$;

  await app.open(server.loginUrl);
  await expect(tw.account).toContainText(`${fake.accountSid.slice(0, 4)}…${fake.accountSid.slice(-4)}`);
  await expect(tw.account).toContainText('Auth Token from environment variables');
  await expect(tw.account).not.toContainText(fake.accountSid);
  await expect(tw.apiUrl).toHaveText(fake.baseUrl);
  await expect(tw.lastSync).toHaveText('never');

  await app.twilio.testConnection();
  await expect(tw.testResult).toHaveAttribute('data-result', 'ok');
  await expect(tw.testResult).toContainText('Connection OK');

  // First sync: everything is new.
  await watchProgress(page);
  await app.twilio.syncNow();
  await expect(tw.summary).toBeVisible();
  await expect(tw.summaryCount('downloaded')).toHaveText('6 downloaded');
  await expect(tw.summaryCount('alreadyHad')).toHaveText('0 already had');
  await expect(tw.summaryCount('failed')).toHaveText('0 failed');
  await expect(tw.progress).toHaveCount(0);
  const seen = await progressSeen(page);
  expect(seen.length).toBeGreaterThan(0);
  expect(seen.some((t) => /\d+ downloaded/.test(t) && /MB/.test(t))).toBe(true);
  await expect(tw.syncButton).toBeEnabled();
  await expect(tw.lastSync).not.toHaveText('never');

  await expect(app.$.callRows).toHaveCount(6);
  const sources = await app.$.callRows.getByTestId('call-source').allTextContents();
  expect(sources).toEqual(Array(6).fill('Twilio'));
  await expect(app.$.errorBanner).toHaveCount(0);

  // The detail of one call: its numbers, two channels, and roles the reviewer can swap.
  await app.openCall(0);
  await expect(app.$.callDetail).toBeVisible();
  const callSid = (await app.$.callDetail.getByRole('heading', { level: 2 }).textContent()) ?? '';
  expect(callSid).toMatch(/^CA[0-9a-f]{32}$/);
  const call = fake.getCall(callSid);
  expect(call).toBeDefined();
  await expect(app.twilio.$.party('from')).toContainText(call?.from ?? '?');
  await expect(app.twilio.$.party('to')).toContainText(call?.to ?? '?');
  await expect(app.$.callDetail.getByTestId('call-direction')).toContainText('Inbound');
  await expect(app.$.callDetail.getByTestId('call-channels')).toContainText('2');
  await expect(tw.channelRoles).toHaveAttribute('data-roles', 'caller,agent');
  await expect(tw.channelRoles).toHaveText('1: Caller, 2: Agent');
  await app.twilio.swapChannels();
  await expect(tw.channelRoles).toHaveAttribute('data-roles', 'agent,caller');
  await expect(tw.channelRoles).toHaveText('1: Agent, 2: Caller');

  // Second sync: only the two new recordings are downloaded.
  fake.addRecordings(2, { channels: 2 });
  await app.twilio.syncNow();
  await expect(tw.summaryCount('downloaded')).toHaveText('2 downloaded');
  await expect(tw.summaryCount('alreadyHad')).toHaveText('6 already had');
  await expect(app.$.callRows).toHaveCount(8);
  // The swap survives the re-sync and the list reload.
  await expect(tw.channelRoles).toHaveAttribute('data-roles', 'agent,caller');
  await expect(app.$.errorBanner).toHaveCount(0);

  const shot = await page.screenshot({ fullPage: false });
  await testInfo.attach('twilio-sync', { body: shot, contentType: 'image/png' });
  await mkdir(join(repoRoot, 'test-results', 'e2e'), { recursive: true });
  await page.screenshot({ path: join(repoRoot, 'test-results', 'e2e', 'twilio-sync.png') });

  // Deleting on Twilio asks first, in the app; cancelling leaves it off.
  await tw.deleteAfterDownload.click();
  await expect(tw.confirmDialog).toBeVisible();
  await expect(tw.confirmDialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.screenshot({ path: join(repoRoot, 'test-results', 'e2e', 'twilio-confirm.png') });
  await page.keyboard.press('Escape');
  await expect(tw.confirmDialog).toHaveCount(0);
  await expect(tw.deleteAfterDownload).not.toBeChecked();

  expect(pageErrors).toEqual([]);
});

test('reports rejected credentials in the connection test and the error banner', async ({ page, server, fake }) => {
  fake.addRecordings(1, { channels: 2 });
  fake.fail('any', { status: 401, times: 50 });
  const app = new AppPage(page);
  await app.open(server.loginUrl);
  await app.twilio.testConnection();
  await expect(app.twilio.$.testResult).toHaveAttribute('data-result', 'rejected');
  await expect(app.twilio.$.testResult).toContainText('Credentials rejected');

  await app.twilio.syncNow();
  await expect(app.$.errorBanner).toContainText('Twilio credentials rejected');
  await expect(app.twilio.$.summary).toHaveCount(0);
  await expect(app.twilio.$.syncButton).toBeEnabled();
  await expect(app.$.errorBanner).toHaveCount(1);
});
