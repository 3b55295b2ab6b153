/**
 * Metrics of crafted transcripts whose overlaps, silences, turns and latencies are known exactly
 * (seconds to the millisecond, ratios to 4 decimals, wpm to 1 decimal).
 */
import { describe, expect, it } from 'vitest';
import { buildCallMetrics } from '../../../electron/core/analysis/call-metrics.js';
import { functionCallsOf } from '../../../electron/core/analysis/function-calls.js';
import { computeMetrics, countWords, speechFromSegments, wordsBySpeaker } from '../../../electron/core/analysis/metrics.js';
import { CallMetrics } from '../../../shared/analysis.js';
import type { Activity, Speaker } from '../../../shared/types.js';

type Seg = { speaker: Speaker; start: number; end: number; text: string };
const seg = (speaker: Speaker, start: number, end: number, text: string): Seg => ({ speaker, start, end, text });

/** The metrics of a transcript-only call. */
function ofTranscript(segments: Seg[], durationSec: number | null, activities: Pick<Activity, 'type' | 'offsetSec' | 'payload'>[] = []) {
  const m = buildCallMetrics({ durationSec, segments, audio: null, functionCalls: functionCallsOf(activities) });
  // Whatever is computed must also be what the public schema accepts.
  expect(CallMetrics.parse(m)).toEqual(m);
  return m;
}

// A 30 s bot call: a backchannel inside the bot's first turn, a barge-in by the bot, a 2 s pause
// of its own inside a turn, silences of exactly 2 s and of 3 s, and three caller → bot hand-overs.
const BOT_CALL: Seg[] = [
  seg('caller', 0.5, 3.0, 'Hi, I need to change my booking.'), // 7 words
  seg('bot', 3.8, 9.0, 'Sure, I can help with that. What is the booking reference?'), // 11
  seg('caller', 6.0, 6.5, 'Mm-hm.'), // 1, inside the bot's turn
  seg('caller', 12.0, 15.0, 'It is ABC 123.'), // 4
  seg('bot', 14.5, 20.0, 'Thanks, one moment while I look it up.'), // 8, starts 0.5 s before the caller stops
  seg('bot', 21.0, 22.0, 'Still looking — sorry.'), // 3 ("—" is no word), 1 s after its previous line
  seg('caller', 24.0, 26.0, 'Hello?'), // 1
  seg('bot', 27.2, 29.0, 'Found it.'), // 2
];

const FUNCTION_CALLS: Pick<Activity, 'type' | 'offsetSec' | 'payload'>[] = [
  { type: 'function_call', offsetSec: 21.5, payload: { name: 'lookup_booking' } },
  { type: 'session_event', offsetSec: 1, payload: { name: 'session_started' } },
  { type: 'function_call', offsetSec: null, payload: { name: 'send_sms' } },
  { type: 'function_call', offsetSec: 16.2, payload: { name: 'lookup_booking' } },
];

describe('conversation metrics from a transcript', () => {
  it('a bot call: talk, silence gaps, overlaps with who interrupted whom, turns, latencies, monologue, wpm and function calls', () => {
    const m = ofTranscript(BOT_CALL, 30, FUNCTION_CALLS);
    expect(m.basis).toBe('transcript');
    expect(m.durationSec).toBe(30);
    // caller 2.5 + 0.5 + 3 + 2 = 8; bot 5.2 + 5.5 + 1 + 1.8 = 13.5; shares of 21.5.
    expect(m.speakers).toEqual({
      caller: { talkSec: 8, talkRatio: 0.3721, callRatio: 0.2667, turns: 3, words: 13, wpm: 97.5 },
      bot: { talkSec: 13.5, talkRatio: 0.6279, callRatio: 0.45, turns: 3, words: 24, wpm: 106.7 },
    });
    // Union of speech: 2.5 + 5.2 + 8 + 1 + 2 + 1.8 = 20.5; the 0.5 s lead, 0.8, 1, 1.2 and 1 s pauses are not listed.
    expect(m.speechSec).toBe(20.5);
    expect(m.silence).toEqual({ totalSec: 9.5, ratio: 0.3167, gaps: [{ start: 9, end: 12 }, { start: 22, end: 24 }] });
    expect(m.overlaps).toEqual({
      count: 2,
      totalSec: 1,
      items: [
        { start: 6, end: 6.5, durationSec: 0.5, by: 'caller', over: 'bot', contained: true },
        { start: 14.5, end: 15, durationSec: 0.5, by: 'bot', over: 'caller', contained: false },
      ],
    });
    expect(m.interruptions).toEqual({ count: 1, by: { bot: 1 } });
    // The backchannel is no turn: caller, bot, caller, bot (14.5–22), caller, bot.
    expect(m.turns).toBe(6);
    expect(m.latency).toEqual({
      count: 3,
      // caller → bot waits 0.8, max(−0.5, 0) = 0 and 1.2: median 0.8, worst 1.2.
      medianSec: 0.8,
      worstSec: 1.2,
      overlapped: 1,
      items: [
        { at: 3, latencySec: 0.8, from: 'caller', to: 'bot' },
        { at: 9, latencySec: 3, from: 'bot', to: 'caller' },
        { at: 15, latencySec: -0.5, from: 'caller', to: 'bot' },
        { at: 22, latencySec: 2, from: 'bot', to: 'caller' },
        { at: 26, latencySec: 1.2, from: 'caller', to: 'bot' },
      ],
    });
    // 14.5–20 and 21–22 are 1 s apart (< 1.5 s): one 7.5 s monologue.
    expect(m.monologue).toEqual({ speaker: 'bot', start: 14.5, end: 22, durationSec: 7.5 });
    expect(m.functionCalls).toEqual({
      count: 3,
      firstOffsetSec: 16.2,
      lastOffsetSec: 21.5,
      names: [
        { name: 'lookup_booking', count: 2 },
        { name: 'send_sms', count: 1 },
      ],
      timings: [
        { name: 'lookup_booking', offsetSec: 16.2 },
        { name: 'lookup_booking', offsetSec: 21.5 },
        { name: 'send_sms', offsetSec: null },
      ],
    });
    expect(m.audio).toBeNull();
    expect(m.notes).toEqual([]);
  });

  it('gives the same metrics whatever order the segments come in', () => {
    const reversed = ofTranscript([...BOT_CALL].reverse(), 30, FUNCTION_CALLS);
    expect(reversed).toEqual(ofTranscript(BOT_CALL, 30, FUNCTION_CALLS));
  });

  it('a pause of 1.5 s or more splits a monologue; one shorter joins it; the earlier of two equal pieces wins', () => {
    const m = ofTranscript(
      [
        seg('agent', 0, 4, 'one two three'),
        seg('agent', 5.5, 9, 'four'), // exactly 1.5 s after: a new piece
        seg('agent', 9.5, 10, 'five'), // 0.5 s after: same piece, 5.5–10 = 4.5 s
        seg('caller', 11, 12, 'ok'),
        seg('agent', 13, 17.5, 'six'), // 4.5 s too, later
      ],
      null,
    );
    expect(m.monologue).toEqual({ speaker: 'agent', start: 5.5, end: 10, durationSec: 4.5 });
    // No recorded duration: the call ends with its last speech.
    expect(m.durationSec).toBe(17.5);
    expect(m.turns).toBe(3);
    // Agent → caller and back: no caller → agent/bot wait is 0 here, the only one is 1 s.
    expect(m.latency).toMatchObject({ count: 1, medianSec: 1, worstSec: 1, overlapped: 0 });
    expect(m.latency.items).toEqual([
      { at: 10, latencySec: 1, from: 'agent', to: 'caller' },
      { at: 12, latencySec: 1, from: 'caller', to: 'agent' },
    ]);
  });

  it('median of an even number of waits is the mean of the middle two; overlapping lines of one speaker count once', () => {
    const m = ofTranscript(
      [
        seg('caller', 0, 2, 'a'),
        seg('caller', 1, 3, 'b c'), // overlaps the caller's own line: talk is the union 0–3
        seg('agent', 3.5, 5, 'd'), // wait 0.5
        seg('caller', 6, 7, 'e'),
        seg('agent', 9, 10, 'f'), // wait 2
      ],
      10,
    );
    expect(m.speakers.caller).toMatchObject({ talkSec: 4, words: 4, wpm: 60 });
    expect(m.overlaps.count).toBe(0);
    expect(m.latency).toMatchObject({ count: 2, medianSec: 1.25, worstSec: 2, overlapped: 0 });
  });

  it('equal starts: the shorter line is the one contained (a backchannel), not an interruption', () => {
    const m = ofTranscript([seg('caller', 1, 2, 'yes'), seg('agent', 1, 4, 'so as I was saying')], 5);
    expect(m.overlaps.items).toEqual([{ start: 1, end: 2, durationSec: 1, by: 'caller', over: 'agent', contained: true }]);
    expect(m.interruptions).toEqual({ count: 0, by: {} });
    expect(m.turns).toBe(1);
    expect(m.latency.items).toEqual([]);
  });

  it('an empty call is all silence, with no turns, latency or monologue', () => {
    const m = ofTranscript([], 10);
    expect(m).toMatchObject({
      speakers: {},
      speechSec: 0,
      silence: { totalSec: 10, ratio: 1, gaps: [{ start: 0, end: 10 }] },
      overlaps: { count: 0, totalSec: 0, items: [] },
      turns: 0,
      latency: { count: 0, medianSec: null, worstSec: null, overlapped: 0, items: [] },
      monologue: null,
      functionCalls: { count: 0, firstOffsetSec: null, lastOffsetSec: null, names: [], timings: [] },
    });
  });

  it('a mono transcript of one unknown speaker has talk and silence but no hand-overs', () => {
    const m = ofTranscript([seg('unknown', 0, 2, 'hello there'), seg('unknown', 4, 5, 'bye')], 6);
    expect(m.speakers).toEqual({ unknown: { talkSec: 3, talkRatio: 1, callRatio: 0.5, turns: 1, words: 3, wpm: 60 } });
    expect(m.silence.gaps).toEqual([{ start: 2, end: 4 }]);
    expect(m.latency.items).toEqual([]);
  });

  it('counts words as tokens with a letter or digit', () => {
    expect(countWords("Refund order 48213 please, it went to Zürich.")).toBe(8);
    expect(countWords("  Sorry, I can't — refund ... that  ")).toBe(5);
    expect(countWords('')).toBe(0);
  });
});

describe('timing from audio, words from the transcript', () => {
  const sides = [
    { speaker: 'caller' as const, spans: [{ start: 0.3, end: 2.3 }], speechSec: 2, thresholdDbfs: -50 },
    { speaker: 'bot' as const, spans: [{ start: 2.9, end: 5.9 }], speechSec: 3, thresholdDbfs: -50 },
  ];
  const info = { layout: 'stereo' as const, channels: sides.map((s) => ({ speaker: s.speaker, speechSec: s.speechSec, bursts: 1, thresholdDbfs: -50 })) };
  // The transcript's lines are longer than the speech (they include pauses): 0–3 and 2.5–6.5.
  const segments = [seg('caller', 0, 3, 'one two three four'), seg('bot', 2.5, 6.5, 'five six seven eight nine ten')];

  it("basis 'both' when the audio tells the sides apart: the audio's talk times and latency, the transcript's words", () => {
    const m = buildCallMetrics({ durationSec: 7, segments, audio: { info, sides }, functionCalls: [], notes: ['kept'] });
    expect(m.basis).toBe('both');
    expect(m.speakers).toEqual({
      caller: { talkSec: 2, talkRatio: 0.4, callRatio: 0.2857, turns: 1, words: 4, wpm: 120 },
      bot: { talkSec: 3, talkRatio: 0.6, callRatio: 0.4286, turns: 1, words: 6, wpm: 120 },
    });
    expect(m.overlaps.count).toBe(0);
    expect(m.latency).toMatchObject({ count: 1, medianSec: 0.6, worstSec: 0.6 });
    expect(m.audio).toEqual(info);
    expect(m.notes).toEqual(['kept']);
  });

  it("basis 'audio' without a transcript: no words, no wpm", () => {
    const m = buildCallMetrics({ durationSec: 7, segments: null, audio: { info, sides }, functionCalls: [] });
    expect(m.basis).toBe('audio');
    expect(m.speakers.caller).toEqual({ talkSec: 2, talkRatio: 0.4, callRatio: 0.2857, turns: 1, words: null, wpm: null });
    expect(m.silence).toEqual({ totalSec: 2, ratio: 0.2857, gaps: [] });
  });

  it("basis 'transcript' when the audio has one side only or one unattributed channel", () => {
    for (const layout of ['single', 'mono'] as const) {
      const m = buildCallMetrics({ durationSec: 7, segments, audio: { info: { ...info, layout }, sides: sides.slice(0, 1) }, functionCalls: [] });
      expect(m.basis).toBe('transcript');
      // The transcript's own timing: 0–3 and 2.5–6.5 overlap by 0.5 s, the bot barging in.
      expect(m.overlaps.items).toEqual([{ start: 2.5, end: 3, durationSec: 0.5, by: 'bot', over: 'caller', contained: false }]);
    }
  });

  it('speechFromSegments clips negative times and wordsBySpeaker adds up per speaker', () => {
    expect(speechFromSegments([{ speaker: 'caller', start: -0.2, end: 1 }])).toEqual([{ speaker: 'caller', start: 0, end: 1 }]);
    expect(wordsBySpeaker(segments)).toEqual({ caller: 4, bot: 6 });
    expect(computeMetrics({ basis: 'audio', durationSec: null, speech: [], words: null, functionCalls: [], audio: null }).durationSec).toBe(0);
  });
});
