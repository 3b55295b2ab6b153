import { useEffect, useState, type FormEvent } from 'react';
import { useApp } from '../store-context.js';
import './search.css';

/** The form that names the current search and saves it; Esc cancels. */
function SaveForm({ initial, onDone }: { initial: string; onDone: () => void }) {
  const save = useApp((s) => s.saveSearch);
  const [name, setName] = useState(initial);
  const [busy, setBusy] = useState(false);
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (name.trim() === '') return;
    setBusy(true);
    void save(name.trim()).then((ok) => {
      setBusy(false);
      if (ok) onDone();
    });
  };
  return (
    <form className="saved-form" data-testid="saved-search-form" onSubmit={submit}>
      <label className="field-label" htmlFor="saved-search-name">
        Name
      </label>
      <input
        id="saved-search-name"
        className="input"
        data-testid="saved-search-name"
        value={name}
        maxLength={100}
        autoFocus
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            onDone();
          }
        }}
      />
      <div className="saved-form-actions">
        <button type="submit" className="btn btn-small btn-primary" data-testid="saved-search-submit" disabled={busy || name.trim() === ''}>
          Save
        </button>
        <button type="button" className="btn btn-small" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The sidebar's saved searches: save the current query under a name, run one with a click, delete one. */
export function SavedSearches() {
  const saved = useApp((s) => s.savedSearches);
  const load = useApp((s) => s.loadSavedSearches);
  const run = useApp((s) => s.runSavedSearch);
  const remove = useApp((s) => s.deleteSavedSearch);
  const query = useApp((s) => s.searchText);
  const [naming, setNaming] = useState(false);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="sidebar-section saved-searches" aria-labelledby="saved-searches-title" data-testid="saved-searches">
      <div className="sidebar-heading">
        <h2 id="saved-searches-title">Saved searches</h2>
        <button
          type="button"
          className="btn btn-small"
          data-testid="saved-search-add"
          disabled={query.trim() === '' || naming}
          title={query.trim() === '' ? 'Type a search first' : `Save “${query}”`}
          onClick={() => setNaming(true)}
        >
          Save search
        </button>
      </div>
      {naming && <SaveForm initial={query.trim().slice(0, 100)} onDone={() => setNaming(false)} />}
      {saved.length === 0 ? (
        !naming && <p className="muted small">None yet: search, then save it here.</p>
      ) : (
        <ul className="saved-list">
          {saved.map((s) => (
            <li key={s.id} className="saved-item" data-testid="saved-search">
              <button
                type="button"
                className="saved-run"
                data-testid="saved-search-run"
                title={`Search for: ${s.query} (Delete removes it)`}
                onClick={() => void run(s)}
                onKeyDown={(e) => {
                  if (e.key === 'Delete') {
                    e.preventDefault();
                    void remove(s.id);
                  }
                }}
              >
                <span className="saved-name">{s.name}</span>
                <span className="saved-query">{s.query}</span>
              </button>
              <button type="button" className="saved-delete" data-testid="saved-search-delete" aria-label={`Delete the saved search ${s.name}`} title="Delete" onClick={() => void remove(s.id)}>
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
