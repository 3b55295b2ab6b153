/**
 * Per-channel gain for one media element through Web Audio:
 * element → ChannelSplitter(2) → a GainNode per channel → ChannelMerger(2) → master gain → speakers.
 * The graph is built on first play, not on load: an AudioContext made without a user gesture starts
 * suspended, and once an element feeds a MediaElementSource it is only heard through that context.
 */
export class ChannelMixer {
  private ctx: AudioContext | null = null;
  private nodes: GainNode[] = [];
  private master: GainNode | null = null;
  private gains: number[];
  private volume = 1;

  constructor(
    private readonly media: HTMLMediaElement,
    private readonly channels: number,
  ) {
    this.gains = Array.from({ length: Math.max(1, channels) }, () => 1);
  }

  /** True once the Web Audio graph exists. */
  get live(): boolean {
    return this.ctx !== null;
  }

  /** Builds the graph if needed and wakes a suspended context; call from play (a user gesture). */
  ensure(): void {
    if (this.ctx !== null) {
      if (this.ctx.state === 'suspended') void this.ctx.resume();
      return;
    }
    const ctx = new AudioContext();
    const source = ctx.createMediaElementSource(this.media);
    const split = ctx.createChannelSplitter(2);
    const merge = ctx.createChannelMerger(2);
    const master = ctx.createGain();
    source.connect(split);
    const nodes = [ctx.createGain(), ctx.createGain()] as const;
    split.connect(nodes[0], 0);
    split.connect(nodes[1], 1);
    if (this.channels >= 2) {
      nodes[0].connect(merge, 0, 0);
      nodes[1].connect(merge, 0, 1);
    } else {
      // A mono file splits into the signal and silence: send the signal to both ears.
      nodes[0].connect(merge, 0, 0);
      nodes[0].connect(merge, 0, 1);
    }
    merge.connect(master).connect(ctx.destination);
    this.ctx = ctx;
    this.nodes = [...nodes];
    this.master = master;
    this.apply();
    if (ctx.state === 'suspended') void ctx.resume();
  }

  /** Sets each channel's gain (0 silences it). */
  setGains(gains: readonly number[]): void {
    this.gains = [...gains];
    this.apply();
  }

  /** Sets the overall volume, 0..1. */
  setVolume(volume: number): void {
    this.volume = volume;
    this.apply();
  }

  /** The gains the graph plays with now, per channel (the wanted ones until it exists). */
  currentGains(): number[] {
    return this.gains.map((g, i) => this.nodes[i]?.gain.value ?? g);
  }

  /** Closes the audio context; the element cannot be re-routed afterwards, so only call it when dropping the element. */
  close(): void {
    void this.ctx?.close();
    this.ctx = null;
    this.nodes = [];
    this.master = null;
  }

  private apply(): void {
    if (this.master === null) {
      // Without the graph the element's own volume is the only control.
      this.media.volume = this.volume;
      return;
    }
    // With the graph, volume lives on the master gain so it is not applied twice.
    this.media.volume = 1;
    this.master.gain.value = this.volume;
    this.nodes.forEach((node, i) => (node.gain.value = this.gains[i] ?? 1));
  }
}
