import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CallMetrics } from '../../shared/analysis.js';
import { AppError } from '../../shared/ipc/envelope.js';
import { formatDuration } from '../../shared/format.js';
import { createCore, type Core } from '../core/app-core.js';
import { metricsOf } from '../core/analysis/metrics-service.js';
import { createHandlers, getCallDetail } from '../core/handlers.js';
import { FolderWatcher } from '../core/library/folder-watcher.js';
import { addReport, emptyReport } from '../core/library/importer.js';
import { appVersion } from '../core/version.js';
import { startBrowserServer } from '../server/browser-server.js';

/** Options every command shares. */
export interface CliContext {
  dataDir: string;
  json: boolean;
  watch: boolean;
}

const out = (s: string) => process.stdout.write(s + '\n');
const err = (s: string) => process.stderr.write(s + '\n');

function withCore<T>(ctx: CliContext, fn: (core: Core) => T): T {
  const core = createCore(ctx.dataDir);
  try {
    return fn(core);
  } finally {
    core.close();
  }
}

async function withCoreAsync<T>(ctx: CliContext, fn: (core: Core) => Promise<T>): Promise<T> {
  const core = createCore(ctx.dataDir);
  try {
    return await fn(core);
  } finally {
    core.close();
  }
}

/** `import <dir...>`: registers each folder as a source and imports it. */
export async function runImport(ctx: CliContext, dirs: string[]): Promise<number> {
  const core = createCore(ctx.dataDir);
  try {
    const total = emptyReport();
    const tty = process.stderr.isTTY && !ctx.json;
    const off = core.bus.onAny((event, p) => {
      if (tty && event === 'library:importProgress' && 'done' in p) process.stderr.write(`\rimporting ${p.done}/${p.total}…`);
    });
    for (const dir of dirs) {
      try {
        addReport(total, (await core.library.addFolder(dir, ctx.watch)).report);
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        total.failed++;
        total.warnings.push({ path: dir, message: e.message, at: core.now() });
      }
    }
    off();
    if (tty) process.stderr.write('\r\x1b[K');
    if (ctx.json) out(JSON.stringify(total, null, 2));
    else {
      out(`${total.added} new, ${total.updated} updated, ${total.unchanged} unchanged, ${total.failed} failed (${total.scanned} scanned in ${(total.durationMs / 1000).toFixed(2)} s)`);
      for (const w of total.warnings) err(`warning: ${w.path}: ${w.message}`);
    }
    return total.warnings.length > 0 ? 1 : 0;
  } finally {
    core.close();
  }
}

/** `calls`: the call list as a table or JSON. */
export function runCalls(ctx: CliContext): number {
  return withCore(ctx, (core) => {
    const { items } = core.repos.calls.list('startedAt', 'asc', 1_000_000, 0);
    if (ctx.json) {
      out(JSON.stringify(items, null, 2));
      return 0;
    }
    if (items.length === 0) {
      out('No calls yet. Import a folder: callreview import <dir>');
      return 0;
    }
    out(['ID', 'STARTED', 'DURATION', 'CH', 'TRANSCRIPT', 'WARNINGS', 'EXTERNAL ID'].join('\t'));
    for (const c of items) {
      out([c.id, c.startedAt ?? '—', formatDuration(c.durationSec), c.channels ?? '—', c.hasTranscript ? 'yes' : 'no', c.warnings.length, c.externalId].join('\t'));
    }
    return 0;
  });
}

/** `show <call>`: one call by id or external id; `metrics` are computed here when the call has none yet. */
export async function runShow(ctx: CliContext, ref: string): Promise<number> {
  return withCoreAsync(ctx, async (core) => {
    const id = /^\d+$/.test(ref) ? Number(ref) : core.repos.calls.list('startedAt', 'asc', 1_000_000, 0).items.find((c) => c.externalId === ref)?.id;
    if (id === undefined) throw new AppError('not-found', `No call matches ${JSON.stringify(ref)}.`);
    const d = getCallDetail(core, id);
    const metrics = metricsOf(await core.metrics.ensure(id));
    if (ctx.json) {
      out(JSON.stringify({ ...d, metrics, analysis: core.llm.current(id) }, null, 2));
      return 0;
    }
    out(`${d.externalId} (#${d.id}, ${d.source})`);
    out(`started ${d.startedAt ?? '—'}  duration ${formatDuration(d.durationSec)}  channels ${d.channels ?? '—'}  roles ${d.channelRoles.join('/')}`);
    for (const a of d.audio) out(`audio ${a.variant}: ${a.fileName} ${a.format ?? ''} ${a.sampleRate ?? ''} Hz ${a.channels ?? ''} ch${a.missing ? ' MISSING' : ''}`);
    for (const w of d.warnings) out(`warning: ${w}`);
    for (const s of d.transcript?.segments ?? []) out(`[${formatDuration(s.start)}] ${s.speaker}: ${s.text}`);
    for (const a of d.activities.filter((x) => x.type === 'function_call')) out(`function ${String(a.payload.name)} at ${formatDuration(a.offsetSec)}`);
    if (metrics) out(metricsLine(metrics));
    const analysis = core.llm.current(id);
    if (analysis) out(`analysis (run ${analysis.run}, ${analysis.payload.model}): ${analysis.payload.summary.split('\n')[0] ?? ''}`);
    return 0;
  });
}

/** `serve`: browser mode until interrupted. */
export async function runServe(ctx: CliContext, port: number): Promise<number> {
  const rendererDir = fileURLToPath(new URL('../renderer/', import.meta.url));
  if (!existsSync(rendererDir)) throw new Error(`The renderer is not built (${rendererDir} is missing): run npm run build.`);
  const core = createCore(ctx.dataDir, { log: err });
  const handlers = createHandlers(core, { mode: 'browser', version: appVersion() });
  const quiet = Number(process.env.CALLREVIEW_WATCH_QUIET_MS ?? 2000);
  const watcher = ctx.watch ? new FolderWatcher(core.repos, core.library, core.bus, quiet, err) : null;
  watcher?.start().catch((e: unknown) => err(`watching failed: ${String(e)}`));
  core.twilio.startAutoSync();
  // Jobs left queued (or running when the app last stopped) resume here.
  core.jobs.start();
  // Backfill peaks for files imported before (or while) the app was closed.
  core.peaks.scheduleMissing();
  // Calls imported before metrics existed (or while the app was closed) get theirs.
  core.metrics.queueMissing();
  const server = await startBrowserServer({ handlers, bus: core.bus, core, exports: core.exports, rendererDir, port, log: err });
  out(`CallReview is running at ${server.loginUrl}`);
  err(`Data folder: ${core.dataDir}. Press Ctrl+C to stop.`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  await watcher?.close();
  core.close();
  return 0;
}

/** One line of a call's metrics for the human-readable `show`. */
function metricsLine(m: CallMetrics): string {
  const talk = Object.entries(m.speakers).map(([who, s]) => `${who} ${Math.round(s.talkRatio * 100)}%`);
  const latency = m.latency.medianSec === null ? '—' : `${m.latency.medianSec.toFixed(2)} s median, ${(m.latency.worstSec ?? 0).toFixed(2)} s worst`;
  return `metrics (${m.basis}): talk ${talk.join(' / ') || '—'}, silence ${formatDuration(m.silence.totalSec)}, ${m.overlaps.count} overlaps, ${m.turns} turns, latency ${latency}`;
}
