import type { Locator, Page } from '@playwright/test';

/** Where things are for transcription: the open call's controls and versions, the dialogs, the jobs drawer, the settings. */
export class TranscriptionLocators {
  readonly detail: Locator;
  readonly transcribeButton: Locator;
  readonly retranscribeButton: Locator;
  readonly status: Locator;
  readonly percent: Locator;
  readonly failure: Locator;
  readonly failureRetry: Locator;
  readonly versionPicker: Locator;
  readonly versionOptions: Locator;
  readonly activeBadge: Locator;
  readonly makeActive: Locator;
  readonly compareButton: Locator;
  readonly transcript: Locator;
  readonly dialog: Locator;
  readonly compare: Locator;
  readonly compareSummary: Locator;
  readonly jobsButton: Locator;
  readonly jobsPanel: Locator;
  readonly jobItems: Locator;
  readonly panel: Locator;

  constructor(page: Page) {
    this.detail = page.getByTestId('call-detail');
    this.transcribeButton = this.detail.getByTestId('transcribe-button');
    this.retranscribeButton = this.detail.getByTestId('retranscribe-button');
    this.status = this.detail.getByTestId('transcribe-status');
    this.percent = this.status.getByTestId('job-percent');
    this.failure = this.detail.getByTestId('transcribe-failure');
    this.failureRetry = this.failure.getByTestId('transcribe-retry');
    this.versionPicker = this.detail.getByTestId('version-picker');
    this.versionOptions = this.versionPicker.locator('option');
    this.activeBadge = this.detail.getByTestId('version-active');
    this.makeActive = this.detail.getByTestId('make-active');
    this.compareButton = this.detail.getByTestId('compare-button');
    this.transcript = this.detail.locator('section.transcript');
    this.dialog = page.getByTestId('retranscribe-dialog');
    this.compare = page.getByTestId('compare-dialog');
    this.compareSummary = this.compare.getByTestId('compare-summary');
    this.jobsButton = page.getByTestId('jobs-button');
    this.jobsPanel = page.getByTestId('jobs-panel');
    this.jobItems = this.jobsPanel.getByTestId('job-item');
    this.panel = page.getByTestId('transcription-panel');
  }

  /** The option of the version picker for version n. */
  versionOption(n: number): Locator {
    return this.versionOptions.filter({ hasText: new RegExp(`^v${n} ·`) });
  }
}

/** What a reviewer does to transcribe calls and work with their versions. */
export class TranscriptionPage {
  readonly $: TranscriptionLocators;

  constructor(readonly page: Page) {
    this.$ = new TranscriptionLocators(page);
  }

  /** Records every text the call's transcription status shows, however briefly, so a fast job cannot slip past the test. */
  async watchStatus(): Promise<void> {
    await this.page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { statusSeen: string[] }).statusSeen = seen;
      new MutationObserver(() => {
        const text = document.querySelector('[data-testid="transcribe-status"]')?.textContent ?? null;
        if (text !== null && seen.at(-1) !== text) seen.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
  }

  /** The status texts seen since watchStatus. */
  statusSeen(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as { statusSeen: string[] }).statusSeen);
  }

  /** Presses Transcribe on the open call. */
  async transcribe(): Promise<void> {
    await this.$.transcribeButton.click();
  }

  /** Opens Re-transcribe…, picks a language and a prompt, and submits. */
  async retranscribe(opts: { language: string; prompt: string }): Promise<void> {
    await this.$.retranscribeButton.click();
    await this.$.dialog.getByLabel('Language').selectOption(opts.language);
    await this.$.dialog.getByLabel('Extra prompt for this run').fill(opts.prompt);
    await this.$.dialog.getByTestId('retranscribe-submit').click();
  }

  /** Chooses version n in the picker (views it). */
  async viewVersion(n: number): Promise<void> {
    const value = await this.$.versionOption(n).getAttribute('value');
    await this.$.versionPicker.selectOption(value ?? '');
  }

  /** Opens the jobs drawer from the sidebar. */
  async openJobs(): Promise<void> {
    await this.$.jobsButton.click();
  }
}
