import { test as base } from '@playwright/test';
import { startBrowserMode, type BrowserModeServer } from './browser-mode.js';

/** Playwright's test with a `server` fixture: a fresh browser-mode server for each test. */
export const test = base.extend<{ server: BrowserModeServer }>({
  // Playwright reads fixture dependencies from the destructuring pattern; this one has none.
  // eslint-disable-next-line no-empty-pattern
  server: async ({}, use, testInfo) => {
    const server = await startBrowserMode();
    try {
      await use(server);
    } finally {
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach('server-output.txt', { body: server.output(), contentType: 'text/plain' });
      }
      await server.stop();
    }
  },
});

export { expect } from '@playwright/test';
