import { test as base } from '@playwright/test';
import { FakeTwilio } from '../../fakes/twilio/fake-twilio.js';
import type { BrowserModeServer } from './browser-mode.js';
import { useServer } from './fixtures.js';

/** Playwright's test with a loopback fake Twilio and a browser-mode server whose TWILIO_* point at it. */
export const test = base.extend<{ fake: FakeTwilio; server: BrowserModeServer }>({
  // eslint-disable-next-line no-empty-pattern
  fake: async ({}, use) => {
    const fake = await FakeTwilio.start();
    try {
      await use(fake);
    } finally {
      await fake.stop();
    }
  },
  server: async ({ fake }, use, testInfo) =>
    useServer(
      { env: { TWILIO_ACCOUNT_SID: fake.accountSid, TWILIO_AUTH_TOKEN: fake.authToken, TWILIO_API_BASE_URL: fake.baseUrl } },
      use,
      testInfo,
    ),
});

export { expect } from '@playwright/test';
