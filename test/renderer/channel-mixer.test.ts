import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChannelMixer } from '../../renderer/src/player/channel-mixer.js';

/** A Web Audio node that records what it is connected to. */
class FakeNode {
  readonly links: Array<{ to: FakeNode; output: number; input: number }> = [];
  readonly gain = { value: 1 };
  constructor(readonly kind: string) {}
  connect(to: FakeNode, output = 0, input = 0): FakeNode {
    this.links.push({ to, output, input });
    return to;
  }
}

/** Just enough of AudioContext for the mixer's graph. */
class FakeAudioContext {
  static last: FakeAudioContext | null = null;
  state = 'suspended';
  readonly destination = new FakeNode('destination');
  readonly made: FakeNode[] = [];
  resume = vi.fn(async () => {
    this.state = 'running';
  });
  close = vi.fn(async () => {});
  constructor() {
    FakeAudioContext.last = this;
  }
  private make(kind: string): FakeNode {
    const node = new FakeNode(kind);
    this.made.push(node);
    return node;
  }
  createMediaElementSource = () => this.make('source');
  createChannelSplitter = () => this.make('splitter');
  createChannelMerger = () => this.make('merger');
  createGain = () => this.make('gain');
}

/** The fake element: only volume matters to the mixer. */
const media = () => ({ volume: 1 }) as unknown as HTMLMediaElement;

afterEach(() => {
  vi.unstubAllGlobals();
  FakeAudioContext.last = null;
});

describe('ChannelMixer', () => {
  it('uses the element volume until the graph exists, and builds nothing before ensure()', () => {
    vi.stubGlobal('AudioContext', FakeAudioContext);
    const el = media();
    const mixer = new ChannelMixer(el, 2);
    mixer.setVolume(0.4);
    mixer.setGains([0, 1]);
    expect(el.volume).toBe(0.4);
    expect(mixer.live).toBe(false);
    expect(FakeAudioContext.last).toBeNull();
    expect(mixer.currentGains()).toEqual([0, 1]);
  });

  it('routes each stereo channel through its own gain to its own side, with volume on the master', () => {
    vi.stubGlobal('AudioContext', FakeAudioContext);
    const el = media();
    const mixer = new ChannelMixer(el, 2);
    mixer.setVolume(0.5);
    mixer.setGains([1, 0]);
    mixer.ensure();
    const ctx = FakeAudioContext.last!;
    expect(ctx.resume).toHaveBeenCalled();
    const [source, splitter, merger, master, g0, g1] = ctx.made as [FakeNode, FakeNode, FakeNode, FakeNode, FakeNode, FakeNode];
    expect(source.links.map((l) => l.to)).toEqual([splitter]);
    expect(splitter.links).toEqual([
      { to: g0, output: 0, input: 0 },
      { to: g1, output: 1, input: 0 },
    ]);
    expect(g0.links).toEqual([{ to: merger, output: 0, input: 0 }]);
    expect(g1.links).toEqual([{ to: merger, output: 0, input: 1 }]);
    expect(merger.links.map((l) => l.to)).toEqual([master]);
    expect(master.links.map((l) => l.to)).toEqual([ctx.destination]);
    expect([g0.gain.value, g1.gain.value]).toEqual([1, 0]);
    expect(master.gain.value).toBe(0.5);
    // Volume moved to the graph so it is not applied twice.
    expect(el.volume).toBe(1);
    mixer.setGains([0, 1]);
    expect(mixer.currentGains()).toEqual([0, 1]);
    mixer.ensure();
    expect(ctx.made).toHaveLength(6);
  });

  it('sends a mono file to both ears', () => {
    vi.stubGlobal('AudioContext', FakeAudioContext);
    const mixer = new ChannelMixer(media(), 1);
    mixer.ensure();
    const [, , merger, , g0, g1] = FakeAudioContext.last!.made as FakeNode[];
    expect(g0!.links).toEqual([
      { to: merger, output: 0, input: 0 },
      { to: merger, output: 0, input: 1 },
    ]);
    expect(g1!.links).toEqual([]);
    expect(mixer.currentGains()).toEqual([1]);
  });
});
