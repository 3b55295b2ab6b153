import type { Locator, Page } from '@playwright/test';

/** Where things are for transcript search: the box, the results view, the open call's hit bar, saved searches. */
export class SearchLocators {
  readonly input: Locator;
  readonly view: Locator;
  readonly viewButton: Locator;
  readonly callsButton: Locator;
  readonly groups: Locator;
  readonly hits: Locator;
  readonly total: Locator;
  readonly echo: Locator;
  readonly plain: Locator;
  readonly none: Locator;
  readonly markAll: Locator;
  readonly markedBar: Locator;
  readonly hitBar: Locator;
  readonly hitPos: Locator;
  readonly hitLine: Locator;
  readonly saved: Locator;
  readonly saveButton: Locator;
  readonly saveName: Locator;
  readonly saveSubmit: Locator;

  constructor(page: Page) {
    this.input = page.getByTestId('search-input');
    this.view = page.getByTestId('search-view');
    this.viewButton = page.getByTestId('view-search');
    this.callsButton = page.getByTestId('view-calls');
    this.groups = this.view.getByTestId('search-group');
    this.hits = this.view.getByTestId('search-hit');
    this.total = this.view.getByTestId('search-total');
    this.echo = this.view.getByTestId('search-echo');
    this.plain = this.view.getByTestId('search-plain');
    this.none = this.view.getByTestId('search-none');
    this.markAll = this.view.getByTestId('search-mark-all');
    this.markedBar = page.getByTestId('marked-bar');
    this.hitBar = page.getByTestId('search-hit-bar');
    this.hitPos = page.getByTestId('search-hit-pos');
    this.hitLine = page.locator('[data-testid="transcript-line"][data-search-hit="true"]');
    this.saved = page.getByTestId('saved-search');
    this.saveButton = page.getByTestId('saved-search-add');
    this.saveName = page.getByTestId('saved-search-name');
    this.saveSubmit = page.getByTestId('saved-search-submit');
  }
}

/** What a reviewer does with search. */
export class SearchPage {
  readonly $: SearchLocators;

  constructor(readonly page: Page) {
    this.$ = new SearchLocators(page);
  }

  /** Replaces the box's text by typing it key by key (search as you type), without pressing Enter. */
  async type(text: string): Promise<void> {
    await this.$.input.fill('');
    await this.$.input.pressSequentially(text);
  }

  /** The hits shown for one call, found by its external id in the group headers. */
  async hitsOf(externalId: string): Promise<Locator> {
    const callId = await this.$.groups.filter({ hasText: externalId }).getAttribute('data-call-id');
    return this.$.hits.and(this.page.locator(`[data-call-id="${callId ?? ''}"]`));
  }

  /** Saves the current search under a name from the sidebar. */
  async save(name: string): Promise<void> {
    await this.$.saveButton.click();
    await this.$.saveName.fill(name);
    await this.$.saveSubmit.click();
  }
}
