import type { Migration } from '../migrate.js';
import { m0010Initial } from './0010-initial.js';
import { m0020TwilioRecordings } from './0020-twilio-recordings.js';
import { m0030Jobs } from './0030-jobs.js';
import { m0040TranscriptVersions } from './0040-transcript-versions.js';
import { m0050SegmentWords } from './0050-segment-words.js';
import { m0060Analyses } from './0060-analyses.js';
import { m0070Search } from './0070-search.js';
import { m0080Review } from './0080-review.js';
import { m0090CallTags } from './0090-call-tags.js';
import { m0100SegmentIdRanges } from './0100-segment-id-ranges.js';
import { m0110SegmentLengths } from './0110-segment-lengths.js';

/** Every migration in order. Append only: never edit or reorder a shipped step. */
export const migrations: readonly Migration[] = [m0010Initial, m0020TwilioRecordings, m0030Jobs, m0040TranscriptVersions, m0050SegmentWords, m0060Analyses, m0070Search, m0080Review, m0090CallTags, m0100SegmentIdRanges, m0110SegmentLengths];
