import { useId, useState, type KeyboardEvent } from 'react';
import { Tag, TAG_MAX, tagKey } from '../../../shared/tags.js';
import { useApp } from '../store-context.js';
import './tags.css';

/** A call's tags as chips with remove buttons, and an input where Enter adds one (Backspace on an empty input removes the last). */
export function TagEditor({ callId, tags }: { callId: number; tags: readonly string[] }) {
  const save = useApp((s) => s.setCallTags);
  const saving = useApp((s) => s.savingTags);
  const options = useApp((s) => s.tagOptions);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const ids = useId();

  const add = async (): Promise<void> => {
    const parsed = Tag.safeParse(text);
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? 'That is not a tag.');
    const same = tags.find((t) => tagKey(t) === tagKey(parsed.data));
    if (same !== undefined) return setError(`The call already has the tag “${same}”.`);
    setError(null);
    if (await save(callId, [...tags, parsed.data])) setText('');
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void add();
    } else if (e.key === 'Backspace' && text === '' && tags.length > 0) {
      void save(callId, tags.slice(0, -1));
    }
  };

  return (
    <div className="meta-row" data-testid="call-tags">
      <dt id={`${ids}-label`}>Tags</dt>
      <dd className="tag-editor">
        {tags.length > 0 && (
          <ul className="tag-chips" aria-labelledby={`${ids}-label`}>
            {tags.map((t) => (
              <li key={t} className="tag-chip" data-testid="call-tag">
                <span className="tag-chip-text">{t}</span>
                <button type="button" className="tag-chip-remove" aria-label={`Remove the tag ${t}`} disabled={saving} onClick={() => void save(callId, tags.filter((x) => x !== t))}>
                  ✕
                </button>
              </li>
            ))}
          </ul>
        )}
        <input
          className="input input-small tag-input"
          data-testid="tag-input"
          aria-label="Add a tag"
          aria-invalid={error !== null}
          aria-describedby={error === null ? undefined : `${ids}-error`}
          placeholder="Add a tag…"
          list={`${ids}-options`}
          maxLength={TAG_MAX}
          value={text}
          disabled={saving}
          onChange={(e) => {
            setText(e.target.value);
            setError(null);
          }}
          onKeyDown={onKey}
        />
        <datalist id={`${ids}-options`}>
          {options.map((o) => (
            <option key={o.tag} value={o.tag} />
          ))}
        </datalist>
        {error !== null && (
          <span id={`${ids}-error`} className="tag-error" role="alert">
            {error}
          </span>
        )}
      </dd>
    </div>
  );
}
