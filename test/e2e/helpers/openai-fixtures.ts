import { test as base } from '@playwright/test';
import { FakeOpenAI } from '../../fakes/openai/fake-openai.js';
import type { BrowserModeServer } from './browser-mode.js';
import { useServer } from './fixtures.js';

/** The loopback fake OpenAI of a test and the base URL it serves (with /v1). */
export interface OpenAiFake {
  fake: FakeOpenAI;
  baseUrl: string;
}

/**
 * Playwright's test with a fake OpenAI that knows the fixture calls' scripts (each answer takes 800 ms,
 * so progress can be watched) and a browser-mode server whose OPENAI_* point at it.
 */
export const test = base.extend<{ openai: OpenAiFake; server: BrowserModeServer }>({
  // eslint-disable-next-line no-empty-pattern
  openai: async ({}, use) => {
    const fake = new FakeOpenAI({ latencyMs: 800 });
    fake.addFixtureScripts();
    const baseUrl = await fake.start();
    try {
      await use({ fake, baseUrl });
    } finally {
      await fake.stop();
    }
  },
  server: async ({ openai }, use, testInfo) =>
    useServer({ env: { OPENAI_API_KEY: openai.fake.apiKey, OPENAI_BASE_URL: openai.baseUrl } }, use, testInfo),
});

export { expect } from '@playwright/test';
