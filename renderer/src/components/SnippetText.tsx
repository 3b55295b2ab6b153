import { Fragment } from 'react';
import type { SnippetRun } from '../../../shared/search.js';

/** Snippet runs as text, the matched ones in <mark>: React escapes every run, so a transcript's text never becomes markup. */
export function SnippetText({ runs }: { runs: readonly SnippetRun[] }) {
  return (
    <>
      {runs.map((r, i) =>
        r.hit ? (
          <mark key={i} className="search-mark">
            {r.text}
          </mark>
        ) : (
          <Fragment key={i}>{r.text}</Fragment>
        ),
      )}
    </>
  );
}
