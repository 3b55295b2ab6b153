import { useState } from 'react';
import { isLanguage, LANGUAGES } from '../transcription-format.js';

const OTHER = 'other';

/** Language choice: auto-detect, a common language, or any other two-letter ISO-639-1 code typed in. */
export function LanguageField({ id, value, onChange }: { id: string; value: string; onChange: (value: string) => void }) {
  const listed = value === 'auto' || LANGUAGES.some((l) => l.code === value);
  const [typing, setTyping] = useState(!listed);
  const [typed, setTyped] = useState(listed ? '' : value);
  const valid = !typing || isLanguage(typed);

  return (
    <div className="language-field">
      <select
        id={id}
        className="input"
        value={typing ? OTHER : value}
        onChange={(e) => {
          if (e.target.value === OTHER) {
            setTyping(true);
            onChange(typed);
          } else {
            setTyping(false);
            onChange(e.target.value);
          }
        }}
      >
        <option value="auto">Auto-detect</option>
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code}>
            {l.name} ({l.code})
          </option>
        ))}
        <option value={OTHER}>Other code…</option>
      </select>
      {typing && (
        <>
          <input
            className="input language-code"
            aria-label="ISO-639-1 language code"
            aria-invalid={!valid}
            placeholder="e.g. ca"
            maxLength={2}
            spellCheck={false}
            autoComplete="off"
            value={typed}
            onChange={(e) => {
              const v = e.target.value.trim().toLowerCase();
              setTyped(v);
              onChange(v);
            }}
          />
          {!valid && <span className="field-error">Two letters, as in ISO-639-1 (ca, is, sw…).</span>}
        </>
      )}
    </div>
  );
}
