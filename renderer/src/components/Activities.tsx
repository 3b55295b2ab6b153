import type { ReactNode } from 'react';
import type { Activity } from '../../../shared/types.js';
import { formatTimestamp } from '../../../shared/format.js';
import { ARG_KEYS, activityName, pick, RESULT_KEYS } from '../activity-fields.js';
import { formatDateTime } from '../format-date.js';

/** Pretty JSON for display; strings holding JSON (OpenAI-style arguments) are unpacked first. */
export function prettyJson(value: unknown): string {
  if (typeof value === 'string') {
    try {
      return JSON.stringify(JSON.parse(value) as unknown, null, 2);
    } catch {
      return value;
    }
  }
  return JSON.stringify(value, null, 2) ?? String(value);
}

/** When an activity happened: offset into the call if known, else the wall-clock time. */
function when(a: Activity): string {
  if (a.offsetSec !== null) return formatTimestamp(a.offsetSec);
  return a.at !== null ? formatDateTime(a.at) : '—';
}

/** One function call: name and offset, with arguments and result collapsed until opened. */
function FunctionCall({ activity }: { activity: Activity }) {
  const args = pick(activity.payload, ARG_KEYS);
  const result = pick(activity.payload, RESULT_KEYS);
  return (
    <li className="activity" data-testid="function-call">
      <details>
        <summary>
          <span className="activity-time">{when(activity)}</span>
          <code className="activity-name">{activityName(activity)}</code>
        </summary>
        <div className="activity-body">
          <div className="activity-label">Arguments</div>
          <pre className="json">{args === undefined ? '—' : prettyJson(args)}</pre>
          <div className="activity-label">Result</div>
          <pre className="json">{result === undefined ? '—' : prettyJson(result)}</pre>
        </div>
      </details>
    </li>
  );
}

/** One session event: its name and time, with the full payload collapsed. */
function SessionEvent({ activity }: { activity: Activity }) {
  return (
    <li className="activity" data-testid="session-event">
      <details>
        <summary>
          <span className="activity-time">{when(activity)}</span>
          <span className="activity-name">{activityName(activity)}</span>
        </summary>
        <pre className="json">{prettyJson(activity.payload)}</pre>
      </details>
    </li>
  );
}

/** A titled list of activities with its count and an empty message. */
function ActivitySection(props: { id: string; title: string; empty: string; items: Activity[]; render: (a: Activity) => ReactNode }) {
  return (
    <section className="detail-section" aria-labelledby={props.id}>
      <h3 id={props.id}>
        {props.title} ({props.items.length})
      </h3>
      {props.items.length === 0 ? <p className="muted">{props.empty}</p> : <ul className="activity-list">{props.items.map(props.render)}</ul>}
    </section>
  );
}

/** The function calls and session events of a call, in the order they happened. */
export function Activities({ activities }: { activities: Activity[] }) {
  const order = (a: Activity, b: Activity): number => (a.offsetSec ?? 0) - (b.offsetSec ?? 0);
  const calls = activities.filter((a) => a.type === 'function_call').sort(order);
  const sessionEvents = activities.filter((a) => a.type === 'session_event').sort(order);
  return (
    <>
      <ActivitySection id="fn-title" title="Function calls" empty="No function calls." items={calls} render={(a) => <FunctionCall key={a.id} activity={a} />} />
      <ActivitySection id="ev-title" title="Session events" empty="No session events." items={sessionEvents} render={(a) => <SessionEvent key={a.id} activity={a} />} />
    </>
  );
}
