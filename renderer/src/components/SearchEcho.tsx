import type { ParsedQuery } from '../../../shared/search.js';
import { describeClauses, describeFilter, describeTerm } from '../search-logic.js';

/** The query as the search understood it: text terms, exclusions and filters as chips, and what was read as plain text. */
export function SearchEcho({ parsed }: { parsed: ParsedQuery }) {
  const clauses = describeClauses(parsed);
  return (
    <div className="search-echo" data-testid="search-echo">
      {clauses.length > 0 && (
        <span className="search-echo-part">
          <span className="muted">Looking for</span>
          {clauses.map((c, i) => (
            <span key={i} className="search-chip search-chip-term" data-testid="search-term-chip">
              {c}
            </span>
          ))}
        </span>
      )}
      {parsed.exclude.length > 0 && (
        <span className="search-echo-part">
          <span className="muted">without</span>
          {parsed.exclude.map((t, i) => (
            <span key={i} className="search-chip search-chip-exclude" data-testid="search-exclude-chip">
              {describeTerm(t)}
            </span>
          ))}
        </span>
      )}
      {parsed.filters.length > 0 && (
        <span className="search-echo-part">
          <span className="muted">where</span>
          {parsed.filters.map((f, i) => (
            <span key={i} className="search-chip search-chip-filter" data-testid="search-filter-chip" title={`You typed ${f.negate ? '-' : ''}${f.text}`}>
              {describeFilter(f)}
            </span>
          ))}
        </span>
      )}
      {parsed.plainTerms.length > 0 && (
        <span className="search-echo-part search-plain" data-testid="search-plain">
          Searched as plain text: {parsed.plainTerms.join(', ')}
        </span>
      )}
      {parsed.ignored.length > 0 && (
        <span className="search-echo-part muted" data-testid="search-ignored">
          Left out: {parsed.ignored.join(' ')}
        </span>
      )}
    </div>
  );
}
