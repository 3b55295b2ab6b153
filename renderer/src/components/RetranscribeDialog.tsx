import { useId, useRef, useState, type FormEvent } from 'react';
import { formatDuration } from '../../../shared/format.js';
import { estimateCostUsd, type TranscriptionModel, type TranscriptionOptions, type TranscriptionSettings } from '../../../shared/transcription.js';
import type { CallDetail } from '../../../shared/types.js';
import { isMonoCall } from '../jobs-logic.js';
import { isLanguage, MODELS } from '../transcription-format.js';
import { useModal } from '../use-modal.js';
import { LanguageField } from './LanguageField.js';

/** What the dialog needs: the call, the workspace settings (defaults, vocabulary) and what to do on submit. */
export interface RetranscribeDialogProps {
  call: CallDetail;
  settings: TranscriptionSettings;
  onSubmit(options: TranscriptionOptions): Promise<void>;
  onCancel(): void;
}

/** The options of a new transcript version: model, language, vocabulary, prompt, temperature, word timestamps. */
export function RetranscribeDialog({ call, settings, onSubmit, onCancel }: RetranscribeDialogProps) {
  const id = useId();
  const boxRef = useRef<HTMLFormElement>(null);
  const onKeyDown = useModal(boxRef, onCancel);
  const [opts, setOpts] = useState<TranscriptionOptions>(settings.defaults);
  const [temperature, setTemperature] = useState(String(settings.defaults.temperature));
  const [busy, setBusy] = useState(false);
  const mono = isMonoCall(call);
  const diarize = opts.model === 'gpt-4o-transcribe-diarize';
  const temp = Number(temperature);
  const tempOk = temperature.trim() !== '' && Number.isFinite(temp) && temp >= 0 && temp <= 1;
  const ok = isLanguage(opts.language) && tempOk && !busy;
  const terms = settings.vocabulary.split('\n').filter((l) => l.trim() !== '').length;
  // Whisper runs once per side; the diarizing model hears one mixed channel.
  const sides = diarize || mono ? 1 : 2;
  const cost = call.durationSec !== null ? estimateCostUsd(opts.model, call.durationSec * sides) : null;
  const patch = (p: Partial<TranscriptionOptions>): void => setOpts((o) => ({ ...o, ...p }));

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (!ok) return;
    setBusy(true);
    void onSubmit({ ...opts, temperature: temp }).finally(() => setBusy(false));
  };

  return (
    <div className="modal-backdrop">
      <form
        ref={boxRef}
        className="modal modal-form"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        data-testid="retranscribe-dialog"
        onKeyDown={onKeyDown}
        onSubmit={submit}
      >
        <h2 id={`${id}-title`} className="modal-title">
          Re-transcribe {call.externalId}
        </h2>
        <p className="modal-message">Makes a new transcript version; earlier versions stay and you choose which one is active.</p>

        <label className="field-label" htmlFor={`${id}-model`}>
          Model
        </label>
        <select id={`${id}-model`} className="input" value={opts.model} onChange={(e) => patch({ model: e.target.value as TranscriptionModel })}>
          {MODELS.map((m) => (
            <option key={m.id} value={m.id}>
              {m.label}
            </option>
          ))}
        </select>
        <p className="field-hint" data-testid="model-hint">
          {diarize
            ? mono
              ? 'Labels who speaks from the voices: the right choice for this mono call. It takes no prompt or word timestamps.'
              : 'Only useful for mono calls: this call has each side on its own channel, where whisper-1 already knows who speaks. It takes no prompt or word timestamps.'
            : mono
              ? 'This call is mono: whisper-1 cannot tell the speakers apart; gpt-4o-transcribe-diarize can.'
              : 'Transcribes each side on its own; speakers come from the channels.'}
        </p>

        <label className="field-label" htmlFor={`${id}-lang`}>
          Language
        </label>
        <LanguageField id={`${id}-lang`} value={opts.language} onChange={(language) => patch({ language })} />

        <label className="checkbox">
          <input type="checkbox" checked={opts.useVocabulary} disabled={diarize} onChange={(e) => patch({ useVocabulary: e.target.checked })} />
          Use the workspace vocabulary ({terms === 0 ? 'empty: edit it in Transcription settings' : `${terms} term${terms === 1 ? '' : 's'}`})
        </label>

        <label className="field-label" htmlFor={`${id}-prompt`}>
          Extra prompt for this run
        </label>
        <textarea
          id={`${id}-prompt`}
          className="input"
          rows={3}
          maxLength={800}
          disabled={diarize}
          placeholder="Names, spellings or context, e.g. “Caller asks about order numbers.”"
          value={opts.prompt}
          onChange={(e) => patch({ prompt: e.target.value })}
        />

        <div className="field-row">
          <div>
            <label className="field-label" htmlFor={`${id}-temp`}>
              Temperature (0–1)
            </label>
            <input
              id={`${id}-temp`}
              className="input"
              type="number"
              min={0}
              max={1}
              step={0.1}
              aria-invalid={!tempOk}
              value={temperature}
              onChange={(e) => setTemperature(e.target.value)}
            />
            {!tempOk && <span className="field-error">A number from 0 to 1.</span>}
          </div>
          <label className="checkbox">
            <input type="checkbox" checked={opts.wordTimestamps && !diarize} disabled={diarize} onChange={(e) => patch({ wordTimestamps: e.target.checked })} />
            Word timestamps
          </label>
        </div>

        {cost !== null && (
          <p className="field-hint">
            About ${cost.toFixed(3)} for {formatDuration(call.durationSec)} of audio{sides > 1 ? ' on each of 2 channels' : ''} (list price; OpenAI bills).
          </p>
        )}
        <div className="modal-actions">
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" data-testid="retranscribe-submit" disabled={!ok}>
            {busy ? 'Queuing…' : 'Re-transcribe'}
          </button>
        </div>
      </form>
    </div>
  );
}
