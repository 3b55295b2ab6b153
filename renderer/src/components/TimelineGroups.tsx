import { useId, useState } from 'react';
import type { TimelineEntry, TimelineGroup } from '../../../shared/review.js';
import { ARG_KEYS, pick, RESULT_KEYS } from '../../../shared/activity-labels.js';
import { formatTimestamp } from '../../../shared/format.js';
import { formatDateTime } from '../format-date.js';
import { prettyJson } from '../pretty-json.js';
import { actionHint, entryAction, entryMoment, shortDateTime, timeOfDay, type EntryAction } from '../review-logic.js';

/** Opens what an entry refers to. */
export type OnOpenEntry = (action: EntryAction, entry: TimelineEntry) => void;

/** The wall-clock instant of an entry: its own, else the call's start plus its offset. */
function instantOf(e: TimelineEntry, startedAt: string | null): string | null {
  if (e.at !== null) return e.at;
  if (startedAt === null || e.offsetSec === null) return null;
  const ms = Date.parse(startedAt);
  return Number.isFinite(ms) ? new Date(ms + e.offsetSec * 1000).toISOString() : null;
}

/** The app's own activities: their one-line summary says all their payload holds (ids aside). */
const SUMMARISED = new Set(['call', 'transcript_viewed', 'comment_added', 'comment_edited', 'comment_deleted', 'score_submitted', 'analysis_completed', 'call_transcription', 'transcription_requested']);

/** The payload worth unfolding: arguments and result of a function call, the data of events, errors and anything unknown. */
function details(e: TimelineEntry): Array<{ label: string; value: unknown }> | null {
  if (e.type === 'function_call') {
    return [
      { label: 'Arguments', value: pick(e.payload, ARG_KEYS) },
      { label: 'Result', value: pick(e.payload, RESULT_KEYS) },
    ];
  }
  const keys = Object.keys(e.payload).filter((k) => k !== 'label');
  return SUMMARISED.has(e.type) || keys.length === 0 ? null : [{ label: 'Details', value: e.payload }];
}

/** One entry: local time, moment in the call, what happened (a button when it leads somewhere), and its details on demand. */
function EntryRow({ entry, startedAt, action, onOpen }: { entry: TimelineEntry; startedAt: string | null; action: EntryAction | null; onOpen: OnOpenEntry }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const moment = entryMoment(entry);
  const instant = instantOf(entry, startedAt);
  const more = details(entry);
  return (
    <li className="tl-entry" data-testid="timeline-entry" data-type={entry.type} data-entry-id={entry.id}>
      <div className="tl-row">
        <span className="tl-clock" title={formatDateTime(instant)}>
          {timeOfDay(instant)}
        </span>
        <span className="tl-moment">{moment === null ? '' : formatTimestamp(moment)}</span>
        <span className="tl-dot" aria-hidden="true" />
        {action === null ? (
          <span className="tl-label">{entry.label}</span>
        ) : (
          <button type="button" className="tl-label tl-open" data-testid="timeline-open" title={actionHint(action)} onClick={() => onOpen(action, entry)}>
            {entry.label}
          </button>
        )}
        <span className="tl-summary" title={entry.summary ?? undefined}>
          {entry.summary}
        </span>
        {more !== null && (
          <button type="button" className="btn btn-small btn-ghost tl-more" aria-expanded={open} aria-controls={id} onClick={() => setOpen((o) => !o)}>
            {open ? 'Hide' : 'Details'}
          </button>
        )}
      </div>
      {more !== null && open && (
        <div className="tl-details" id={id}>
          {more.map((d) => (
            <div key={d.label}>
              <div className="activity-label">{d.label}</div>
              <pre className="json">{d.value === undefined ? '—' : prettyJson(d.value)}</pre>
            </div>
          ))}
        </div>
      )}
    </li>
  );
}

/** What the groups list shows and does. */
export interface TimelineGroupsProps {
  groups: readonly TimelineGroup[];
  /** The open call: entries of other calls (a contact's timeline) open their call instead. */
  openCallId: number | null;
  onOpen: OnOpenEntry;
  /** Groups start folded (a contact's many calls) or unfolded (one call's). */
  startCollapsed?: boolean;
  /** The call to mark as the one on screen (defaults to `openCallId`). */
  highlightCallId?: number | null;
}

const groupKey = (g: TimelineGroup): string => `${g.callId}:${g.groupId ?? ''}`;

/** Timeline groups: each call activity on top with a fold button (aria-expanded), its children in time order under it. */
export function TimelineGroups({ groups, openCallId, onOpen, startCollapsed = false, highlightCallId = openCallId }: TimelineGroupsProps) {
  // Only the groups the reviewer flipped are stored, so new groups start the default way.
  const [flipped, setFlipped] = useState<ReadonlySet<string>>(new Set());
  const baseId = useId();
  const flip = (key: string): void =>
    setFlipped((s) => {
      const next = new Set(s);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  return (
    <ol className="tl-groups">
      {groups.map((g, i) => {
        const key = groupKey(g);
        const expanded = startCollapsed === flipped.has(key);
        const listId = `${baseId}-g${i}`;
        const headAction = entryAction(g.call, g.callId, openCallId);
        return (
          <li key={key} className={`tl-group${g.callId === highlightCallId ? ' is-open-call' : ''}`} data-testid="timeline-group" data-call-id={g.callId} data-expanded={expanded}>
            <div className="tl-group-head">
              <button
                type="button"
                className="tl-fold"
                data-testid="timeline-fold"
                aria-expanded={expanded}
                aria-controls={listId}
                aria-label={`${expanded ? 'Collapse' : 'Expand'} ${g.externalId}`}
                onClick={() => flip(key)}
              >
                <span aria-hidden="true">{expanded ? '▾' : '▸'}</span>
              </button>
              {headAction === null ? (
                <span className="tl-group-title">{g.call.label}</span>
              ) : (
                <button type="button" className="tl-group-title tl-open" data-testid="timeline-open" title={actionHint(headAction)} onClick={() => onOpen(headAction, g.call)}>
                  {g.call.label}
                </button>
              )}
              <span className="tl-group-ext">{g.externalId}</span>
              <span className="tl-group-when">{shortDateTime(g.startedAt)}</span>
              {g.call.summary !== null && g.call.summary !== g.externalId && <span className="tl-summary">{g.call.summary}</span>}
              <span className="tl-group-count muted">
                {g.children.length} activit{g.children.length === 1 ? 'y' : 'ies'}
              </span>
            </div>
            <ol className="tl-children" id={listId} hidden={!expanded}>
              {g.children.map((c) => (
                <EntryRow key={c.id} entry={c} startedAt={g.startedAt} action={entryAction(c, g.callId, openCallId)} onOpen={onOpen} />
              ))}
            </ol>
          </li>
        );
      })}
    </ol>
  );
}
