import { formatDuration, speakerLabel } from '../../../shared/format.js';
import type { CallExport, ExportOptions } from '../../../shared/export.js';

/** The text export's layout switches. */
export type TxtOptions = ExportOptions['txt'];

/** One line per segment or comment: line breaks inside a text would read as new lines. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Times floored to the second, so a line never shows a time after its speech has begun. */
function at(sec: number): string {
  return formatDuration(Math.floor(sec));
}

/**
 * A call's active transcript as plain text: a short header (call, start, version), a blank line, then
 * one `[m:ss] Speaker: text` line per segment in time order (either part can be switched off), or
 * "(no transcript)"; live reviewer comments follow under "Comments:" as `[m:ss] author: text` or `[m:ss–m:ss] …`.
 */
export function toTxt(data: CallExport, opts: TxtOptions = { speakers: true, timestamps: true }): string {
  const header = [`Call: ${data.call.externalId}`];
  if (data.call.startedAt) header.push(`Started: ${data.call.startedAt}`);
  const t = data.transcript;
  let body: string[];
  if (!t) body = ['(no transcript)'];
  else {
    header.push(`Transcript: version ${t.version} of ${data.transcriptVersions} (${t.source}${t.model ? `, ${t.model}` : ''})`);
    body = t.segments.map((s) => `${opts.timestamps ? `[${at(s.start)}] ` : ''}${opts.speakers ? `${speakerLabel(s.speaker)}: ` : ''}${oneLine(s.text)}`);
  }
  const comments =
    data.comments.length === 0
      ? []
      : ['', 'Comments:', ...data.comments.map((c) => `[${at(c.start)}${c.end === null ? '' : `–${at(c.end)}`}] ${c.author ? `${c.author}: ` : ''}${oneLine(c.text)}`)];
  return `${[...header, '', ...body, ...comments].join('\n')}\n`;
}
