import type { Locator, Page } from '@playwright/test';
import { TwilioPanel } from './twilio-panel.js';

/** Where things are on the main window; no behaviour, so tests and actions share one map. */
export class AppLocators {
  readonly emptyState: Locator;
  readonly folderPathInput: Locator;
  readonly addFolderButton: Locator;
  readonly sourceItems: Locator;
  readonly importProgress: Locator;
  readonly importWarningsButton: Locator;
  readonly importWarnings: Locator;
  readonly errorBanner: Locator;
  readonly callList: Locator;
  readonly callRows: Locator;
  readonly callDetail: Locator;
  readonly transcriptLines: Locator;
  readonly functionCalls: Locator;

  constructor(page: Page) {
    this.emptyState = page.getByTestId('empty-state');
    this.folderPathInput = page.getByTestId('folder-path-input');
    this.addFolderButton = page.getByTestId('add-folder-button');
    this.sourceItems = page.getByTestId('source-item');
    this.importProgress = page.getByTestId('import-progress');
    this.importWarningsButton = page.getByRole('button', { name: /^Import warnings/ });
    this.importWarnings = page.getByTestId('import-warnings');
    this.errorBanner = page.getByTestId('error-banner');
    this.callList = page.getByRole('grid', { name: 'Calls' });
    this.callRows = page.getByTestId('call-row');
    this.callDetail = page.getByTestId('call-detail');
    this.transcriptLines = this.callDetail.getByTestId('transcript-line');
    this.functionCalls = this.callDetail.getByTestId('function-call');
  }

  /** The sort button of a column header (Started, Source or Duration). */
  sortHeader(name: 'Started' | 'Source' | 'Duration'): Locator {
    return this.callList.getByRole('button', { name: new RegExp(`^${name}`) });
  }

  /** Transcript lines spoken by one speaker (caller, agent, bot). */
  linesBy(speaker: string): Locator {
    return this.callDetail.locator(`[data-testid="transcript-line"][data-speaker="${speaker}"]`);
  }
}

/** What a reviewer does on the main window. */
export class AppPage {
  readonly $: AppLocators;
  /** The sidebar's Twilio section. */
  readonly twilio: TwilioPanel;

  constructor(readonly page: Page) {
    this.$ = new AppLocators(page);
    this.twilio = new TwilioPanel(page);
  }

  /** Opens a URL (the sign-in URL the server printed) and waits for the app to load. */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.getByRole('complementary', { name: 'Sources' }).waitFor();
  }

  /** Types a folder path into the sidebar field and adds it (browser mode). */
  async addFolder(path: string): Promise<void> {
    await this.$.folderPathInput.fill(path);
    await this.$.addFolderButton.click();
  }

  /** Opens the n-th call of the list (0-based) by clicking it. */
  async openCall(index: number): Promise<void> {
    await this.$.callRows.nth(index).click();
  }

  /** Clicks a column header to sort by it. */
  async sortBy(name: 'Started' | 'Source' | 'Duration'): Promise<void> {
    await this.$.sortHeader(name).click();
  }

  /** Opens the import warnings panel. */
  async openImportWarnings(): Promise<void> {
    await this.$.importWarningsButton.click();
  }
}
