/**
 * Scripts from the committed fixture calls (test/fixtures/call_recordings/<session>/transcript.json):
 * one per channel, so a split channel or a chunk of it is transcribed with the words really spoken
 * there, and one for both channels in time order, for mono mixes.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Script } from './match.js';

/** Where the committed fixture calls live. */
export const FIXTURE_CALLS = fileURLToPath(new URL('../../fixtures/call_recordings/', import.meta.url));

const transcriptSchema = z.object({
  start_time: z.iso.datetime(),
  entries: z.array(
    z.object({
      timestamp: z.iso.datetime(),
      channel: z.enum(['caller', 'bot']),
      text: z.string(),
      duration_ms: z.number().nonnegative(),
    }),
  ),
});

/** One transcript entry with its offset from the call start, as the tests compare against. */
export interface FixtureUtterance {
  channel: 'caller' | 'bot';
  text: string;
  startSec: number;
  durationSec: number;
}

/** The entries of one session's transcript.json, offsets in seconds from its start_time. */
export function readFixtureTranscript(sessionDir: string): FixtureUtterance[] {
  const t = transcriptSchema.parse(JSON.parse(readFileSync(join(sessionDir, 'transcript.json'), 'utf8')));
  const t0 = Date.parse(t.start_time);
  return t.entries.map((e) => ({ channel: e.channel, text: e.text, startSec: (Date.parse(e.timestamp) - t0) / 1000, durationSec: e.duration_ms / 1000 }));
}

/** Scripts `<session>/caller`, `<session>/bot` and `<session>/mixed` for every session under root. */
export function fixtureScripts(root: string = FIXTURE_CALLS): Script[] {
  const scripts: Script[] = [];
  for (const session of readdirSync(root).sort()) {
    const dir = join(root, session);
    if (!existsSync(join(dir, 'transcript.json'))) continue;
    const entries = readFixtureTranscript(dir);
    const utterance = (e: FixtureUtterance): Script['utterances'][number] => ({ text: e.text, durationSec: e.durationSec, startSec: e.startSec, speaker: e.channel });
    for (const channel of ['caller', 'bot'] as const) {
      const mine = entries.filter((e) => e.channel === channel);
      if (mine.length > 0) scripts.push({ name: `${session}/${channel}`, utterances: mine.map(utterance) });
    }
    scripts.push({ name: `${session}/mixed`, utterances: [...entries].sort((a, b) => a.startSec - b.startSec).map(utterance) });
  }
  return scripts;
}
