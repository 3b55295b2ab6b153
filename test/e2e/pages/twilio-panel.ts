import type { Locator, Page } from '@playwright/test';

/** Where things are in the sidebar's Twilio section and in a Twilio call's detail. */
export class TwilioLocators {
  readonly panel: Locator;
  readonly account: Locator;
  readonly apiUrl: Locator;
  readonly lastSync: Locator;
  readonly testButton: Locator;
  readonly testResult: Locator;
  readonly syncButton: Locator;
  readonly progress: Locator;
  readonly summary: Locator;
  readonly failures: Locator;
  readonly deleteAfterDownload: Locator;
  readonly confirmDialog: Locator;
  readonly channelRoles: Locator;
  readonly swapChannels: Locator;
  private readonly detail: Locator;

  constructor(page: Page) {
    this.panel = page.getByTestId('twilio-panel');
    this.account = this.panel.getByTestId('twilio-account');
    this.apiUrl = this.panel.getByTestId('twilio-api-url');
    this.lastSync = this.panel.getByTestId('twilio-last-sync');
    this.testButton = this.panel.getByTestId('twilio-test');
    this.testResult = this.panel.getByTestId('twilio-test-result');
    this.syncButton = this.panel.getByTestId('twilio-sync');
    this.progress = this.panel.getByTestId('twilio-progress');
    this.summary = this.panel.getByTestId('twilio-summary');
    this.failures = this.summary.getByTestId('twilio-failure');
    this.deleteAfterDownload = this.panel.getByLabel('Delete recordings from Twilio after a verified download');
    this.confirmDialog = page.getByRole('alertdialog');
    this.detail = page.getByTestId('call-detail');
    this.channelRoles = this.detail.getByTestId('channel-roles');
    this.swapChannels = this.detail.getByTestId('swap-channels');
  }

  /** One count of the sync summary (downloaded, alreadyHad, pending, unavailable, missing, failed). */
  summaryCount(field: string): Locator {
    return this.summary.locator(`[data-field="${field}"]`);
  }

  /** A party row (from, to) of the open call. */
  party(role: string): Locator {
    return this.detail.getByTestId(`party-${role}`);
  }
}

/** What a reviewer does in the Twilio section. */
export class TwilioPanel {
  readonly $: TwilioLocators;

  constructor(readonly page: Page) {
    this.$ = new TwilioLocators(page);
  }

  /** Presses Test connection. */
  async testConnection(): Promise<void> {
    await this.$.testButton.click();
  }

  /** Presses Sync now. */
  async syncNow(): Promise<void> {
    await this.$.syncButton.click();
  }

  /** Presses Swap channels in the open call's detail. */
  async swapChannels(): Promise<void> {
    await this.$.swapChannels.click();
  }
}
