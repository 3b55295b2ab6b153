import { useState } from 'react';
import { LlmAnalysisSettings, LlmModel, QaFlagName } from '../../../shared/llm-analysis.js';
import { useApp } from '../store-context.js';

/** QA flags typed one per line: the list, or what is wrong with it. */
export function parseFlags(text: string): { flags: string[] } | { error: string } {
  const flags = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  for (const f of flags) {
    const r = QaFlagName.safeParse(f);
    if (!r.success) return { error: `"${f}": ${r.error.issues[0]?.message ?? 'invalid'}` };
  }
  const r = LlmAnalysisSettings.shape.qaFlags.safeParse(flags);
  if (!r.success) return { error: flags.length > 20 ? 'At most 20 QA flags.' : (r.error.issues[0]?.message ?? 'invalid') };
  return { flags };
}

/** The form over loaded settings; keyed by them so a reload resets what is typed. */
function SettingsForm({ settings }: { settings: LlmAnalysisSettings }) {
  const setSettings = useApp((s) => s.setAnalysisSettings);
  const [model, setModel] = useState(settings.model);
  const [flagsText, setFlagsText] = useState(settings.qaFlags.join('\n'));
  const [saving, setSaving] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const modelCheck = LlmModel.safeParse(model);
  const parsed = parseFlags(flagsText);
  const flagsError = 'error' in parsed ? parsed.error : null;
  const dirty = model.trim() !== settings.model || ('flags' in parsed ? parsed.flags.join('\n') !== settings.qaFlags.join('\n') : true);

  const save = async (): Promise<void> => {
    if (!modelCheck.success || !('flags' in parsed)) return;
    setSaving(true);
    try {
      if (await setSettings({ model: modelCheck.data, qaFlags: parsed.flags })) setNote('Analysis settings saved.');
    } finally {
      setSaving(false);
    }
  };

  return (
    <fieldset className="twilio-settings" data-testid="analysis-settings">
      <legend>Settings</legend>
      <label className="checkbox">
        <input type="checkbox" data-testid="auto-analyze" checked={settings.autoAnalyze} onChange={(e) => void setSettings({ autoAnalyze: e.target.checked })} />
        Analyse each new transcript automatically, once its transcription succeeds
      </label>
      <label className="field-label" htmlFor="an-model">
        Model
      </label>
      <input
        id="an-model"
        className="input"
        data-testid="analysis-model"
        value={model}
        spellCheck={false}
        aria-invalid={!modelCheck.success}
        onChange={(e) => {
          setModel(e.target.value);
          setNote(null);
        }}
      />
      {!modelCheck.success && <span className="field-error">{modelCheck.error.issues[0]?.message}</span>}
      <label className="field-label" htmlFor="an-flags">
        QA flags, one per line
      </label>
      <textarea
        id="an-flags"
        className="input"
        rows={5}
        data-testid="analysis-flags"
        spellCheck={false}
        value={flagsText}
        aria-invalid={flagsError !== null}
        onChange={(e) => {
          setFlagsText(e.target.value);
          setNote(null);
        }}
      />
      {flagsError !== null && <span className="field-error">{flagsError}</span>}
      <p className="field-hint">Each call is checked for every flag; later runs use the new list, earlier runs keep theirs.</p>
      <div className="tx-vocab-actions">
        <button
          type="button"
          className="btn btn-small"
          data-testid="save-analysis-settings"
          disabled={!dirty || saving || !modelCheck.success || flagsError !== null}
          onClick={() => void save()}
        >
          {saving ? 'Saving…' : 'Save'}
        </button>
        {note !== null && !dirty && (
          <span className="muted small" role="status">
            {note}
          </span>
        )}
      </div>
    </fieldset>
  );
}

/** The Analysis section of the sidebar: the model, the QA flags and auto-analysis. */
export function AnalysisSettingsPanel() {
  const settings = useApp((s) => s.analysisSettings);
  return (
    <section className="sidebar-section twilio-panel" data-testid="analysis-settings-panel" aria-labelledby="analysis-settings-title">
      <h2 id="analysis-settings-title" className="sidebar-title">
        Analysis (OpenAI)
      </h2>
      {settings === null ? <p className="muted small">Loading…</p> : <SettingsForm key={`${settings.model}\n${settings.qaFlags.join('\n')}`} settings={settings} />}
    </section>
  );
}
