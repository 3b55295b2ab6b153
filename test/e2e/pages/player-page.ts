import type { Locator, Page } from '@playwright/test';

/** Where things are in the open call's audio player; no behaviour beyond reading what the page shows. */
export class PlayerLocators {
  readonly player: Locator;
  readonly unavailable: Locator;
  readonly lanes: Locator;
  readonly waveform: Locator;
  readonly playButton: Locator;
  readonly timeCurrent: Locator;
  readonly speedSelect: Locator;
  readonly shortcutsOverlay: Locator;
  readonly error: Locator;
  readonly activeLine: Locator;
  readonly zoomLevel: Locator;
  readonly loopToggle: Locator;
  readonly loopClear: Locator;

  constructor(page: Page) {
    this.player = page.getByTestId('player');
    this.unavailable = page.getByTestId('player-unavailable');
    this.lanes = this.player.getByTestId('player-lane');
    this.waveform = this.player.getByTestId('waveform');
    this.playButton = this.player.getByTestId('play-button');
    this.timeCurrent = this.player.getByTestId('time-current');
    this.speedSelect = this.player.getByTestId('speed-select');
    this.shortcutsOverlay = page.getByTestId('shortcuts-overlay');
    this.error = this.player.getByTestId('player-error');
    this.activeLine = page.locator('[data-testid="transcript-line"][data-active="true"]');
    this.zoomLevel = this.player.getByTestId('zoom-level');
    this.loopToggle = this.player.getByTestId('loop-toggle');
    this.loopClear = this.player.getByTestId('loop-clear');
  }

  /** The solo or mute button of a channel (0-based). */
  solo(channel: number): Locator {
    return this.player.getByTestId(`solo-${channel}`);
  }

  mute(channel: number): Locator {
    return this.player.getByTestId(`mute-${channel}`);
  }
}

/** What the media element and the drawn waveform are doing, read from the page. */
export interface MediaState {
  currentTime: number;
  playbackRate: number;
  preservesPitch: boolean;
  paused: boolean;
}

/** The audio player, with readers for what a test cannot see through the DOM alone. */
export class PlayerPage {
  readonly $: PlayerLocators;

  constructor(readonly page: Page) {
    this.$ = new PlayerLocators(page);
  }

  /** The state of the player's <audio> element. */
  async media(): Promise<MediaState> {
    return this.$.player.locator('audio').evaluate((el: HTMLAudioElement) => ({
      currentTime: el.currentTime,
      playbackRate: el.playbackRate,
      preservesPitch: el.preservesPitch,
      paused: el.paused,
    }));
  }

  /** The shown current time in seconds, parsed from m:ss.t. */
  async shownTime(): Promise<number> {
    const text = (await this.$.timeCurrent.textContent()) ?? '';
    const parts = text.split(':').map(Number);
    return parts.reduce((acc, p) => acc * 60 + p, 0);
  }

  /** Per lane, how many canvas pixels wavesurfer drew (not transparent) — zero means a blank lane. */
  async drawnPixelsPerLane(): Promise<number[]> {
    return this.$.waveform.evaluate((el) => {
      const root = el.firstElementChild?.shadowRoot;
      if (!root) return [];
      // wavesurfer puts one div per channel under .canvases; each holds that lane's canvases.
      const lanes = [...root.querySelectorAll('.canvases > div')];
      return lanes.map((lane) => {
        let drawn = 0;
        for (const canvas of lane.querySelectorAll('canvas')) {
          const ctx = canvas.getContext('2d');
          if (!ctx || canvas.width === 0 || canvas.height === 0) continue;
          const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
          for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) drawn++;
        }
        return drawn;
      });
    });
  }

  /** The index of the highlighted transcript line, or -1. */
  async activeIndex(): Promise<number> {
    return this.page
      .getByTestId('transcript-line')
      .evaluateAll((els) => els.findIndex((e) => e.getAttribute('data-active') === 'true'));
  }
}
