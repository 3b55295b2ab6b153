import type { ImportIssue } from '../../shared/types.js';

/** Merges stored import issues with warnings from this session's reports, once each, newest first. */
export function mergeWarnings(stored: ImportIssue[], fromReports: ImportIssue[]): ImportIssue[] {
  const seen = new Set<string>();
  const out: ImportIssue[] = [];
  // A report's warnings are usually stored as issues too; the same path + message is one problem.
  for (const w of [...fromReports, ...stored]) {
    const key = `${w.path}\u0000${w.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(w);
  }
  return out.sort((a, b) => b.at.localeCompare(a.at));
}
