import type { Download, Locator, Page } from '@playwright/test';
import type { ExportFormat } from '../../../shared/export.js';

/** Where things are for exports: the call header's button, the marked bar's, and the dialog. */
export class ExportLocators {
  readonly callButton: Locator;
  readonly markedButton: Locator;
  readonly dialog: Locator;
  readonly submit: Locator;
  readonly redact: Locator;
  readonly progress: Locator;
  readonly result: Locator;
  readonly dir: Locator;
  readonly links: Locator;
  readonly close: Locator;

  constructor(page: Page) {
    this.callButton = page.getByTestId('export-button');
    this.markedButton = page.getByTestId('marked-export');
    this.dialog = page.getByTestId('export-dialog');
    this.submit = this.dialog.getByTestId('export-submit');
    this.redact = this.dialog.getByTestId('export-redact');
    this.progress = this.dialog.getByTestId('export-progress');
    this.result = this.dialog.getByTestId('export-result');
    this.dir = this.dialog.getByTestId('export-dir');
    this.links = this.dialog.getByTestId('export-file-link');
    this.close = this.dialog.getByTestId('export-close');
  }

  /** A format's checkbox in the dialog. */
  format(f: ExportFormat): Locator {
    return this.dialog.getByTestId(`export-format-${f}`);
  }
}

/** What a reviewer does to export. */
export class ExportPage {
  readonly $: ExportLocators;

  constructor(readonly page: Page) {
    this.$ = new ExportLocators(page);
  }

  /** Ticks exactly these formats in the open dialog. */
  async chooseFormats(formats: readonly ExportFormat[]): Promise<void> {
    for (const f of ['txt', 'json', 'srt', 'vtt', 'csv', 'pdf', 'wav'] as const) await this.$.format(f).setChecked(formats.includes(f));
  }

  /** Clicks a download link and waits for the browser's download of it. */
  async download(name: string): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.$.links.filter({ hasText: name }).click()]);
    return download;
  }
}
