/** Timeline shapes for renderer tests that do not run the core: a call detail's activities as its one group. */
import { activityLabel } from '../../shared/activity-labels.js';
import type { TimelineEntry, TimelineGroup } from '../../shared/review.js';
import type { CallDetail } from '../../shared/types.js';

/** A call detail's activities as the timeline shows them: the call on top, its activities in offset order under it. */
export function timelineOf(d: CallDetail): TimelineGroup {
  const children: TimelineEntry[] = [...d.activities]
    .sort((a, b) => (a.offsetSec ?? 0) - (b.offsetSec ?? 0))
    .map((a) => ({
      id: a.id,
      type: a.type,
      label: activityLabel(a),
      at: a.at,
      offsetSec: a.offsetSec,
      origin: 'import',
      summary: null,
      payload: a.payload,
      refersTo: a.offsetSec === null ? { kind: 'call', id: d.id } : { kind: 'call', id: d.id, timeSec: a.offsetSec },
    }));
  const call: TimelineEntry = { id: 0, type: 'call', label: 'Call', at: d.startedAt, offsetSec: 0, origin: 'import', summary: d.externalId, payload: {}, refersTo: { kind: 'call', id: d.id } };
  return { groupId: d.externalId, callId: d.id, externalId: d.externalId, source: d.source, startedAt: d.startedAt, call, children };
}
