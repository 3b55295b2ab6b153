import { useApp } from '../store-context.js';

/** What the window shows before any call is imported: how to get calls in. */
export function EmptyState() {
  const canPick = useApp((s) => s.info?.canPickFolders === true);
  const hasSources = useApp((s) => s.sources.length > 0);
  const twilioReady = useApp((s) => s.twilio?.configured === true);
  return (
    <section className="empty-state" data-testid="empty-state" aria-labelledby="empty-title">
      <h2 id="empty-title">No calls yet</h2>
      {hasSources && <p>The configured sources hold no calls that could be imported.</p>}
      <p>
        {canPick ? (
          <>
            Choose <strong>Add folder…</strong> in the sidebar and pick a folder of call recordings
          </>
        ) : (
          <>
            Type the path of a folder of call recordings into the sidebar field and press <strong>Add folder</strong>
          </>
        )}
        {' '}(one sub-folder per call, with its audio and <code>transcript.json</code>).
      </p>
      <p>
        Or import from a terminal: <code>callreview import &lt;dir&gt;</code>
      </p>
      {twilioReady && (
        <p>
          Or press <strong>Sync now</strong> in the Twilio section to download the account&apos;s recordings.
        </p>
      )}
    </section>
  );
}
