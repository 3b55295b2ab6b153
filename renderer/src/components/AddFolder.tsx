import { useState, type FormEvent } from 'react';
import { useApp } from '../store-context.js';

/** Adds a folder source: the native picker under Electron, a typed path in browser mode. */
export function AddFolder() {
  const info = useApp((s) => s.info);
  const adding = useApp((s) => s.adding);
  const addFolder = useApp((s) => s.addFolder);
  const pickAndAddFolder = useApp((s) => s.pickAndAddFolder);
  const [path, setPath] = useState('');

  if (info?.canPickFolders === true) {
    return (
      <button
        type="button"
        className="btn btn-primary btn-block"
        data-testid="add-folder-button"
        disabled={adding}
        onClick={() => void pickAndAddFolder()}
      >
        {adding ? 'Importing…' : 'Add folder…'}
      </button>
    );
  }

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const trimmed = path.trim();
    if (trimmed === '') return;
    // Keep the typed path if the import failed, so the user can correct it.
    void addFolder(trimmed).then((ok) => {
      if (ok) setPath('');
    });
  };

  return (
    <form className="add-folder" onSubmit={submit}>
      <label className="field-label" htmlFor="folder-path">
        Folder of call recordings
      </label>
      <input
        id="folder-path"
        className="input"
        data-testid="folder-path-input"
        type="text"
        placeholder="/path/to/call_recordings"
        spellCheck={false}
        autoComplete="off"
        value={path}
        onChange={(e) => setPath(e.target.value)}
      />
      <button
        type="submit"
        className="btn btn-primary"
        data-testid="add-folder-button"
        disabled={adding || path.trim() === ''}
      >
        {adding ? 'Importing…' : 'Add folder'}
      </button>
    </form>
  );
}
