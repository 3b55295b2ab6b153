/**
 * A deterministic "model" for call analyses: reads the transcript lines (`[s12 00:41 caller] text`)
 * and windows (`w1 00:00-01:00`) out of the user message and the flag, speaker and window enums out
 * of the json_schema it was sent, and answers from plain rules, citing only lines it was shown:
 * summary from the first lines, sentiment from small word lists, action items from "I will /
 * I'll / we will / let me / I can offer / shall I", questions from sentences ending in '?' (answered when the next line is
 * another speaker's), QA flags from keyword lists picked by the flag's name.
 */

/** One transcript line read from the prompt. */
export interface PromptLine {
  ref: string;
  start: number;
  speaker: string;
  text: string;
}

/** A window read from the prompt. */
export interface PromptWindow {
  id: string;
  start: number;
  end: number;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});

/** mm:ss or h:mm:ss as seconds. */
function seconds(clock: string): number {
  return clock.split(':').reduce((n, part) => n * 60 + Number(part), 0);
}

/** The transcript lines and windows of a user message laid out like the app's partPrompt. */
export function readPrompt(text: string): { lines: PromptLine[]; windows: PromptWindow[] } {
  const lines: PromptLine[] = [];
  const windows: PromptWindow[] = [];
  for (const raw of text.split('\n')) {
    const l = /^\[(s\d+) (\d+(?::\d{2}){1,2}) ([a-z]+)\] (.*)$/.exec(raw.trim());
    if (l) lines.push({ ref: l[1]!, start: seconds(l[2]!), speaker: l[3]!, text: l[4]! });
    const w = /^(w\d+) (\d+(?::\d{2}){1,2})-(\d+(?::\d{2}){1,2})$/.exec(raw.trim());
    if (w) windows.push({ id: w[1]!, start: seconds(w[2]!), end: seconds(w[3]!) });
  }
  return { lines, windows };
}

/** An enum of the sent schema, by a path of property names (`items` steps into arrays). */
export function schemaEnum(schema: unknown, ...path: string[]): string[] {
  let at = obj(schema);
  for (const key of path) at = key === 'items' ? obj(at.items) : obj(obj(at.properties)[key]);
  return Array.isArray(at.enum) ? at.enum.filter((x): x is string => typeof x === 'string') : [];
}

const POSITIVE = new Set(['thanks', 'thank', 'great', 'good', 'perfect', 'yes', 'booked', 'works', 'happy', 'glad', 'wonderful', 'excellent', 'resolved', 'appreciate']);
const NEGATIVE = new Set(['no', 'not', "can't", 'cannot', 'sorry', 'problem', 'angry', 'frustrated', 'terrible', 'unacceptable', 'wrong', 'never', 'refund', 'complaint', 'ridiculous', 'worst', 'annoyed', 'upset']);
const STOP = new Set(['about', 'after', 'again', 'there', 'their', 'these', 'thanks', 'which', 'would', 'could', 'should', 'please', 'hello', 'where', 'while']);

const words = (text: string): string[] => text.toLowerCase().match(/[a-zà-ÿ']+/g) ?? [];
const round2 = (x: number): number => Math.round(x * 100) / 100;

/** -1..1 from the word lists; 0 when no listed word occurs. */
export function lineScore(text: string): number {
  let pos = 0;
  let neg = 0;
  for (const w of words(text)) {
    if (POSITIVE.has(w)) pos++;
    if (NEGATIVE.has(w)) neg++;
  }
  return pos + neg === 0 ? 0 : round2((pos - neg) / (pos + neg));
}

function sentimentOf(lines: readonly PromptLine[]): { label: 'positive' | 'neutral' | 'negative'; score: number } {
  const score = lines.length === 0 ? 0 : round2(lines.reduce((n, l) => n + lineScore(l.text), 0) / lines.length);
  return { label: score > 0.2 ? 'positive' : score < -0.2 ? 'negative' : 'neutral', score };
}

/** The keyword rule for a QA flag, chosen by words in its name; unknown flags match their own longer words. */
function flagRule(flag: string): (l: PromptLine) => boolean {
  const f = flag.toLowerCase();
  if (f.includes('escalat')) return (l) => /\b(manager|supervisor|person|human|escalat\w*|someone else)\b/i.test(l.text);
  if (f.includes('recording') || f.includes('disclosure')) return (l) => /\b(recorded|recording|monitored)\b/i.test(l.text);
  if (f.includes('frustrat')) return (l) => l.speaker === 'caller' && (lineScore(l.text) < 0 || /\b(frustrat\w*|ridiculous|unacceptable|annoy\w*)\b/i.test(l.text));
  if (f.includes('compliance')) return (l) => /\b(terms|consent|verify|verification|privacy|disclaimer|legally|regulat\w*)\b/i.test(l.text);
  const own = words(f).filter((w) => w.length >= 4);
  return (l) => own.some((w) => words(l.text).includes(w));
}

// An offer ("I can offer", "Shall I book it?") is a commitment too; the fixture calls make theirs that way.
const ACTION = /\b(I will|I'll|we will|we'll|let me|I can offer|shall I)\b[^.!?]*/i;
const DUE = /\b(today|tonight|tomorrow|(?:by|on|next|this) (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|month)|end of (?:the )?(?:day|week))\b/i;

/** The analysis object for a `call_analysis` json_schema; `schema` decides flags, speakers and windows. */
export function fakeAnalysis(lines: readonly PromptLine[], windows: readonly PromptWindow[], schema: unknown): Obj {
  const flags = schemaEnum(schema, 'qaFlags', 'items', 'flag');
  const speakers = schemaEnum(schema, 'actionItems', 'items', 'owner');
  const windowIds = schemaEnum(schema, 'sentiment', 'overTime', 'items', 'window');
  const speakerOf = (s: string): string => (speakers.includes(s) ? s : 'unknown');
  const who = [...new Set(lines.map((l) => speakerOf(l.speaker)))];
  const opening = lines.slice(0, 2).map((l) => `${l.speaker}: ${l.text}`).join(' ');
  const counts = new Map<string, number>();
  for (const l of lines) for (const w of new Set(words(l.text))) if (w.length >= 5 && !STOP.has(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
  const phrases = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([w]) => w);
  const analysis: Obj = {
    summary: `A call between ${who.join(' and ')} (${lines.length} lines). ${opening}`.trim(),
    sentiment: {
      overall: sentimentOf(lines),
      bySpeaker: who.map((speaker) => ({ speaker, ...sentimentOf(lines.filter((l) => speakerOf(l.speaker) === speaker)) })),
      overTime: windowIds.map((id) => {
        const w = windows.find((x) => x.id === id);
        return { window: id, ...sentimentOf(w ? lines.filter((l) => l.start >= w.start && l.start < w.end) : []) };
      }),
    },
    keyPhrases: phrases.map((text) => ({ text, segmentIds: lines.filter((l) => words(l.text).includes(text)).map((l) => l.ref) })),
    actionItems: lines.flatMap((l) => {
      const m = ACTION.exec(l.text);
      return m ? [{ text: m[0].trim(), owner: speakerOf(l.speaker), due: DUE.exec(l.text)?.[0] ?? null, segmentId: l.ref }] : [];
    }),
    questions: lines.flatMap((l, i) =>
      (l.text.match(/[^.!?]*\?/g) ?? []).map((q) => {
        const next = lines[i + 1];
        const answered = next !== undefined && next.speaker !== l.speaker;
        return { text: q.trim(), askedBy: speakerOf(l.speaker), segmentId: l.ref, answered, answerSegmentId: answered ? next.ref : null };
      }),
    ),
  };
  if (flags.length > 0) {
    analysis.qaFlags = flags.map((flag) => {
      const hits = lines.filter(flagRule(flag));
      const note = hits.length > 0 ? `Said in ${hits[0]!.ref}: "${hits[0]!.text}"` : `Nothing in the transcript shows ${flag}.`;
      return { flag, present: hits.length > 0, segmentIds: hits.map((l) => l.ref), note };
    });
  }
  return analysis;
}

/** The plain-text answer when no schema is asked for. */
export function fakeSummary(lines: readonly PromptLine[]): string {
  return lines.length === 0 ? 'There is no transcript to summarise.' : `A call of ${lines.length} lines. ${lines.slice(0, 2).map((l) => `${l.speaker}: ${l.text}`).join(' ')}`;
}
