import { defineConfig } from '@playwright/test';
import { findElectronBinary, SKIP_REASON } from './electron-binary.js';

if (!findElectronBinary()) console.log(`e2e-electron: SKIPPED — ${SKIP_REASON}`);

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  workers: 1,
  timeout: 60_000,
  outputDir: '../../test-results/e2e-electron',
  reporter: [['list'], ['json', { outputFile: '../../test-results/e2e-electron.json' }]],
});
