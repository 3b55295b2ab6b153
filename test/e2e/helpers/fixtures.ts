import { test as base, type TestInfo } from '@playwright/test';
import { startBrowserMode, type BrowserModeOptions, type BrowserModeServer } from './browser-mode.js';

/** Runs a browser-mode server around one test, attaching its output when the test failed. */
export async function useServer(options: BrowserModeOptions, use: (server: BrowserModeServer) => Promise<void>, testInfo: TestInfo): Promise<void> {
  const server = await startBrowserMode(options);
  try {
    await use(server);
  } finally {
    if (testInfo.status !== testInfo.expectedStatus) {
      await testInfo.attach('server-output.txt', { body: server.output(), contentType: 'text/plain' });
    }
    await server.stop();
  }
}

/** Playwright's test with a `server` fixture: a fresh browser-mode server for each test. */
export const test = base.extend<{ server: BrowserModeServer }>({
  // Playwright reads fixture dependencies from the destructuring pattern; this one has none.
  // eslint-disable-next-line no-empty-pattern
  server: async ({}, use, testInfo) => useServer({}, use, testInfo),
});

export { expect } from '@playwright/test';
