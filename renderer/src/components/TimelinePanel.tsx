import { useEffect, useMemo } from 'react';
import type { CallDetail } from '../../../shared/types.js';
import { chipsFor } from '../review-logic.js';
import { useApp } from '../store-context.js';
import { useOpenEntry } from '../use-open-entry.js';
import { CommentsPanel } from './CommentsPanel.js';
import { TimelineFilterBar } from './TimelineFilterBar.js';
import { TimelineGroups } from './TimelineGroups.js';

/**
 * The Timeline tab: the call's activities grouped under its call activity, filtered by type and
 * date, each entry opening what it refers to; the call's comments beside it.
 */
export function TimelinePanel({ call, active }: { call: CallDetail; active: boolean }) {
  const timeline = useApp((s) => (s.timelineCallId === call.id ? s.timeline : null));
  const all = useApp((s) => (s.timelineCallId === call.id ? s.timelineAll : null));
  const loading = useApp((s) => s.timelineLoading);
  const filter = useApp((s) => s.timelineFilter);
  const setFilter = useApp((s) => s.setTimelineFilter);
  const load = useApp((s) => s.loadTimeline);
  // A finished analysis adds an activity without changing the call's detail.
  const analysis = useApp((s) => (s.analysisCallId === call.id ? s.analysis : null));
  const openEntry = useOpenEntry();
  const chips = useMemo(() => chipsFor(all ?? []), [all]);

  // Loaded when the tab shows, and again when the call's detail or analysis changes (a new transcript, a re-import, a run).
  useEffect(() => {
    if (active) void load(call.id);
  }, [active, call, analysis, load]);

  return (
    <div className="review-columns">
      <section className="timeline-main" aria-labelledby="timeline-title" data-testid="timeline-panel" aria-busy={loading}>
        <div className="timeline-head">
          <h3 id="timeline-title">Timeline</h3>
          <TimelineFilterBar chips={chips} filter={filter} onChange={(patch) => void setFilter(patch)} idPrefix="tl-call" />
        </div>
        {timeline === null ? (
          <p className="muted small">{loading ? 'Loading the timeline…' : ''}</p>
        ) : timeline.length === 0 ? (
          <p className="muted small" data-testid="timeline-empty">
            No activity matches these filters.
          </p>
        ) : (
          <TimelineGroups groups={timeline} openCallId={call.id} onOpen={(action) => openEntry(action)} />
        )}
      </section>
      <aside className="timeline-side">
        <CommentsPanel callId={call.id} />
      </aside>
    </div>
  );
}
