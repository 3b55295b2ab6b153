import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './helpers/fixtures.js';
import { repoRoot } from './helpers/browser-mode.js';
import { AppPage } from './pages/app-page.js';
import { PlayerPage } from './pages/player-page.js';

const recordings = join(repoRoot, 'test', 'fixtures', 'call_recordings');
const shots = join(repoRoot, 'test-results', 'e2e');

test('plays a call with its lanes, follows the transcript, seeks, changes speed, solos a channel and lists shortcuts', async ({ page, server }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  const app = new AppPage(page);
  const player = new PlayerPage(page);

  await app.open(server.loginUrl);
  await app.addFolder(recordings);
  await expect(app.$.callRows).toHaveCount(3);
  // The refund call: stereo recording, caller on channel 1 and the bot on channel 2, three lines.
  await app.$.callRows.filter({ hasText: 'sess-a1b2c3' }).click();
  await expect(app.$.callDetail).toContainText('sess-a1b2c3');
  await expect(app.$.transcriptLines).toHaveCount(3);

  await expect(player.$.player).toHaveAttribute('data-ready', 'true');
  await expect(player.$.error).toHaveCount(0);
  await expect(player.$.lanes).toHaveCount(2);
  expect(await player.$.lanes.evaluateAll((els) => els.map((e) => e.getAttribute('data-role')))).toEqual(['caller', 'bot']);
  await expect(player.$.lanes.nth(0)).toContainText('Caller');
  await expect(player.$.lanes.nth(1)).toContainText('Bot');
  // Both lanes have a drawn waveform, not an empty canvas.
  await expect.poll(async () => (await player.drawnPixelsPerLane()).length).toBe(2);
  const pixels = await player.drawnPixelsPerLane();
  for (const n of pixels) expect(n).toBeGreaterThan(500);

  // Play: the clock runs, and the highlight moves from the first line to the second as time passes its start (4.8 s).
  await expect(player.$.timeCurrent).toHaveText('0:00.0');
  await player.$.playButton.click();
  await expect(player.$.player).toHaveAttribute('data-graph', 'live');
  await expect.poll(() => player.shownTime()).toBeGreaterThan(0.3);
  await expect.poll(() => player.activeIndex()).toBe(0);
  await expect.poll(() => player.activeIndex(), { timeout: 15_000 }).toBe(1);
  expect((await player.media()).currentTime).toBeGreaterThanOrEqual(4.7);
  await mkdir(shots, { recursive: true });
  await page.screenshot({ path: join(shots, 'player.png') });
  // L while playing plays faster; J while fast slows down again (here, mid-call, well before the end).
  await page.locator('body').press('l');
  await expect.poll(async () => (await player.media()).playbackRate).toBe(1.25);
  await page.locator('body').press('j');
  await expect.poll(async () => (await player.media()).playbackRate).toBe(1);

  // Clicking the last line jumps there (7.371 s) and keeps playing.
  await app.$.transcriptLines.nth(2).click();
  await expect.poll(async () => (await player.media()).currentTime).toBeGreaterThanOrEqual(7.37);
  await expect(app.$.transcriptLines.nth(2)).toHaveAttribute('data-active', 'true');
  expect(await player.shownTime()).toBeGreaterThanOrEqual(7.3);

  // 1.5× keeps the pitch.
  await player.$.speedSelect.selectOption('1.5');
  await expect.poll(async () => (await player.media()).playbackRate).toBe(1.5);
  expect((await player.media()).preservesPitch).toBe(true);

  // Solo channel 2 (index 1): the caller lane's gain drops to 0; solo again restores it.
  await player.$.solo(1).click();
  await expect(player.$.lanes.nth(0)).toHaveAttribute('data-gain', '0');
  await expect(player.$.lanes.nth(1)).toHaveAttribute('data-gain', '1');
  await expect(player.$.solo(1)).toHaveAttribute('aria-pressed', 'true');
  await player.$.solo(1).click();
  await expect(player.$.lanes.nth(0)).toHaveAttribute('data-gain', '1');
  await player.$.mute(1).click();
  await expect(player.$.lanes.nth(1)).toHaveAttribute('data-gain', '0');

  // `?` lists the shortcuts; Escape closes the list.
  await page.locator('body').press('?');
  await expect(player.$.shortcutsOverlay).toBeVisible();
  await expect(player.$.shortcutsOverlay).toContainText('Play / pause');
  await page.screenshot({ path: join(shots, 'player-shortcuts.png') });
  await page.keyboard.press('Escape');
  await expect(player.$.shortcutsOverlay).toHaveCount(0);

  // Zoom in and back out with the keys.
  await expect(player.$.zoomLevel).toHaveText('Fit');
  await page.locator('body').press('+');
  await expect(player.$.zoomLevel).not.toHaveText('Fit');
  await page.locator('body').press('-');
  await expect(player.$.zoomLevel).toHaveText('Fit');

  // Drag across the waveform to loop 20–40 % of the call; playback then stays inside it.
  const box = (await player.$.waveform.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.2, box.y + 30);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.3, box.y + 30, { steps: 5 });
  await page.mouse.move(box.x + box.width * 0.4, box.y + 30, { steps: 5 });
  await page.mouse.up();
  await expect(player.$.loopToggle).toHaveAttribute('aria-pressed', 'true');
  const duration = 9.098;
  const [loopStart, loopEnd] = [duration * 0.2, duration * 0.4];
  await player.$.playButton.click();
  await expect.poll(async () => (await player.media()).currentTime).toBeGreaterThan(loopStart);
  // Long enough at 1.5× to have passed the loop's end twice without the loop.
  await page.waitForTimeout(3000);
  const looped = await player.media();
  expect(looped.paused).toBe(false);
  expect(looped.currentTime).toBeGreaterThanOrEqual(loopStart - 0.2);
  expect(looped.currentTime).toBeLessThanOrEqual(loopEnd + 0.3);
  await player.$.loopClear.click();
  await expect(player.$.loopToggle).toBeDisabled();
  await page.locator('body').press(' ');
  await expect.poll(async () => (await player.media()).paused).toBe(true);

  expect(pageErrors).toEqual([]);
});

test('plays a call recorded as a caller/bot pair of mono files as two lanes (derived stereo)', async ({ page, server }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  const dir = await mkdtemp(join(tmpdir(), 'callreview-pair-'));
  try {
    await cp(join(recordings, 'sess-q4m8z2_20260421_160351'), join(dir, 'sess-q4m8z2_20260421_160351'), { recursive: true });
    const app = new AppPage(page);
    const player = new PlayerPage(page);
    await app.open(server.loginUrl);
    await app.addFolder(dir);
    await app.$.callRows.filter({ hasText: 'sess-q4m8z2' }).click();
    await expect(player.$.player).toHaveAttribute('data-ready', 'true');
    await expect(player.$.lanes).toHaveCount(2);
    await expect(player.$.lanes.nth(0)).toHaveAttribute('data-role', 'caller');
    await expect(player.$.lanes.nth(1)).toHaveAttribute('data-role', 'bot');
    // Both sides have speech, so both lanes have ink; the <audio> plays the two-channel file.
    await expect.poll(async () => (await player.drawnPixelsPerLane()).every((n) => n > 500)).toBe(true);
    expect(await player.drawnPixelsPerLane()).toHaveLength(2);
    expect(pageErrors).toEqual([]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('draws one lane for a one-sided recording and says when a recording is gone', async ({ page, server }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  const dir = await mkdtemp(join(tmpdir(), 'callreview-player-'));
  try {
    // A call with only a caller file (best = the caller side; with bot_audio.wav too, best would be a derived
    // two-lane stereo) and a call whose stereo file will go missing.
    for (const name of ['sess-q4m8z2_20260421_160351', 'sess-7f3k9d_20260311_144237']) await cp(join(recordings, name), join(dir, name), { recursive: true });
    await rm(join(dir, 'sess-q4m8z2_20260421_160351', 'bot_audio.wav'));
    const app = new AppPage(page);
    const player = new PlayerPage(page);
    await app.open(server.loginUrl);
    await app.addFolder(dir);
    await expect(app.$.callRows).toHaveCount(2);

    await app.$.callRows.filter({ hasText: 'sess-q4m8z2' }).click();
    await expect(player.$.player).toHaveAttribute('data-ready', 'true');
    await expect(player.$.lanes).toHaveCount(1);
    await expect(player.$.lanes.first()).toHaveAttribute('data-role', 'caller');
    await expect.poll(async () => (await player.drawnPixelsPerLane()).length).toBe(1);
    expect((await player.drawnPixelsPerLane())[0]).toBeGreaterThan(500);
    // One lane has nothing to mute against or solo.
    await expect(player.$.solo(0)).toHaveCount(0);

    await rm(join(dir, 'sess-7f3k9d_20260311_144237', 'stereo_recording.wav'));
    await app.$.sourceItems.first().getByRole('button', { name: /^Rescan/ }).click();
    await app.$.callRows.filter({ hasText: 'sess-7f3k9d' }).click();
    await expect(app.$.callDetail).toContainText('sess-7f3k9d');
    await expect(player.$.unavailable).toBeVisible();
    await expect(player.$.unavailable).toContainText('Audio not available');
    await expect(player.$.unavailable).toContainText('stereo_recording.wav');
    await expect(player.$.player).toHaveCount(0);
    // The transcript is still there, but without a player its lines do not seek.
    await expect(app.$.transcriptLines.first()).not.toHaveClass(/is-playable/);
    expect(pageErrors).toEqual([]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
