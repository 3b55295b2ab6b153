import { formatDuration, speakerLabel } from '../../../shared/format.js';
import type { Repos } from '../db/repos/index.js';

/** Thrown when the call does not exist; the message is for the reviewer. */
export class ExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportError';
  }
}

/**
 * A call's active transcript version as plain text: a short header (call, version, model), a
 * blank line, then one `[m:ss] Speaker: text` line per segment in time order. Times are floored
 * to the second, so a line never shows a time after its speech has begun. A call without any
 * transcript gives the header and "(no transcript)". Live reviewer comments follow under "Comments:".
 */
export function transcriptText(repos: Repos, callId: number): string {
  const call = repos.calls.row(callId);
  if (!call) throw new ExportError(`There is no call with id ${callId}.`);
  const t = repos.transcripts.active(callId);
  const header = [`Call: ${call.external_id}`];
  if (call.started_at) header.push(`Started: ${call.started_at}`);
  if (!t) return `${[...header, '', '(no transcript)', ...commentLines(repos, callId)].join('\n')}\n`;
  header.push(`Transcript: version ${t.version} of ${repos.transcripts.count(callId)} (${t.source}${t.model ? `, ${t.model}` : ''})`);
  // One line per segment: line breaks inside a segment's text would read as new lines.
  const lines = t.segments.map((s) => `[${formatDuration(Math.floor(s.start))}] ${speakerLabel(s.speaker)}: ${s.text.replace(/\s+/g, ' ').trim()}`);
  return `${[...header, '', ...lines, ...commentLines(repos, callId)].join('\n')}\n`;
}

/** The reviewers' comments after the transcript: a blank line, "Comments:", then `[m:ss] text` or `[m:ss–m:ss] text` per live comment; nothing without comments. */
function commentLines(repos: Repos, callId: number): string[] {
  const comments = repos.comments.list(callId);
  if (comments.length === 0) return [];
  const at = (sec: number): string => formatDuration(Math.floor(sec));
  return ['', 'Comments:', ...comments.map((c) => `[${at(c.start)}${c.end === null ? '' : `–${at(c.end)}`}] ${c.author ? `${c.author}: ` : ''}${c.text.replace(/\s+/g, ' ').trim()}`)];
}
