import { _electron as electron, expect, test } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary, SKIP_REASON } from './electron-binary.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const binary = findElectronBinary();

test.describe('Electron shell', () => {
  test.skip(!binary, SKIP_REASON);

  test('opens a sandboxed window that lists imported calls', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cr-electron-'));
    const app = await electron.launch({
      executablePath: binary!,
      args: [join(root, 'dist/main/index.js'), '--no-sandbox'],
      env: { ...process.env, CALLREVIEW_DATA_DIR: dataDir },
    });
    try {
      const page = await app.firstWindow();
      // No Node in the page, and the bridge exposes exactly the two functions of BridgeApi.
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
      expect(await page.evaluate(() => Object.keys((window as unknown as { api: object }).api).sort())).toEqual(['invoke', 'on']);
      await page.getByTestId('folder-path-input').or(page.getByTestId('add-folder-button')).first().waitFor();
      const info = await page.evaluate(async () => (window as unknown as { api: { invoke(c: string, i: unknown): Promise<unknown> } }).api.invoke('app:info', {}));
      expect(info).toMatchObject({ ok: true, value: { mode: 'electron', dataDir, canPickFolders: true } });
      const added = await page.evaluate(
        async (path) => (window as unknown as { api: { invoke(c: string, i: unknown): Promise<unknown> } }).api.invoke('sources:addFolder', { path }),
        join(root, 'test/fixtures/call_recordings'),
      );
      expect(added).toMatchObject({ ok: true, value: { report: { added: 3 } } });
      await expect(page.getByTestId('call-row')).toHaveCount(3);
    } finally {
      await app.close();
    }
  });
});
