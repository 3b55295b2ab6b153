import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from './helpers/browser-mode.js';
import { expect, test } from './helpers/fixtures.js';
import { longSession } from './helpers/long-session.js';
import { AppPage } from './pages/app-page.js';
import { PlayerPage } from './pages/player-page.js';
import { ReviewPage } from './pages/review-page.js';

const shots = join(repoRoot, 'test-results', 'e2e');

test('comments at 0:12 (a waveform marker and a timeline entry), scores the call with a rubric made in the app, filters the timeline by type', async ({ page, server }) => {
  test.setTimeout(120_000);
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  // sess-7f3k9d is 11.8 s long: its recording played twice over makes a call with a 0:12.
  const { dir, durationSec } = await longSession(2);
  expect(durationSec).toBeGreaterThan(23);
  await mkdir(shots, { recursive: true });
  const app = new AppPage(page);
  const player = new PlayerPage(page);
  const review = new ReviewPage(page);

  try {
    await app.open(server.loginUrl);
    await app.addFolder(dir);
    await expect(app.$.callRows).toHaveCount(1);
    await app.$.callRows.first().click();
    await expect(player.$.player).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
    await expect(player.$.player.getByTestId('time-total')).toHaveText(/^0:23\.\d$/);

    // Seek to 0:12 by clicking the waveform there, then C opens the comment form at the playhead.
    const wave = await player.$.waveform.boundingBox();
    if (wave === null) throw new Error('no waveform');
    // A pixel is ~0.02 s here: aim a little past 12 s so rounding cannot land on 11.99.
    await player.$.waveform.click({ position: { x: (12.03 / durationSec) * wave.width, y: 12 } });
    await expect.poll(() => player.shownTime()).toBeGreaterThanOrEqual(12);
    expect(await player.shownTime()).toBeLessThan(12.1);
    await page.keyboard.press('c');
    await expect(review.$.composerPlace).toHaveText('0:12.0');
    await review.$.composerText.fill('Caller reads a card number out loud: redact it');
    await page.screenshot({ path: join(shots, 'review-comment-form.png') });
    await review.$.composerText.press('Enter');
    await expect(review.$.composer).toHaveCount(0);

    // A teal marker at 12 s on the waveform, labelled with the start of the text.
    await expect(review.$.commentMarkers).toHaveCount(1);
    await expect(review.$.commentMarkers).toHaveText('Caller reads a card number…');
    const marker = await review.$.commentRegions.first().boundingBox();
    if (marker === null) throw new Error('the comment marker is not visible');
    const expectedX = wave.x + (12 / durationSec) * wave.width;
    expect(Math.abs(marker.x - expectedX)).toBeLessThanOrEqual(3);
    await page.screenshot({ path: join(shots, 'review-marker.png') });

    // The timeline: the call on top, the comment among its activities; the comment list beside it.
    await review.$.timelineTab.click();
    await expect(review.$.entriesOf('comment_added')).toHaveCount(1);
    await expect(review.$.entriesOf('comment_added')).toContainText('Caller reads a card number out loud');
    await expect(review.$.entriesOf('comment_added')).toContainText('0:12.0');
    await expect(review.$.entriesOf('transcript_viewed')).toHaveCount(1);
    await expect(review.$.comments).toHaveCount(1);
    await expect(review.$.comments.first()).toContainText('0:12.0');
    await page.screenshot({ path: join(shots, 'review-timeline.png') });

    // Opening a function call from the timeline moves the playhead to it.
    const fn = review.$.entriesOf('function_call').first();
    await fn.getByTestId('timeline-open').click();
    await expect.poll(() => player.shownTime()).toBeLessThan(7);
    expect(await player.shownTime()).toBeGreaterThan(5.5);
    // Clicking the marker goes back to the comment.
    await review.$.commentMarkers.first().click();
    await expect.poll(() => player.shownTime()).toBeGreaterThanOrEqual(12);
    await expect(review.$.comments.first()).toBeFocused();

    // A rubric made in the app: every save is a version, said in the dialog.
    await review.createRubric('Call QA', [
      { title: 'Greeting', criteria: [{ text: 'Greets the caller' }, { text: 'Verifies identity', autoFail: true }] },
      { title: 'Resolution', weight: 2, criteria: [{ text: 'Resolves the request', kind: 'scale' }] },
    ]);
    await expect(review.$.rubricEditor.getByTestId('rubric-saved')).toHaveText('Saved “Call QA” as version 1.');
    await expect(review.$.rubricEditor.getByTestId('rubric-version-note')).toContainText('Saving a change makes version 2');
    await page.screenshot({ path: join(shots, 'review-rubric-editor.png') });
    await review.$.rubricEditor.getByTestId('rubric-close').click();

    // Fill a scorecard: the score shows as answers come in, then completed.
    await review.$.scorecardTab.click();
    await page.getByTestId('scorecard-start-button').click();
    await expect(review.$.scorePercent).toHaveText('—');
    await review.answer('Greets the caller', 'yes');
    await review.answer('Verifies identity', 'yes');
    await expect(review.$.scorePercent).toHaveText('100 %');
    await review.answer('Resolves the request', '4');
    // (1 × (1 + 1) + 2 × 0.75) / (1 × 2 + 2 × 1) = 87.5 %.
    await expect(review.$.scorePercent).toHaveText('87.5 %');
    await review.$.criterion('Resolves the request').getByTestId('cite-moment').click();
    await expect(review.$.criterion('Resolves the request').getByTestId('cite-seek')).toHaveText('▶ 0:12.0');
    await review.$.scorecard.getByTestId('score-complete').click();
    await expect(review.$.scorecard.getByTestId('scorecard-state')).toHaveText('complete');
    await expect(review.$.scorePercent).toHaveText('87.5 %');
    await page.screenshot({ path: join(shots, 'review-scorecard.png') });
    // The whole scorecard on a taller window.
    await page.setViewportSize({ width: 1280, height: 1300 });
    await page.screenshot({ path: join(shots, 'review-scorecard-full.png') });
    await page.setViewportSize({ width: 1280, height: 800 });

    // Filter the timeline by type: only comments, then only function calls.
    await review.$.timelineTab.click();
    await expect(review.$.entriesOf('score_submitted')).toContainText('Call QA v1: 87.5%');
    await review.$.chip('comment').click();
    await expect(review.$.chip('comment')).toHaveAttribute('aria-pressed', 'true');
    await expect(review.$.entries).toHaveCount(1);
    await expect(review.$.entriesOf('comment_added')).toHaveCount(1);
    await page.screenshot({ path: join(shots, 'review-timeline-comments.png') });
    await review.$.chip('comment').click();
    await review.$.chip('function_call').click();
    await expect(review.$.entriesOf('function_call')).toHaveCount(1);
    await expect(review.$.entries).toHaveCount(1);
    await expect(review.$.entries.first()).toContainText('update_address');
    await page.screenshot({ path: join(shots, 'review-timeline-functions.png') });
    await review.$.timeline.getByTestId('timeline-clear').click();
    await expect(review.$.entriesOf('session_event')).not.toHaveCount(0);
    await review.$.entriesOf('function_call').getByRole('button', { name: 'Details' }).click();
    await expect(review.$.entriesOf('function_call')).toContainText('"email": "jane.doe@example.com"');
    await page.setViewportSize({ width: 1280, height: 1300 });
    await page.screenshot({ path: join(shots, 'review-timeline-full.png') });
    await page.setViewportSize({ width: 1280, height: 800 });

    // Scored calls, and the dashboard's average per rubric section.
    await review.$.scoredButton.click();
    await expect(review.$.scored.getByTestId('scored-item')).toHaveCount(1);
    await expect(review.$.scored.getByTestId('scored-item')).toContainText('87.5 %');
    await page.screenshot({ path: join(shots, 'review-scored-calls.png') });
    await review.$.scored.getByRole('button', { name: 'Close' }).click();
    await page.getByTestId('view-dashboard').click();
    const card = page.getByTestId('dash-section-scores');
    await expect(card.getByTestId('section-scores-rubric')).toContainText('Call QA: 87.5 % on average over 1 complete score');
    await expect(card.locator('path.recharts-rectangle')).toHaveCount(2);
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, 'review-dashboard.png') });

    await expect(app.$.errorBanner).toHaveCount(0);
    expect(problems).toEqual([]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
