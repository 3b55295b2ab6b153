import { useState } from 'react';
import type { TwilioSettings } from '../../../shared/twilio-types.js';
import { useApp } from '../store-context.js';
import { ConfirmDialog } from './ConfirmDialog.js';

/** The auto-sync choices offered; a value set elsewhere (CLI, older version) is shown too. */
const INTERVALS = [0, 5, 15, 30, 60];

/** Names an auto-sync interval. */
function intervalLabel(minutes: number): string {
  return minutes === 0 ? 'Off' : `Every ${minutes} min`;
}

/** Auto-sync interval, auto-transcription and delete-after-download (which asks first). */
export function TwilioSettingsForm({ settings }: { settings: TwilioSettings }) {
  const setSettings = useApp((s) => s.setTwilioSettings);
  // Auto-transcription is one workspace setting (the core reads the transcription one); this box is a shortcut to it.
  const autoTranscribe = useApp((s) => s.openai?.settings.autoTranscribe ?? null);
  const setTranscriptionSettings = useApp((s) => s.setTranscriptionSettings);
  const [confirming, setConfirming] = useState(false);
  const intervals = INTERVALS.includes(settings.autoSyncMinutes) ? INTERVALS : [...INTERVALS, settings.autoSyncMinutes].sort((a, b) => a - b);

  return (
    <fieldset className="twilio-settings">
      <legend>Settings</legend>
      <label className="field-label" htmlFor="twilio-auto-sync">
        Auto-sync
      </label>
      <select
        id="twilio-auto-sync"
        className="input"
        data-testid="twilio-auto-sync"
        value={settings.autoSyncMinutes}
        onChange={(e) => void setSettings({ autoSyncMinutes: Number(e.target.value) })}
      >
        {intervals.map((m) => (
          <option key={m} value={m}>
            {intervalLabel(m)}
          </option>
        ))}
      </select>
      <label className="checkbox">
        <input
          type="checkbox"
          data-testid="twilio-auto-transcribe"
          checked={autoTranscribe === true}
          disabled={autoTranscribe === null}
          onChange={(e) => void setTranscriptionSettings({ autoTranscribe: e.target.checked })}
        />
        Queue transcription for new recordings (the same switch as under Transcription)
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          data-testid="twilio-delete-after"
          checked={settings.deleteAfterDownload}
          onChange={(e) => {
            // Turning it off is always safe; turning it on deletes data on Twilio, so ask first.
            if (e.target.checked) setConfirming(true);
            else void setSettings({ deleteAfterDownload: false });
          }}
        />
        Delete recordings from Twilio after a verified download
      </label>
      {confirming && (
        <ConfirmDialog
          title="Delete recordings from Twilio?"
          message="After each recording is downloaded and verified, CallReview will delete it from your Twilio account. Twilio cannot restore deleted recordings; this copy will be the only one."
          confirmLabel="Delete after download"
          danger
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void setSettings({ deleteAfterDownload: true });
          }}
        />
      )}
    </fieldset>
  );
}
