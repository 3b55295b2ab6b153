import type { Locator, Page } from '@playwright/test';

/** Where things are for analysis: the call's Analysis tab and its charts, the dashboard, the call list's filter chip. */
export class AnalysisLocators {
  readonly analysisTab: Locator;
  readonly transcriptTab: Locator;
  readonly panel: Locator;
  readonly analyzeButton: Locator;
  readonly analyzeStatus: Locator;
  readonly summary: Locator;
  readonly run: Locator;
  readonly sentimentChart: Locator;
  readonly sentimentPlot: Locator;
  readonly talkTime: Locator;
  readonly latencyChart: Locator;
  readonly actionItems: Locator;
  readonly questions: Locator;
  readonly qaFlags: Locator;
  readonly dashboardButton: Locator;
  readonly callsButton: Locator;
  readonly dashboard: Locator;
  readonly dayBars: Locator;
  readonly filterChip: Locator;
  readonly filterClear: Locator;
  readonly tagInput: Locator;
  readonly tagChips: Locator;
  readonly tagFilter: Locator;

  constructor(page: Page) {
    const detail = page.getByTestId('call-detail');
    this.analysisTab = detail.getByRole('tab', { name: 'Analysis' });
    this.transcriptTab = detail.getByRole('tab', { name: 'Transcript' });
    this.panel = detail.getByTestId('analysis-panel');
    this.analyzeButton = this.panel.getByTestId('analyze-button');
    this.analyzeStatus = this.panel.getByTestId('analyze-status');
    this.summary = this.panel.getByTestId('analysis-summary');
    this.run = this.panel.getByTestId('analysis-run');
    this.sentimentChart = this.panel.getByTestId('sentiment-chart');
    this.sentimentPlot = this.sentimentChart.locator('.timeline-plot');
    this.talkTime = this.panel.getByTestId('talk-time');
    this.latencyChart = this.panel.getByTestId('latency-chart');
    this.actionItems = this.panel.getByTestId('action-item');
    this.questions = this.panel.getByTestId('question');
    this.qaFlags = this.panel.getByTestId('qa-flag');
    this.dashboardButton = page.getByTestId('view-dashboard');
    this.callsButton = page.getByTestId('view-calls');
    this.dashboard = page.getByTestId('dashboard');
    this.dayBars = this.dashboard.getByTestId('dash-calls-per-day').locator('path.recharts-rectangle');
    this.filterChip = page.getByTestId('list-filter-chip');
    this.filterClear = page.getByTestId('list-filter-clear');
    this.tagInput = detail.getByTestId('call-tags').getByLabel('Add a tag');
    this.tagChips = detail.getByTestId('call-tag');
    this.tagFilter = this.dashboard.getByTestId('dash-tag');
  }

  /** A dashboard card by its test id (dash-calls-per-day, dash-latency, …). */
  card(id: string): Locator {
    return this.dashboard.getByTestId(id);
  }
}

/** What a reviewer does to analyse calls and read the dashboard. */
export class AnalysisPage {
  readonly $: AnalysisLocators;

  constructor(readonly page: Page) {
    this.$ = new AnalysisLocators(page);
  }

  /** Shows the open call's Analysis tab. */
  async openTab(): Promise<void> {
    await this.$.analysisTab.click();
  }

  /** Presses Run analysis (or Re-run) and waits until the summary of a finished run shows. */
  async runAnalysis(): Promise<void> {
    await this.$.analyzeButton.click();
    await this.$.summary.waitFor({ timeout: 30_000 });
    await this.$.analyzeStatus.waitFor({ state: 'detached', timeout: 30_000 });
  }

  /** Types a tag into the open call's tag editor and presses Enter. */
  async addTag(tag: string): Promise<void> {
    await this.$.tagInput.fill(tag);
    await this.$.tagInput.press('Enter');
  }

  /** The left edge and width of an element on the page, in CSS pixels. */
  async box(locator: Locator): Promise<{ x: number; width: number }> {
    const b = await locator.boundingBox();
    if (b === null) throw new Error('element is not visible');
    return { x: b.x, width: b.width };
  }
}
