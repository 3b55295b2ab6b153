import { z } from 'zod';

/*
 * Reviewer tags on calls. A tag is stored as typed; two tags that differ only in case are the same
 * tag (per call, in filters and in the tag list), compared with SQLite's lower().
 */

/** The longest tag, in characters. */
export const TAG_MAX = 40;

/** True for C0 and C1 control characters (tabs and newlines included): a tag is one short label. */
function hasControl(text: string): boolean {
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c <= 0x1f || (c >= 0x7f && c <= 0x9f)) return true;
  }
  return false;
}

/** One tag as the reviewer typed it: trimmed, 1–40 characters, no control characters. */
export const Tag = z
  .string()
  .trim()
  .min(1, 'a tag cannot be empty')
  .max(TAG_MAX, `a tag is at most ${TAG_MAX} characters`)
  .refine((t) => !hasControl(t), 'a tag cannot contain control characters');
export type Tag = z.infer<typeof Tag>;

/** A tag in use, with how many calls carry it. */
export const TagCount = z.object({ tag: z.string(), calls: z.number().int() });
export type TagCount = z.infer<typeof TagCount>;

/** The key two tags are the same under; matches SQLite's lower(), which folds ASCII letters only. */
export function tagKey(tag: string): string {
  return tag.replace(/[A-Z]/g, (ch) => ch.toLowerCase());
}

/** Tags with case-insensitive duplicates dropped (the first spelling wins), order kept. */
export function uniqueTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  return tags.filter((t) => {
    const k = tagKey(t);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
