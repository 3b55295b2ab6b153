import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './helpers/fixtures.js';
import { repoRoot } from './helpers/browser-mode.js';
import { AppPage } from './pages/app-page.js';

const recordings = join(repoRoot, 'test', 'fixtures', 'call_recordings');

test('imports a folder of recordings and shows a call with its speaker-labelled transcript', async ({
  page,
  server,
}, testInfo) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  const app = new AppPage(page);

  await app.open(server.loginUrl);
  // The sign-in redirect drops the token from the address bar.
  expect(new URL(page.url()).searchParams.has('token')).toBe(false);
  await expect(app.$.emptyState).toBeVisible();
  await expect(app.$.emptyState).toContainText('callreview import');

  await app.addFolder(recordings);
  await expect(app.$.callRows).toHaveCount(3);
  await expect(app.$.emptyState).toHaveCount(0);
  await expect(app.$.sourceItems).toHaveCount(1);
  await expect(app.$.sourceItems.first()).toContainText('3 calls');
  await expect(app.$.errorBanner).toHaveCount(0);

  await app.openCall(0);
  await expect(app.$.callDetail).toBeVisible();
  await expect(app.$.transcriptLines.first()).toBeVisible();
  await expect(app.$.linesBy('caller').first()).toContainText('Caller');
  await expect(app.$.linesBy('bot').first()).toContainText('Bot');
  const speakers = await app.$.transcriptLines.evaluateAll((els) => els.map((el) => el.getAttribute('data-speaker')));
  expect(new Set(speakers)).toEqual(new Set(['caller', 'bot']));

  // Keyboard: the list keeps focus after the click, so arrows move and Enter opens.
  const firstId = await app.$.callDetail.getAttribute('data-call-id');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(app.$.callDetail).not.toHaveAttribute('data-call-id', firstId ?? '');

  await app.sortBy('Duration');
  await expect(app.$.sortHeader('Duration').locator('..')).toHaveAttribute('aria-sort', 'descending');

  const shot = await page.screenshot({ fullPage: false });
  await testInfo.attach('call-detail', { body: shot, contentType: 'image/png' });
  await mkdir(join(repoRoot, 'test-results', 'e2e'), { recursive: true });
  await page.screenshot({ path: join(repoRoot, 'test-results', 'e2e', 'call-detail.png') });

  expect(pageErrors).toEqual([]);
});

test('refuses requests that do not carry the token', async ({ request, server }) => {
  const home = await request.get(`${server.origin}/`, { maxRedirects: 0 });
  expect(home.status()).toBe(401);
  const api = await request.post(`${server.origin}/api/invoke/app:info`, { data: {} });
  expect(api.status()).toBe(401);
  const wrong = await request.get(`${server.origin}/login?token=not-the-token`, { maxRedirects: 0 });
  expect(wrong.status()).toBe(401);
});
