import type { CallDetail, Source } from '../../../shared/types.js';
import { formatDuration, speakerLabel } from '../../../shared/format.js';
import { formatDateTime } from '../format-date.js';

/** Formats a byte count the way a file manager would. */
function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/** The facts of one call: times, origin, channels, audio files and warnings. */
export function CallMetadata({ call, sources }: { call: CallDetail; sources: Source[] }) {
  const source = sources.find((s) => s.id === call.sourceId);
  const roles = call.channelRoles.map((r, i) => `${i + 1}: ${speakerLabel(r)}`).join(', ');
  const rows: Array<[string, string]> = [
    ['Started', formatDateTime(call.startedAt)],
    ['Ended', formatDateTime(call.endedAt)],
    ['Duration', formatDuration(call.durationSec)],
    ['Source', source !== undefined ? `${source.label} (${call.source})` : call.source],
    ['External id', call.externalId],
    ['Direction', call.direction ?? '—'],
    ['Channels', call.channels === null ? '—' : String(call.channels)],
    ['Channel roles', roles === '' ? '—' : roles],
    ['Folder', call.folderPath ?? '—'],
  ];
  return (
    <>
      <section className="detail-section" aria-labelledby="meta-title">
        <h3 id="meta-title">Call</h3>
        <dl className="meta">
          {rows.map(([k, v]) => (
            <div key={k} className="meta-row">
              <dt>{k}</dt>
              <dd title={v}>{v}</dd>
            </div>
          ))}
          {call.parties.map((p, i) => (
            <div key={`party-${i}`} className="meta-row">
              <dt>{p.role}</dt>
              <dd>{[p.name, p.phone].filter((x) => x !== null).join(' · ') || '—'}</dd>
            </div>
          ))}
        </dl>
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
