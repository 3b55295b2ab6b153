import type { CallDetail, Source } from '../../../shared/types.js';
import { formatDuration, speakerLabel } from '../../../shared/format.js';
import { formatDateTime } from '../format-date.js';
import { directionLabel, partyLabel } from '../twilio-format.js';
import { ContactLinks } from './ContactDrawer.js';
import { TagEditor } from './TagEditor.js';

/** Formats a byte count the way a file manager would. */
function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/** One labelled fact of the call. */
function Row({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="meta-row" data-testid={testId}>
      <dt>{label}</dt>
      <dd title={value}>{value}</dd>
    </div>
  );
}

/** Which speaker each channel carries, with a button that swaps them when the roles came out reversed. */
function ChannelRoles({ call, onSwap, swapping }: { call: CallDetail; onSwap?: () => void; swapping: boolean }) {
  const roles = call.channelRoles.map((r, i) => `${i + 1}: ${speakerLabel(r)}`).join(', ');
  return (
    <div className="meta-row">
      <dt>Channel roles</dt>
      <dd className="meta-roles">
        <span data-testid="channel-roles" data-roles={call.channelRoles.join(',')}>
          {roles === '' ? '—' : roles}
        </span>
        {onSwap !== undefined && call.channelRoles.length >= 2 && (
          <button type="button" className="btn btn-small" data-testid="swap-channels" disabled={swapping} onClick={onSwap}>
            {swapping ? 'Swapping…' : 'Swap channels'}
          </button>
        )}
      </dd>
    </div>
  );
}

/** What CallMetadata shows and the swap action of its channel roles. */
export interface CallMetadataProps {
  call: CallDetail;
  sources: Source[];
  onSwapChannels?: () => void;
  swapping?: boolean;
}

/** The facts of one call: times, origin, parties, channels, tags, audio files and warnings. */
export function CallMetadata({ call, sources, onSwapChannels, swapping = false }: CallMetadataProps) {
  const source = sources.find((s) => s.id === call.sourceId);
  const twilio = call.source === 'twilio';
  const sourceText = twilio ? 'Twilio' : call.source;
  return (
    <>
      <section className="detail-section" aria-labelledby="meta-title">
        <h3 id="meta-title">Call</h3>
        <dl className="meta">
          <Row label="Started" value={formatDateTime(call.startedAt)} />
          <Row label="Ended" value={formatDateTime(call.endedAt)} />
          <Row label="Duration" value={formatDuration(call.durationSec)} />
          <Row label="Source" value={source !== undefined ? `${source.label} (${sourceText})` : sourceText} />
          <Row label={twilio ? 'Call SID' : 'External id'} value={call.externalId} />
          <Row label="Direction" value={directionLabel(call.direction)} testId="call-direction" />
          {call.parties.map((p, i) => (
            <Row
              key={`party-${i}`}
              label={partyLabel(p.role)}
              value={[p.name, p.phone].filter((x) => x !== null).join(' · ') || '—'}
              testId={`party-${p.role}`}
            />
          ))}
          <Row label="Channels" value={call.channels === null ? '—' : String(call.channels)} testId="call-channels" />
          <ChannelRoles call={call} onSwap={onSwapChannels} swapping={swapping} />
          {!(twilio && call.folderPath === null) && <Row label="Folder" value={call.folderPath ?? '—'} />}
          <TagEditor key={call.id} callId={call.id} tags={call.tags} />
        </dl>
        <ContactLinks parties={call.parties} />
      </section>
      <section className="detail-section" aria-labelledby="audio-title">
        <h3 id="audio-title">Audio files ({call.audio.length})</h3>
        {call.audio.length === 0 ? (
          <p className="muted">No audio.</p>
        ) : (
          <ul className="audio-list">
            {call.audio.map((a) => (
              <li key={a.id} className={`audio-file${a.missing ? ' is-missing' : ''}`}>
                <div className="audio-name" title={a.fileName}>
                  {a.fileName} <span className="badge badge-muted">{a.variant}</span>
                  {a.missing && <span className="badge badge-bad">missing</span>}
                </div>
                <div className="audio-facts">
                  {[
                    a.format ?? 'unknown format',
                    a.sampleRate !== null ? `${a.sampleRate} Hz` : null,
                    a.channels !== null ? `${a.channels} ch` : null,
                    a.bitsPerSample !== null ? `${a.bitsPerSample}-bit` : null,
                    formatDuration(a.durationSec),
                    formatBytes(a.sizeBytes),
                  ]
                    .filter((x) => x !== null)
                    .join(' · ')}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      {call.warnings.length > 0 && (
        <section className="detail-section" aria-labelledby="warn-title">
          <h3 id="warn-title">Warnings ({call.warnings.length})</h3>
          <ul className="call-warnings">
            {call.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
