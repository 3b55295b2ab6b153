import { z } from 'zod';
import { Tag, TagCount } from '../tags.js';
import { CallDetail } from '../types.js';

/** The call-tag channels (spread into the contract). */
export const tagsContract = {
  /** Makes a call's tags exactly these (case-insensitive duplicates dropped); answers the call. */
  'tags:set': {
    input: z.object({ callId: z.number().int().positive(), tags: z.array(Tag).max(50) }).strict(),
    output: CallDetail,
  },
  /** Every tag in use with how many calls carry it, by name. */
  'tags:list': { input: z.object({}).strict(), output: z.array(TagCount) },
} as const;
