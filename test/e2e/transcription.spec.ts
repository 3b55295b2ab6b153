import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from './helpers/browser-mode.js';
import { expect, test } from './helpers/openai-fixtures.js';
import { AppPage } from './pages/app-page.js';
import { TranscriptionPage } from './pages/transcription-page.js';

const recordings = join(repoRoot, 'test', 'fixtures', 'call_recordings');
const shots = join(repoRoot, 'test-results', 'e2e');

test('transcribes a call, re-transcribes it with options, and picks and compares versions', async ({ page, server, openai }) => {
  test.setTimeout(120_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  const app = new AppPage(page);
  const tx = new TranscriptionPage(page);

  await app.open(server.loginUrl);
  await expect(tx.$.panel.getByTestId('openai-key-status')).toContainText('sk-…');
  await expect(tx.$.panel.getByTestId('openai-key-status')).not.toContainText(openai.fake.apiKey);
  await expect(tx.$.panel.getByTestId('openai-env-help')).toContainText('OPENAI_API_KEY');
  await app.addFolder(recordings);
  await expect(app.$.callRows).toHaveCount(3);
  await app.$.callRows.filter({ hasText: 'sess-a1b2c3' }).click();
  await expect(app.$.callDetail).toContainText('sess-a1b2c3');
  // The recorder's own transcript is version 1.
  await expect(tx.$.versionOptions).toHaveCount(1);
  await expect(tx.$.versionOption(1)).toContainText('recorder');

  // Transcribe with the defaults: the progress bar counts up, then version 2 is there and active.
  await tx.watchStatus();
  await tx.transcribe();
  await expect(tx.$.status).toBeVisible();
  await expect(tx.$.status.locator('progress')).toBeVisible();
  await mkdir(shots, { recursive: true });
  await page.screenshot({ path: join(shots, 'transcription-progress.png') });
  await expect(tx.$.status).toHaveCount(0, { timeout: 30_000 });
  const seen = await tx.statusSeen();
  expect(seen.some((t) => /Transcribing \d+%/.test(t)), `status texts seen: ${JSON.stringify(seen)}`).toBe(true);
  await expect(tx.$.versionOptions).toHaveCount(2);
  await expect(tx.$.versionOption(2)).toContainText('whisper-1');
  await expect(tx.$.versionOption(2)).toContainText('active');
  await expect(tx.$.versionOption(1)).not.toContainText('active');
  await expect(tx.$.transcript).toHaveAttribute('data-version', '2');
  await expect(tx.$.activeBadge).toBeVisible();
  await expect(app.$.linesBy('caller').first()).toContainText('Caller');
  await expect(app.$.linesBy('bot').first()).toContainText('Bot');
  await expect(app.$.transcriptLines.first()).toContainText(/\w{3,}/);

  // Re-transcribe with a language and a prompt: they reach OpenAI, and version 3 becomes active.
  await tx.retranscribe({ language: 'en', prompt: 'Order numbers; the city Zürich.' });
  await expect(tx.$.dialog).toHaveCount(0);
  await expect(tx.$.versionOptions).toHaveCount(3, { timeout: 30_000 });
  await expect(tx.$.versionOption(3)).toContainText('active');
  await expect(tx.$.versionOption(3)).toContainText('· en');
  const runs = openai.fake.requests.filter((r) => r.endpoint === 'transcriptions' && r.status === 200);
  expect(runs.length).toBeGreaterThanOrEqual(4);
  const last = runs.slice(-2);
  expect(last.map((r) => r.language)).toEqual(['en', 'en']);
  expect(last.every((r) => (r.prompt ?? '').includes('Zürich'))).toBe(true);
  // The plain run let Whisper detect the language (later chunks keep what the first found) and sent no prompt.
  expect(runs[0]?.language ?? null).toBeNull();
  expect(runs.slice(0, 2).every((r) => r.prompt === null)).toBe(true);

  // Back to version 2: viewing it says it is not active; making it active marks it.
  await tx.viewVersion(2);
  await expect(tx.$.transcript).toHaveAttribute('data-version', '2');
  await expect(app.$.callDetail.getByTestId('transcript-viewing')).toBeVisible();
  await tx.$.makeActive.click();
  await expect(tx.$.versionOption(2)).toContainText('active');
  await expect(tx.$.versionOption(3)).not.toContainText('active');
  await expect(tx.$.activeBadge).toBeVisible();
  await expect(app.$.callDetail.getByTestId('transcript-viewing')).toHaveCount(0);
  await page.screenshot({ path: join(shots, 'transcription.png') });

  // Compare: v1 (the recorder's) against v2, words marked or "no differences".
  await tx.viewVersion(1);
  await tx.$.compareButton.click();
  await expect(tx.$.compare).toBeVisible();
  // The version being read against the active one, older on the left.
  await expect(tx.$.compare.locator('.compare-col-title')).toHaveText([/^v1 · recorder/, /^v2 · whisper-1/]);
  await expect(tx.$.compareSummary).toHaveText(/No differences|only in/);
  await expect(tx.$.compare.getByTestId('compare-left').locator('li').first()).toBeVisible();
  await expect(tx.$.compare.getByTestId('compare-right').locator('li').first()).toBeVisible();
  const changes = Number(await tx.$.compareSummary.getAttribute('data-changes'));
  if (changes > 0) await expect(tx.$.compare.locator('del.diff-del, ins.diff-ins').first()).toBeVisible();
  await page.screenshot({ path: join(shots, 'transcription-compare.png') });
  await page.keyboard.press('Escape');
  await expect(tx.$.compare).toHaveCount(0);
  await expect(tx.$.compareButton).toBeFocused();

  // The jobs panel lists both transcription runs, succeeded (metrics jobs for the new versions list too).
  await tx.openJobs();
  const txJobs = tx.$.jobItems.and(page.locator('[data-type="transcribe"]'));
  await expect(txJobs).toHaveCount(2);
  await expect(txJobs.first()).toHaveAttribute('data-state', 'succeeded');
  await expect(txJobs.nth(1)).toHaveAttribute('data-state', 'succeeded');
  await expect(txJobs.first()).toContainText('sess-a1b2c3');
  await expect(txJobs.first().getByTestId('job-result')).toContainText('whisper-1 · en');
  await expect(app.$.errorBanner).toHaveCount(0);
  await page.screenshot({ path: join(shots, 'transcription-jobs.png') });
  expect(pageErrors).toEqual([]);
});

test('shows a rejected key as a readable error and retries the job', async ({ page, server, openai }) => {
  test.setTimeout(90_000);
  const app = new AppPage(page);
  const tx = new TranscriptionPage(page);
  await app.open(server.loginUrl);
  await tx.$.panel.getByTestId('openai-test').click();
  await expect(tx.$.panel.getByTestId('openai-test-result')).toHaveAttribute('data-result', 'ok');

  await app.addFolder(recordings);
  await expect(app.$.callRows).toHaveCount(3);
  await app.$.callRows.filter({ hasText: 'sess-7f3k9d' }).click();
  await expect(app.$.callDetail).toContainText('sess-7f3k9d');
  openai.fake.failNext(1, 401, { target: 'transcriptions' });
  await tx.transcribe();
  await expect(tx.$.failure).toContainText('Transcription failed: OpenAI rejected the API key (401)', { timeout: 30_000 });

  await tx.openJobs();
  const failed = tx.$.jobItems.first();
  await expect(failed).toHaveAttribute('data-state', 'failed');
  await expect(failed.getByTestId('job-error')).toContainText('rejected the API key');
  await expect(page.getByTestId('jobs-failed-badge')).toHaveText('1 failed');
  await page.screenshot({ path: join(shots, 'transcription-failed.png') });
  await failed.getByTestId('job-retry').click();
  await expect(failed).toHaveAttribute('data-state', 'succeeded', { timeout: 30_000 });
  await expect(tx.$.failure).toHaveCount(0);
  await expect(tx.$.versionOption(2)).toContainText('active');
  await expect(page.getByTestId('jobs-failed-badge')).toHaveCount(0);
});
