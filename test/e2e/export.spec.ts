import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { parse as parseCsv } from 'csv-parse/sync';
import { CallExport } from '../../shared/export.js';
import { repoRoot } from './helpers/browser-mode.js';
import { expect, test } from './helpers/fixtures.js';
import { AppPage } from './pages/app-page.js';
import { ExportPage } from './pages/export-page.js';
import { SearchPage } from './pages/search-page.js';

const recordings = join(repoRoot, 'test', 'fixtures', 'call_recordings');
const shots = join(repoRoot, 'test-results', 'e2e');

/** Records page errors and console errors (a CSP violation shows up as one). */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  return problems;
}

/** Checks a batch folder: index.csv lists the calls, every listed file exists, and the JSON and CSV files parse. */
function checkBatch(dir: string, externalIds: string[]): void {
  const index = parseCsv(readFileSync(join(dir, 'index.csv')), { bom: true, columns: true }) as Record<string, string>[];
  expect(index.map((r) => r.external_id).sort()).toEqual([...externalIds].sort());
  for (const row of index) {
    expect(row.status).toBe('ok');
    const files = row.files!.split('; ');
    expect(files.map((f) => f.slice(f.lastIndexOf('.'))).sort()).toEqual(['.csv', '.json', '.txt']);
    for (const f of files) expect(existsSync(join(dir, f)), f).toBe(true);
    const json = CallExport.parse(JSON.parse(readFileSync(join(dir, files.find((f) => f.endsWith('.json'))!), 'utf8')));
    expect(json.call.externalId).toBe(row.external_id);
    const csv = parseCsv(readFileSync(join(dir, files.find((f) => f.endsWith('.csv'))!)), { bom: true, columns: true }) as Record<string, string>[];
    expect(csv.map((r) => r.text)).toEqual(json.transcript!.segments.map((s) => s.text));
    expect(readFileSync(join(dir, files.find((f) => f.endsWith('.txt'))!), 'utf8')).toContain(`Call: ${row.external_id}`);
  }
}

test('exports a call as a PDF report from the call header and downloads it; exports two marked calls as a batch', async ({ page, server }, testInfo) => {
  test.setTimeout(120_000);
  const problems = watchProblems(page);
  const app = new AppPage(page);
  const ex = new ExportPage(page);
  await mkdir(shots, { recursive: true });
  await app.open(server.loginUrl);
  await app.addFolder(recordings);
  await expect(app.$.callRows).toHaveCount(3);

  // One call's PDF from the header's Export… button.
  await app.$.callRows.filter({ hasText: 'sess-a1b2c3' }).click();
  await expect(app.$.callDetail).toContainText('sess-a1b2c3');
  await ex.$.callButton.click();
  await expect(ex.$.dialog).toBeVisible();
  await expect(ex.$.format('pdf')).toBeChecked();
  await page.screenshot({ path: join(shots, 'export-dialog.png') });
  await ex.$.submit.click();
  await expect(ex.$.result).toBeVisible({ timeout: 30_000 });
  await expect(ex.$.links).toHaveCount(1);
  const download = await ex.download('.pdf');
  expect(download.suggestedFilename()).toBe('2026-03-02_091504_sess-a1b2c3_20260302_091504.pdf');
  const pdfPath = testInfo.outputPath('call.pdf');
  await download.saveAs(pdfPath);
  const text = execFileSync('/usr/bin/pdftotext', ['-enc', 'UTF-8', pdfPath, '-'], { encoding: 'utf8' });
  for (const needle of ['Call report', 'sess-a1b2c3', 'Zürich', 'Caller:', 'Bot:', 'Page 1 of']) expect(text).toContain(needle);
  expect((await ex.$.dir.textContent()) ?? '').toContain(join(server.dataDir, 'exports'));
  await ex.$.close.click();
  await expect(ex.$.dialog).toHaveCount(0);

  // Two marked calls as a batch: txt + csv + json, with progress, into one folder with index.csv.
  await app.$.callRows.filter({ hasText: 'sess-7f3k9d' }).click({ modifiers: ['ControlOrMeta'] });
  await app.$.callRows.filter({ hasText: 'sess-q4m8z2' }).click({ modifiers: ['ControlOrMeta'] });
  await expect(page.getByTestId('marked-bar')).toContainText('2 calls marked');
  await ex.$.markedButton.click();
  await ex.chooseFormats(['txt', 'csv', 'json']);
  await ex.$.submit.click();
  await expect(ex.$.result).toBeVisible({ timeout: 30_000 });
  await expect(ex.$.result).toContainText('7 files written');
  await expect(ex.$.links).toHaveCount(7);
  await page.screenshot({ path: join(shots, 'export-batch.png') });
  const dir = ((await ex.$.dir.textContent()) ?? '').trim();
  checkBatch(dir, ['sess-7f3k9d_20260311_144237', 'sess-q4m8z2_20260421_160351']);
  // The index downloads through the page's own session too.
  const index = await page.request.get(((await ex.$.links.filter({ hasText: 'index.csv' }).getAttribute('href')) ?? '').replace(/^/, server.origin));
  expect(index.status()).toBe(200);
  expect((await index.body()).equals(readFileSync(join(dir, 'index.csv')))).toBe(true);

  await expect(app.$.errorBanner).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('exports a batch from search results: mark the result calls, Export marked…, redacted', async ({ page, server }) => {
  test.setTimeout(120_000);
  const problems = watchProblems(page);
  const app = new AppPage(page);
  const ex = new ExportPage(page);
  const search = new SearchPage(page);
  await app.open(server.loginUrl);
  await app.addFolder(recordings);
  await expect(app.$.callRows).toHaveCount(3);

  await search.$.input.click();
  await search.type('refund OR card');
  await expect(search.$.groups).toHaveCount(2);
  await search.$.markAll.click();
  await expect(search.$.markedBar).toContainText('2 calls marked');
  await ex.$.markedButton.click();
  await ex.chooseFormats(['txt', 'csv', 'json']);
  await ex.$.redact.check();
  await ex.$.submit.click();
  await expect(ex.$.result).toBeVisible({ timeout: 30_000 });
  const dir = ((await ex.$.dir.textContent()) ?? '').trim();
  checkBatch(dir, ['sess-a1b2c3_20260302_091504', 'sess-7f3k9d_20260311_144237']);
  const f7 = parseCsv(readFileSync(join(dir, '2026-03-11_144237_sess-7f3k9d_20260311_144237.csv')), { bom: true, columns: true }) as Record<string, string>[];
  expect(f7.map((r) => r.text)).toEqual(['Phone [PHONE]. Email [EMAIL].', 'Updated.', 'Card [CARD].']);

  await expect(app.$.errorBanner).toHaveCount(0);
  expect(problems).toEqual([]);
});
