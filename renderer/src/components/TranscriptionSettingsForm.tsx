import { useState } from 'react';
import type { TranscriptionModel, TranscriptionSettings } from '../../../shared/transcription.js';
import { useApp } from '../store-context.js';
import { isLanguage, MODELS } from '../transcription-format.js';
import { LanguageField } from './LanguageField.js';

/** Workspace transcription settings: auto-transcribe, the defaults a plain Transcribe uses, and the vocabulary. */
export function TranscriptionSettingsForm({ settings }: { settings: TranscriptionSettings }) {
  const setSettings = useApp((s) => s.setTranscriptionSettings);
  const [vocabulary, setVocabulary] = useState(settings.vocabulary);
  const [savedVocabulary, setSavedVocabulary] = useState(settings.vocabulary);
  const [saving, setSaving] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const dirty = vocabulary !== savedVocabulary;
  const setDefaults = (patch: Partial<TranscriptionSettings['defaults']>): void => {
    void setSettings({ defaults: { ...settings.defaults, ...patch } });
  };

  const saveVocabulary = async (): Promise<void> => {
    setSaving(true);
    try {
      if (await setSettings({ vocabulary })) {
        setSavedVocabulary(vocabulary);
        setNote('Vocabulary saved.');
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <fieldset className="twilio-settings" data-testid="transcription-settings">
      <legend>Settings</legend>
      <label className="checkbox">
        <input
          type="checkbox"
          data-testid="auto-transcribe"
          checked={settings.autoTranscribe}
          onChange={(e) => void setSettings({ autoTranscribe: e.target.checked })}
        />
        Transcribe new recordings automatically (from any source)
      </label>
      <label className="field-label" htmlFor="tx-default-model">
        Default model
      </label>
      <select
        id="tx-default-model"
        className="input"
        value={settings.defaults.model}
        onChange={(e) => setDefaults({ model: e.target.value as TranscriptionModel })}
      >
        {/* The sidebar is narrow: ids here, the dialog explains them. */}
        {MODELS.map((m) => (
          <option key={m.id} value={m.id} title={m.label}>
            {m.id}
          </option>
        ))}
      </select>
      {settings.defaults.model === 'gpt-4o-transcribe-diarize' && (
        <p className="field-hint">The diarizing model is meant for mono calls; with a channel per side whisper-1 is the better default.</p>
      )}
      <label className="field-label" htmlFor="tx-default-lang">
        Default language
      </label>
      <LanguageField
        id="tx-default-lang"
        value={settings.defaults.language}
        onChange={(language) => {
          // A half-typed code is not saved; the field says what is wrong.
          if (isLanguage(language)) setDefaults({ language });
        }}
      />
      <label className="field-label" htmlFor="tx-vocabulary">
        Vocabulary: product names and jargon, one per line
      </label>
      <textarea
        id="tx-vocabulary"
        className="input"
        rows={4}
        maxLength={4000}
        spellCheck={false}
        placeholder="One term per line, e.g. a product name"
        value={vocabulary}
        onChange={(e) => {
          setVocabulary(e.target.value);
          setNote(null);
        }}
      />
      <div className="tx-vocab-actions">
        <button type="button" className="btn btn-small" data-testid="save-vocabulary" disabled={!dirty || saving} onClick={() => void saveVocabulary()}>
          {saving ? 'Saving…' : 'Save vocabulary'}
        </button>
        {note !== null && !dirty && (
          <span className="muted small" role="status">
            {note}
          </span>
        )}
      </div>
      <p className="field-hint">Sent as the prompt of every run that uses it, so Whisper spells these words right.</p>
    </fieldset>
  );
}
