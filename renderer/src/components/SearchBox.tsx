import { useEffect, useRef } from 'react';
import { MAX_QUERY_LENGTH } from '../../../shared/search.js';
import { belongsToFocus } from '../player/shortcuts.js';
import { useApp } from '../store-context.js';
import './search.css';

/** True for the page-wide keys that put the caret in the search box: `/` (outside text fields) and Ctrl/⌘+K. */
export function isSearchShortcut(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>, target: Element | null): boolean {
  if (e.altKey) return false;
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') return true;
  return e.key === '/' && !e.ctrlKey && !e.metaKey && !belongsToFocus(target, e.key);
}

/** The top bar's search box: searches as you type (debounced), Enter at once, Esc clears; `/` or Ctrl+K focuses it. */
export function SearchBox() {
  const text = useApp((s) => s.searchText);
  const searching = useApp((s) => s.searching);
  const setText = useApp((s) => s.setSearchText);
  const run = useApp((s) => s.runSearch);
  const clear = useApp((s) => s.clearSearch);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.isComposing) return;
      if (!isSearchShortcut(e, e.target instanceof Element ? e.target : null)) return;
      e.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="search-box" role="search" data-busy={searching}>
      <input
        ref={input}
        type="search"
        className="input search-input"
        data-testid="search-input"
        aria-label="Search transcripts"
        aria-keyshortcuts="/ Control+K"
        placeholder="Search transcripts   ( / or Ctrl+K )"
        maxLength={MAX_QUERY_LENGTH}
        spellCheck={false}
        autoComplete="off"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            void run();
          } else if (e.key === 'Escape') {
            // Esc clears; in an empty box it hands the keyboard back to the page.
            e.preventDefault();
            if (text === '') input.current?.blur();
            else clear();
          }
        }}
      />
      {searching && (
        <span className="search-busy" aria-hidden="true" data-testid="search-busy">
          …
        </span>
      )}
    </div>
  );
}
