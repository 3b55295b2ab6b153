import { formatTimestamp } from '../../shared/format.js';
import type { TimelineEntry, TimelineGroup } from '../../shared/review.js';
import { createCore } from '../core/app-core.js';
import { callTimeline } from '../core/review/timeline.js';
import type { CliContext } from './commands.js';

const out = (s: string) => process.stdout.write(s + '\n');
const err = (s: string) => process.stderr.write(s + '\n');

/** One entry as a line: wall-clock time, offset into the call when known, label and summary. */
function entryLine(e: TimelineEntry, indent: string): string {
  const offset = e.offsetSec === null ? '' : `  +${formatTimestamp(e.offsetSec)}`;
  const summary = e.summary === null ? '' : `  ${e.summary}`;
  return `${indent}${e.at ?? '—'}${offset}  ${e.label}${summary}`;
}

/** The timeline as indented text: the call activity of each group, its children under it. */
export function timelineText(groups: TimelineGroup[]): string[] {
  const lines: string[] = [];
  for (const g of groups) {
    lines.push(`${g.externalId} (#${g.callId}, ${g.source}${g.groupId === null ? '' : `, group ${g.groupId}`})`);
    lines.push(entryLine(g.call, '  '));
    for (const c of g.children) lines.push(entryLine(c, '    '));
  }
  return lines;
}

/** `timeline <call> [--json]`: a call's activity timeline; --json prints the TimelineGroup[] the app gets. Exit 1 for an unknown call. */
export function runTimeline(ctx: CliContext, ref: string): number {
  const core = createCore(ctx.dataDir);
  try {
    const id = core.repos.calls.idByRef(ref);
    if (id === null) {
      err(`callreview: no call ${JSON.stringify(ref)} (give a call id or external id; see callreview calls)`);
      return 1;
    }
    const groups = callTimeline(core.repos, id);
    if (ctx.json) out(JSON.stringify(groups, null, 2));
    else for (const line of timelineText(groups)) out(line);
    return 0;
  } finally {
    core.close();
  }
}
