import { useState, type FormEvent } from 'react';
import { useApp } from '../store-context.js';

/** Enters an OpenAI API key to keep in the OS keychain (Electron); the field is a password field and is emptied once stored. */
export function OpenAiKeyForm() {
  const save = useApp((s) => s.saveOpenAiKey);
  const saving = useApp((s) => s.openaiSaving);
  const [key, setKey] = useState('');
  const looksRight = /^sk-\S{16,}$/.test(key.trim());

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (!looksRight) return;
    // A refused key stays in the field for correction; a stored one leaves the page's memory at once.
    void save(key.trim()).then((ok) => {
      if (ok) setKey('');
    });
  };

  return (
    <form className="twilio-form" data-testid="openai-key-form" onSubmit={submit}>
      <label className="field-label" htmlFor="openai-key">
        OpenAI API key
      </label>
      <input
        id="openai-key"
        className="input"
        type="password"
        placeholder="sk-…"
        autoComplete="off"
        spellCheck={false}
        aria-invalid={key !== '' && !looksRight}
        value={key}
        onChange={(e) => setKey(e.target.value)}
      />
      {key !== '' && !looksRight && <span className="field-error">An OpenAI key starts with sk- and is longer than this.</span>}
      <button type="submit" className="btn btn-primary" disabled={saving || !looksRight}>
        {saving ? 'Saving…' : 'Save key'}
      </button>
    </form>
  );
}
