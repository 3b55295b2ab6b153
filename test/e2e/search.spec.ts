import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from './helpers/browser-mode.js';
import { expect, test } from './helpers/fixtures.js';
import { AppPage } from './pages/app-page.js';
import { PlayerPage } from './pages/player-page.js';
import { SearchPage } from './pages/search-page.js';

const recordings = join(repoRoot, 'test', 'fixtures', 'call_recordings');
const shots = join(repoRoot, 'test-results', 'e2e');

test('searches as you type, shows grouped snippets, and a hit opens its call with the player at that line; saved searches and marking the result calls', async ({
  page,
  server,
}) => {
  test.setTimeout(120_000);
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  const app = new AppPage(page);
  const player = new PlayerPage(page);
  const search = new SearchPage(page);
  await mkdir(shots, { recursive: true });

  await app.open(server.loginUrl);
  await app.addFolder(recordings);
  await expect(app.$.callRows).toHaveCount(3);

  // `/` puts the caret in the box from anywhere on the page; typing searches without Enter.
  await page.locator('body').click({ position: { x: 700, y: 400 } });
  await page.keyboard.press('/');
  await expect(search.$.input).toBeFocused();
  await page.keyboard.type('refund');
  await expect(search.$.view).toBeVisible();
  await expect(search.$.groups).toHaveCount(1);
  await expect(search.$.groups.first()).toContainText('sess-a1b2c3');
  await expect(search.$.groups.first()).toContainText('2 hits');
  await expect(search.$.hits).toHaveCount(2);
  await expect(search.$.hits.nth(0).locator('mark')).toHaveText('Refund');
  await expect(search.$.hits.nth(0)).toContainText('Caller');
  await expect(search.$.hits.nth(1).locator('mark')).toHaveText('refund');
  await expect(search.$.hits.nth(1)).toContainText('Bot');
  await expect(search.$.total).toHaveText('2 hits in 1 call');
  await page.screenshot({ path: join(shots, 'search-results.png') });

  // A hit opens its call in the Transcript tab, highlights its line and puts the player at its start.
  const start = Number(await search.$.hits.nth(1).getAttribute('data-start'));
  expect(start).toBeGreaterThan(4);
  await search.$.hits.nth(1).click();
  await expect(app.$.callDetail).toContainText('sess-a1b2c3');
  await expect(page.getByTestId('tab-transcript')).toHaveAttribute('aria-selected', 'true');
  await expect(search.$.hitLine).toHaveCount(1);
  await expect(search.$.hitLine).toContainText("Sorry, I can't refund that order");
  await expect(search.$.hitLine.locator('mark')).toHaveText('refund');
  await expect(search.$.hitLine).toBeInViewport();
  await expect(player.$.player).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  await expect.poll(async () => (await player.media()).currentTime).toBeGreaterThanOrEqual(start - 0.3);
  expect((await player.media()).currentTime).toBeLessThanOrEqual(start + 0.3);
  expect((await player.media()).paused).toBe(true);
  await expect.poll(() => player.shownTime()).toBeGreaterThanOrEqual(start - 0.3);
  expect(await player.shownTime()).toBeLessThanOrEqual(start + 0.3);
  await expect(player.$.activeLine).toContainText("can't refund");
  await expect(search.$.hitPos).toHaveText('Hit 2 of 2');
  await page.screenshot({ path: join(shots, 'search-hit.png') });

  // F3 goes to the next hit inside the call (wrapping to the first), and the player follows.
  const first = Number(await search.$.hits.nth(0).getAttribute('data-start'));
  await page.keyboard.press('F3');
  await expect(search.$.hitPos).toHaveText('Hit 1 of 2');
  await expect(search.$.hitLine).toContainText('Refund order 48213');
  await expect.poll(async () => (await player.media()).currentTime).toBeLessThanOrEqual(first + 0.3);
  expect((await player.media()).currentTime).toBeGreaterThanOrEqual(first - 0.3);
  await page.getByTestId('search-hit-next').click();
  await expect(search.$.hitPos).toHaveText('Hit 2 of 2');

  // Case and diacritics do not matter: zurich finds Zürich.
  await search.type('zurich');
  await expect(search.$.hits).toHaveCount(1);
  await expect(search.$.hits.first().locator('mark')).toHaveText('Zürich');

  // A broken query is safe: no error, and the echo says how it was read.
  await search.type('"refund OR -');
  await expect(search.$.echo).toContainText('“refund OR -”');
  await search.type('refund foo:bar speaker:caller');
  await expect(search.$.plain).toHaveText('Searched as plain text: foo:bar');
  await expect(search.$.echo.getByTestId('search-filter-chip')).toHaveText('Speaker: caller');
  await expect(search.$.none).toBeVisible();
  await page.screenshot({ path: join(shots, 'search-echo.png') });
  await expect(app.$.errorBanner).toHaveCount(0);

  // Esc clears the search and shows the call list again.
  await search.$.input.focus();
  await page.keyboard.press('Escape');
  await expect(search.$.input).toHaveValue('');
  await expect(search.$.view).toHaveCount(0);
  await expect(app.$.callRows).toHaveCount(3);
  // The Search view with an empty box says what can be typed.
  await search.$.viewButton.click();
  await expect(search.$.view.getByTestId('search-help')).toBeVisible();
  await page.screenshot({ path: join(shots, 'search-help.png') });

  // Save a search across calls, then run it from the sidebar.
  await search.type('refund OR book');
  await expect(search.$.groups).toHaveCount(2);
  await search.save('Refunds and bookings');
  await expect(search.$.saved).toHaveCount(1);
  await expect(search.$.saved).toContainText('Refunds and bookings');
  await search.$.input.focus();
  await page.keyboard.press('Escape');
  await expect(search.$.view).toHaveCount(0);
  await search.$.saved.getByTestId('saved-search-run').click();
  await expect(search.$.input).toHaveValue('refund OR book');
  await expect(search.$.groups).toHaveCount(2);
  const booking = await search.hitsOf('sess-q4m8z2');
  await expect(booking).toHaveCount(2);
  await expect(booking.locator('mark')).toHaveText(['book', 'book']);

  // Mark these calls: the result calls are marked in the call list, ready for the batch actions.
  await search.$.markAll.click();
  await expect(search.$.markedBar).toContainText('2 calls marked');
  await page.screenshot({ path: join(shots, 'search-marked.png') });
  await search.$.callsButton.click();
  await expect(app.$.callRows).toHaveCount(3);
  const marked = app.$.callRows.and(page.locator('[data-marked="true"]'));
  await expect(marked).toHaveCount(2);
  await expect(marked.filter({ hasText: 'sess-a1b2c3' })).toHaveCount(1);
  await expect(marked.filter({ hasText: 'sess-q4m8z2' })).toHaveCount(1);

  // A saved search is deleted from the keyboard.
  await search.$.saved.getByTestId('saved-search-run').focus();
  await page.keyboard.press('Delete');
  await expect(search.$.saved).toHaveCount(0);

  await expect(app.$.errorBanner).toHaveCount(0);
  expect(problems).toEqual([]);
});
