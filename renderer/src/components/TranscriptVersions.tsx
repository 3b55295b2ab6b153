import { useState } from 'react';
import { useApp } from '../store-context.js';
import { versionLabel, versionOptionLabel } from '../transcription-format.js';
import { CompareDialog } from './CompareDialog.js';

/** The version picker of the open call's transcript: view any version, make one active, compare two. */
export function TranscriptVersions({ callId }: { callId: number }) {
  const versions = useApp((s) => (s.versionsCallId === callId ? s.versions : null));
  const viewed = useApp((s) => s.viewedTranscript);
  const viewVersion = useApp((s) => s.viewVersion);
  const setActive = useApp((s) => s.setActiveVersion);
  const settingActive = useApp((s) => s.settingActive);
  const [comparing, setComparing] = useState(false);

  if (versions === null || versions.length === 0) return null;
  const active = versions.find((v) => v.active) ?? null;
  const shown = viewed !== null ? (versions.find((v) => v.id === viewed.id) ?? active) : active;

  return (
    <div className="transcript-versions" data-testid="transcript-versions">
      <label className="field-label-inline" htmlFor="transcript-version">
        Version
      </label>
      <select
        id="transcript-version"
        className="input input-small"
        data-testid="version-picker"
        value={shown?.id ?? ''}
        onChange={(e) => void viewVersion(Number(e.target.value))}
      >
        {versions.map((v) => (
          <option key={v.id} value={v.id} data-active={v.active ? 'true' : undefined}>
            {versionOptionLabel(v)}
          </option>
        ))}
      </select>
      {shown !== null && shown.active ? (
        <span className="badge badge-ok" data-testid="version-active">
          active
        </span>
      ) : (
        shown !== null && (
          <button type="button" className="btn btn-small btn-primary" data-testid="make-active" disabled={settingActive} onClick={() => void setActive(shown.id)}>
            {settingActive ? 'Saving…' : `Make ${versionLabel(shown).split(' · ')[0]} active`}
          </button>
        )
      )}
      <button type="button" className="btn btn-small" data-testid="compare-button" disabled={versions.length < 2} onClick={() => setComparing(true)}>
        Compare…
      </button>
      {comparing && <CompareDialog versions={versions} initialRight={shown?.id ?? null} onClose={() => setComparing(false)} />}
    </div>
  );
}
