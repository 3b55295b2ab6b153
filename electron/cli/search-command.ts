import { SearchOrder, type SearchHit, type SearchResponse, type SnippetRun } from '../../shared/search.js';
import { formatDuration } from '../../shared/format.js';
import { createCore } from '../core/app-core.js';
import { SearchService } from '../core/search/search-service.js';
import type { CliContext } from './commands.js';

const out = (s: string) => process.stdout.write(s + '\n');
const err = (s: string) => process.stderr.write(s + '\n');

/** Command-line options of `search`, as parsed (strings until validated). */
export interface SearchFlags {
  limit?: string;
  offset?: string;
  order?: string;
  allVersions: boolean;
  noAnalysis: boolean;
  rebuild: boolean;
}

/** A flag's integer within bounds, or a usage message. */
function intFlag(name: string, raw: string | undefined, fallback: number, min: number, max: number): number | string {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  return /^\d+$/.test(raw) && n >= min && n <= max ? n : `--${name} must be a whole number from ${min} to ${max}, not ${raw}`;
}

/** Marks hits in bold on a terminal; elsewhere the snippet is plain text. */
function snippetText(runs: SnippetRun[], tty: boolean): string {
  return runs.map((r) => (r.hit && tty ? `\x1b[1m${r.text}\x1b[22m` : r.text)).join('');
}

function where(h: SearchHit): string {
  const at = h.start === null ? '' : `[${formatDuration(h.start)}] `;
  const who = h.speaker ?? '—';
  return h.kind === 'segment' ? `${at}${who}` : `${at}${h.kind}${h.speaker ? ` (${h.speaker})` : ''}`;
}

/** The --json shape: every hit flat with its call's facts, plus the query as understood. */
function jsonOutput(r: SearchResponse): object {
  const hits = r.groups.flatMap((g) =>
    g.hits.map((h) => ({ ...h, externalId: g.externalId, startedAt: g.startedAt, callHitCount: g.hitCount })),
  );
  return {
    query: r.query,
    order: r.order,
    offset: r.offset,
    limit: r.limit,
    total: r.total,
    hasMore: r.hasMore,
    parsed: r.parsed,
    calls: r.groups.map((g) => ({ callId: g.callId, externalId: g.externalId, startedAt: g.startedAt, source: g.source, hitCount: g.hitCount })),
    hits,
  };
}

/** `search <query…> [--json] [--limit N] [--offset N] [--order relevance|newest] [--all-versions] [--no-analysis] [--rebuild]`. */
export function runSearch(ctx: CliContext, words: string[], flags: SearchFlags): number {
  const query = words.join(' ');
  const limit = intFlag('limit', flags.limit, 20, 1, 500);
  const offset = intFlag('offset', flags.offset, 0, 0, 100_000);
  const order = SearchOrder.safeParse(flags.order ?? 'relevance');
  const problem =
    typeof limit === 'string' ? limit : typeof offset === 'string' ? offset : !order.success ? `--order must be relevance or newest, not ${flags.order}` : null;
  if (problem === null && query.trim() === '' && !flags.rebuild) return usageError('search needs a query (or --rebuild)');
  if (problem !== null) return usageError(problem);
  const core = createCore(ctx.dataDir);
  try {
    const search = new SearchService(core.repos, core.now);
    if (flags.rebuild) {
      const report = search.rebuild();
      if (query.trim() === '') {
        if (ctx.json) out(JSON.stringify(report, null, 2));
        else for (const i of report.indexes) out(`rebuilt ${i.name} in ${(i.ms / 1000).toFixed(2)} s`);
        return 0;
      }
    }
    const r = search.search({ query, order: order.data, limit: limit as number, offset: offset as number, allVersions: flags.allVersions, includeAnalysis: !flags.noAnalysis });
    if (r.parsed.plainTerms.length > 0) err(`note: searched as plain text: ${r.parsed.plainTerms.join(', ')}`);
    if (r.parsed.ignored.length > 0) err(`note: ignored: ${r.parsed.ignored.join(' ')}`);
    if (ctx.json) {
      out(JSON.stringify(jsonOutput(r), null, 2));
      return 0;
    }
    const hits = r.groups.reduce((n, g) => n + g.hits.length, 0);
    if (hits === 0) {
      out('No hits.');
      return 0;
    }
    const total = `${r.total.hits}${r.total.exact ? '' : '+'}`;
    out(`${total} hit${total === '1' ? '' : 's'}, showing ${offset as number + 1}–${(offset as number) + hits} (${r.order === 'newest' ? 'newest first' : 'best first'})`);
    const tty = process.stdout.isTTY === true;
    for (const g of r.groups) {
      out('');
      out(`${g.externalId}  #${g.callId}  ${g.startedAt ?? '—'}  ${g.hitCount} hit${g.hitCount === 1 ? '' : 's'}`);
      for (const h of g.hits) out(`  ${where(h)}: ${snippetText(h.snippet, tty)}`);
    }
    if (r.hasMore) out(`\nMore: --offset ${(offset as number) + (limit as number)}`);
    return 0;
  } finally {
    core.close();
  }
}

function usageError(message: string): number {
  err(`callreview: ${message}`);
  return 2;
}
