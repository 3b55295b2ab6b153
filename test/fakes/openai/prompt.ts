/**
 * The `prompt` as the fake honours it: vocabulary spelling, the one thing Whisper's prompt
 * reliably does. A word of the answer that is a near miss of a prompt word (edit distance ≤ 2,
 * compared without case and diacritics) is written the prompt's way, so "Zürich" with the
 * prompt "Zuerich" comes back as "Zuerich". Short words are left alone: "the" is not "to".
 */

/** Runs of letters (with their combining marks) and digits: what counts as a word. */
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
/** Words shorter than this (folded) are never respelled: too many short words are near each other. */
const MIN_LETTERS = 4;
/** The largest edit distance the fake corrects. */
const MAX_DISTANCE = 2;

/** Lower-case, diacritics removed: "Zürich" → "zurich". */
export function foldWord(word: string): string {
  return word.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** Levenshtein distance (insert, delete, substitute; each costs 1) over code points. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length]!;
}

/** The prompt's words with their folded forms, first occurrence first. */
function vocabulary(prompt: string): { word: string; folded: string }[] {
  const seen = new Set<string>();
  const out: { word: string; folded: string }[] = [];
  for (const word of prompt.match(WORD) ?? []) {
    if (seen.has(word)) continue;
    seen.add(word);
    out.push({ word, folded: foldWord(word) });
  }
  return out;
}

/**
 * The prompt word `word` should be written as, or null. The allowed distance grows with length
 * (1 for 4–5 letters, 2 from 6), the closest prompt word wins, ties go to the earlier one.
 */
function closest(word: string, vocab: readonly { word: string; folded: string }[]): string | null {
  const folded = foldWord(word);
  if ([...folded].length < MIN_LETTERS) return null;
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const v of vocab) {
    const shorter = Math.min([...folded].length, [...v.folded].length);
    if (shorter < MIN_LETTERS) continue;
    const d = editDistance(folded, v.folded);
    if (d <= Math.min(MAX_DISTANCE, Math.floor(shorter / 3)) && d < bestDistance) [best, bestDistance] = [v.word, d];
  }
  return best;
}

/** `spelled` with its first letter in the case of `like`'s, when the rest of `spelled` is lower case (Refund/refund; not iPhone). */
function matchInitialCase(spelled: string, like: string): string {
  const [first = '', ...rest] = [...spelled];
  const tail = rest.join('');
  if (tail !== tail.toLowerCase()) return spelled;
  return (/^\p{Lu}/u.test(like) ? first.toUpperCase() : first.toLowerCase()) + tail;
}

/**
 * Respells the near misses of prompt words in `text`, keeping everything between words as it
 * was. Only the letters change: a prompt word written plainly (all lower case but maybe the
 * first letter) takes the answer word's initial case, so the prompt "Refund" leaves "refund"
 * mid-sentence alone; one with inner capitals (iPhone, NASA) is used as written. No prompt, no change.
 */
export function respellWithPrompt(text: string, prompt: string | null | undefined): string {
  if (!prompt) return text;
  const vocab = vocabulary(prompt);
  if (vocab.length === 0) return text;
  return text.replace(WORD, (word) => {
    const spelled = closest(word, vocab);
    return spelled === null ? word : matchInitialCase(spelled, word);
  });
}
