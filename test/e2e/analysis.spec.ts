import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from './helpers/browser-mode.js';
import { expect, test } from './helpers/openai-fixtures.js';
import { AnalysisPage } from './pages/analysis-page.js';
import { AppPage } from './pages/app-page.js';
import { PlayerPage } from './pages/player-page.js';

const recordings = join(repoRoot, 'test', 'fixtures', 'call_recordings');
const shots = join(repoRoot, 'test-results', 'e2e');

test('analyses a call: summary and charts in the Analysis tab, an action item moves the playhead; the dashboard charts the library and filters the list; a tag set in the call narrows both', async ({
  page,
  server,
  openai,
}) => {
  test.setTimeout(150_000);
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  // A CSP violation (eval, inline style sheets) shows up as a console error.
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  const app = new AppPage(page);
  const an = new AnalysisPage(page);
  const player = new PlayerPage(page);
  await mkdir(shots, { recursive: true });

  await app.open(server.loginUrl);
  await app.addFolder(recordings);
  await expect(app.$.callRows).toHaveCount(3);
  await app.$.callRows.filter({ hasText: 'sess-a1b2c3' }).click();
  await expect(app.$.callDetail).toContainText('sess-a1b2c3');
  await expect(player.$.player).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });

  // The Analysis tab: local metrics show before any LLM analysis.
  await an.openTab();
  await expect(an.$.analysisTab).toHaveAttribute('aria-selected', 'true');
  await expect(app.$.transcriptLines.first()).toBeHidden();
  await expect(an.$.panel.getByTestId('analysis-empty')).toBeVisible();
  await expect(an.$.talkTime.locator('path.recharts-rectangle').first()).toBeVisible({ timeout: 20_000 });
  await expect(an.$.analyzeButton).toHaveText('Run analysis');

  // Run analysis: queued/running, then the summary, the sentiment chart and the lists.
  await an.$.analyzeButton.click();
  await expect(an.$.analyzeStatus).toBeVisible();
  await expect(an.$.summary).toContainText('Refund order 48213', { timeout: 30_000 });
  await expect(an.$.analyzeStatus).toHaveCount(0);
  await expect(an.$.run).toContainText('Run 1 of 1 · gpt-4.1-mini');
  expect(openai.fake.requests.filter((r) => r.endpoint === 'chat' && r.status === 200)).toHaveLength(1);

  // Charts are SVG drawn from data: an area with a path, stacked talk bars, one bar per hand-over.
  const area = an.$.sentimentChart.locator('path.recharts-area-area');
  await expect(area).toHaveCount(1);
  expect(((await area.getAttribute('d')) ?? '').length).toBeGreaterThan(10);
  await expect(an.$.sentimentChart.locator('path.recharts-area-curve')).toHaveCount(1);
  expect(await an.$.talkTime.locator('path.recharts-rectangle').count()).toBeGreaterThanOrEqual(3);
  await expect(an.$.talkTime.getByTestId('talk-legend')).toContainText('Caller');
  await expect(an.$.talkTime.getByTestId('talk-legend')).toContainText('Bot');
  const bars = Number(await an.$.latencyChart.getAttribute('data-bars'));
  expect(bars).toBeGreaterThanOrEqual(2);
  // A hand-over whose answer overlapped has latency 0 and so no visible bar.
  await expect(an.$.latencyChart.locator('path.recharts-rectangle')).not.toHaveCount(0);
  expect(await an.$.latencyChart.locator('path.recharts-rectangle').count()).toBeLessThanOrEqual(bars);
  await expect(an.$.latencyChart.getByTestId('latency-median')).toHaveText(/\d+\.\d s/);

  // The sentiment plot spans exactly the waveform's width.
  const wave = await an.box(player.$.waveform);
  const plot = await an.box(an.$.sentimentPlot);
  expect(Math.abs(plot.x - wave.x)).toBeLessThanOrEqual(1);
  expect(Math.abs(plot.width - wave.width)).toBeLessThanOrEqual(1);
  await expect(an.$.qaFlags.filter({ hasText: 'escalation requested' }).getByTestId('qa-flag-state')).toHaveText('present');
  await page.screenshot({ path: join(shots, 'analysis.png') });

  // The whole tab, lists included, on a taller window.
  await page.setViewportSize({ width: 1280, height: 1300 });
  await page.screenshot({ path: join(shots, 'analysis-full.png') });
  await page.setViewportSize({ width: 1280, height: 800 });

  // An action item plays the call from its moment.
  await expect(an.$.actionItems).toHaveCount(1);
  await expect(an.$.actionItems.first()).toContainText('I can offer');
  const at = Number(await an.$.actionItems.first().getAttribute('data-at'));
  expect(at).toBeGreaterThan(4);
  const before = Date.now();
  await an.$.actionItems.first().click();
  const media = await player.$.player.locator('audio').evaluate((el: HTMLAudioElement) => {
    el.pause();
    return el.currentTime;
  });
  // It started playing at `at`; allow for the time the click and the read took.
  const elapsed = (Date.now() - before) / 1000;
  expect(media).toBeGreaterThanOrEqual(at - 0.3);
  expect(media).toBeLessThanOrEqual(at + 0.3 + elapsed);
  await expect.poll(() => player.shownTime()).toBeGreaterThanOrEqual(at - 0.3);
  expect(await player.shownTime()).toBeLessThanOrEqual(media + 0.3);

  // Keyboard: the tabs move with the arrow keys.
  await an.$.analysisTab.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(an.$.transcriptTab).toHaveAttribute('aria-selected', 'true');
  await expect(an.$.transcriptTab).toBeFocused();
  await expect(app.$.transcriptLines.first()).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(an.$.analysisTab).toHaveAttribute('aria-selected', 'true');

  // Analyse the other two calls (the tab stays on Analysis from call to call).
  for (const name of ['sess-7f3k9d', 'sess-q4m8z2']) {
    await app.$.callRows.filter({ hasText: name }).click();
    await expect(app.$.callDetail).toContainText(name);
    await expect(an.$.analyzeButton).toBeEnabled();
    await an.runAnalysis();
  }
  await expect(an.$.questions.filter({ hasText: 'Shall I book it?' })).toHaveCount(1);

  // The dashboard charts the fixture library.
  await an.$.dashboardButton.click();
  await expect(an.$.dashboard).toBeVisible();
  await expect(an.$.dashboard.getByTestId('dash-totals')).toContainText('3 calls');
  await expect(an.$.dashboard.getByTestId('dash-totals')).toContainText('3 analysed');
  await expect(an.$.dayBars).toHaveCount(3);
  await expect(an.$.card('dash-sentiment-day').locator('path.recharts-rectangle')).not.toHaveCount(0);
  await expect(an.$.card('dash-sentiment-buckets').locator('path.recharts-rectangle')).not.toHaveCount(0);
  await expect(an.$.card('dash-latency').locator('path.recharts-rectangle')).not.toHaveCount(0);
  await expect(an.$.card('dash-talk').locator('path.recharts-rectangle')).toHaveCount(2);
  await expect(an.$.card('dash-phrases').getByTestId('dash-phrase')).not.toHaveCount(0);
  await expect(an.$.card('dash-flags').getByTestId('dash-flag')).toHaveCount(4);
  await page.screenshot({ path: join(shots, 'analysis-dashboard.png') });
  await page.setViewportSize({ width: 1280, height: 1200 });
  await page.screenshot({ path: join(shots, 'analysis-dashboard-full.png') });
  await page.setViewportSize({ width: 1280, height: 800 });

  // A click on the first day's bar lists that day's calls, with a chip to remove the filter.
  await an.$.dayBars.first().click();
  await expect(an.$.dashboard).toHaveCount(0);
  await expect(an.$.filterChip).toContainText('Filtered: 2026-03-02');
  await expect(app.$.callRows).toHaveCount(1);
  await expect(app.$.callRows.first()).toContainText('sess-a1b2c3');
  await page.screenshot({ path: join(shots, 'analysis-filtered.png') });
  await an.$.filterClear.click();
  await expect(an.$.filterChip).toHaveCount(0);
  await expect(app.$.callRows).toHaveCount(3);

  // A QA flag row filters by the flag.
  await an.$.dashboardButton.click();
  await an.$.card('dash-flags').getByTestId('dash-flag').filter({ hasText: 'escalation requested' }).click();
  await expect(an.$.filterChip).toContainText('escalation requested');
  await expect(app.$.callRows).toHaveCount(1);
  await expect(app.$.callRows.first()).toContainText('sess-a1b2c3');

  // Tag one call in its detail (the editor sits beside the transcript), from the keyboard.
  await an.$.filterClear.click();
  await expect(app.$.callRows).toHaveCount(3);
  await app.$.callRows.filter({ hasText: 'sess-7f3k9d' }).click();
  await expect(app.$.callDetail).toContainText('sess-7f3k9d');
  await an.$.transcriptTab.click();
  await an.addTag('  Billing ');
  await expect(an.$.tagChips).toHaveText(['Billing✕']);
  await expect(an.$.tagInput).toHaveValue('');
  await expect(app.$.callRows.filter({ hasText: 'sess-7f3k9d' }).getByTestId('row-tag')).toHaveText(['Billing']);

  // The dashboard filtered by that tag shows only that call's figures; a day bar lists it alone.
  await an.$.dashboardButton.click();
  await expect(an.$.tagFilter.locator('option')).toHaveText(['Any', 'Billing (1)']);
  await an.$.tagFilter.selectOption('Billing');
  await expect(an.$.dashboard.getByTestId('dash-totals')).toContainText(/^1 call · .* · 1 analysed · 1 with metrics$/);
  await expect(an.$.dayBars).toHaveCount(1);
  await expect(an.$.card('dash-sentiment-buckets').locator('path.recharts-rectangle')).toHaveCount(1);
  await an.$.dayBars.first().click();
  await expect(an.$.filterChip).toContainText('Filtered: 2026-03-11 · tag “Billing”');
  await expect(app.$.callRows).toHaveCount(1);
  await expect(app.$.callRows.first()).toContainText('sess-7f3k9d');
  await page.screenshot({ path: join(shots, 'analysis-tag-filtered.png') });

  await expect(app.$.errorBanner).toHaveCount(0);
  expect(problems).toEqual([]);
});
