import type { Locator, Page } from '@playwright/test';

/** Where things are for the review workflow: comments on the player, the Timeline and Scorecard tabs, rubrics, scored calls. */
export class ReviewLocators {
  readonly commentButton: Locator;
  readonly composer: Locator;
  readonly composerText: Locator;
  readonly composerPlace: Locator;
  /** A comment's label on the waveform (inside wavesurfer's shadow root; locators pierce it). */
  readonly commentMarkers: Locator;
  readonly commentRegions: Locator;
  readonly timelineTab: Locator;
  readonly scorecardTab: Locator;
  readonly timeline: Locator;
  readonly entries: Locator;
  readonly comments: Locator;
  readonly newRubric: Locator;
  readonly rubricEditor: Locator;
  readonly scorecard: Locator;
  readonly scorePercent: Locator;
  readonly scoredButton: Locator;
  readonly scored: Locator;

  constructor(page: Page) {
    const detail = page.getByTestId('call-detail');
    const player = detail.getByTestId('player');
    this.commentButton = player.getByTestId('comment-button');
    this.composer = player.getByTestId('comment-composer');
    this.composerText = this.composer.getByTestId('comment-composer-text');
    this.composerPlace = this.composer.getByTestId('comment-composer-place');
    this.commentMarkers = player.getByTestId('waveform').getByTestId('comment-marker');
    this.commentRegions = player.getByTestId('waveform').getByTestId('comment-region');
    this.timelineTab = detail.getByRole('tab', { name: 'Timeline' });
    this.scorecardTab = detail.getByRole('tab', { name: 'Scorecard' });
    this.timeline = detail.getByTestId('timeline-panel');
    this.entries = this.timeline.getByTestId('timeline-entry');
    this.comments = detail.getByTestId('comments-panel').getByTestId('comment');
    this.newRubric = page.getByTestId('new-rubric');
    this.rubricEditor = page.getByTestId('rubric-editor');
    this.scorecard = detail.getByTestId('scorecard');
    this.scorePercent = this.scorecard.getByTestId('score-percent');
    this.scoredButton = page.getByTestId('scored-calls-button');
    this.scored = page.getByTestId('scored-calls');
  }

  /** Timeline entries of one activity type. */
  entriesOf(type: string): Locator {
    return this.timeline.locator(`[data-testid="timeline-entry"][data-type="${type}"]`);
  }

  /** A type chip of the timeline's filter (function_call, comment, …). */
  chip(key: string): Locator {
    return this.timeline.locator(`[data-testid="timeline-chip"][data-chip="${key}"]`);
  }

  /** A criterion row of the open scorecard, by its text. */
  criterion(text: string): Locator {
    return this.scorecard.getByTestId('criterion').filter({ hasText: text });
  }
}

/** What a reviewer does to comment on, score and go through calls. */
export class ReviewPage {
  readonly $: ReviewLocators;

  constructor(readonly page: Page) {
    this.$ = new ReviewLocators(page);
  }

  /** Adds a comment at the playhead with the C key. */
  async commentHere(text: string): Promise<void> {
    await this.page.keyboard.press('c');
    await this.$.composerText.fill(text);
    await this.$.composerText.press('Enter');
    await this.$.composer.waitFor({ state: 'detached' });
  }

  /** Creates a rubric in the editor: sections of criteria, `[text, kind, autoFail]`; the first criterion row of each section is filled, others added. */
  async createRubric(name: string, sections: Array<{ title: string; weight?: number; criteria: Array<{ text: string; kind?: 'yesno' | 'scale'; autoFail?: boolean }> }>): Promise<void> {
    await this.$.newRubric.click();
    const ed = this.$.rubricEditor;
    await ed.getByTestId('rubric-name').fill(name);
    for (const [si, s] of sections.entries()) {
      if (si > 0) await ed.getByTestId('add-section').click();
      const section = ed.getByTestId('rubric-section').nth(si);
      await section.getByTestId('section-title').fill(s.title);
      if (s.weight !== undefined) await section.getByTestId('section-weight').fill(String(s.weight));
      for (const [ci, c] of s.criteria.entries()) {
        if (ci > 0) await section.getByTestId('add-criterion').click();
        const row = section.getByTestId('rubric-criterion').nth(ci);
        await row.getByTestId('criterion-text').fill(c.text);
        if (c.kind !== undefined) await row.getByTestId('criterion-kind').selectOption(c.kind);
        if (c.autoFail === true) await row.getByTestId('criterion-autofail').check();
      }
    }
    await ed.getByTestId('rubric-save').click();
  }

  /** Answers a criterion of the open scorecard. */
  async answer(criterion: string, value: string): Promise<void> {
    await this.$.criterion(criterion).getByTestId(`answer-${value}`).check();
  }
}
