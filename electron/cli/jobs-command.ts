import type { JobInfo, JobState } from '../../shared/jobs.js';
import { TranscriptionOptions, type TranscribeRequestResult, type TranscriptionOptionsInput } from '../../shared/transcription.js';
import { createCore, type Core } from '../core/app-core.js';
import type { RunSummary } from '../core/jobs/types.js';
import type { CliContext } from './commands.js';
import { resolveCallRefs } from './call-refs.js';

const out = (s: string) => process.stdout.write(s + '\n');
const err = (s: string) => process.stderr.write(s + '\n');

/** Command-line options of `transcribe`, as parsed (strings until validated). */
export interface TranscribeFlags {
  missing: boolean;
  wait: boolean;
  model?: string;
  language?: string;
  prompt?: string;
  temperature?: string;
  words: boolean;
}

/** Turns flags into run options; a message for a usage error. */
export function transcribeOptions(f: TranscribeFlags): TranscriptionOptionsInput | string {
  const raw: Record<string, unknown> = {};
  if (f.model !== undefined) raw.model = f.model;
  if (f.language !== undefined) raw.language = f.language;
  if (f.prompt !== undefined) raw.prompt = f.prompt;
  if (f.temperature !== undefined) raw.temperature = Number(f.temperature);
  if (f.words) raw.wordTimestamps = true;
  const parsed = TranscriptionOptions.partial().safeParse(raw);
  if (!parsed.success) return parsed.error.issues.map((i) => `--${String(i.path[0] ?? 'option')}: ${i.message}`).join('; ');
  return parsed.data;
}

/** Shows job progress on stderr (a terminal only) while `fn` runs. */
async function withProgress<T>(core: Core, ctx: CliContext, fn: () => Promise<T>): Promise<T> {
  const tty = process.stderr.isTTY && !ctx.json;
  const off = core.bus.onAny((event, p) => {
    if (!tty || event !== 'jobs:changed' || !('state' in p) || p.state !== 'running') return;
    const pct = p.progress === null ? '' : ` ${Math.round(p.progress * 100)}%`;
    const eta = p.etaSec === null ? '' : `, about ${p.etaSec} s left`;
    process.stderr.write(`\r\x1b[Kjob ${p.id} (${p.type}, call ${p.callId ?? '—'})${pct}${eta} ${p.progressNote ?? ''}`);
  });
  try {
    return await fn();
  } finally {
    off();
    if (tty) process.stderr.write('\r\x1b[K');
  }
}

function describeRun(s: RunSummary): string {
  return `${s.succeeded} succeeded, ${s.failed} failed, ${s.retried} retries${s.paused ? ' (the queue is paused: resume it to run the rest)' : ''}`;
}

/** `transcribe <call…> | --missing`: queues transcriptions; with --wait runs them here. Exit 1 when any call was skipped or failed. */
export async function runTranscribe(ctx: CliContext, refs: string[], flags: TranscribeFlags): Promise<number> {
  const options = transcribeOptions(flags);
  if (typeof options === 'string') {
    err(`callreview: ${options}`);
    return 2;
  }
  const core = createCore(ctx.dataDir, { log: (m) => err(m) });
  try {
    const { ids, unknown } = resolveCallRefs(core, refs);
    const res: TranscribeRequestResult = flags.missing ? core.transcription.requestMissing(options) : core.transcription.request(ids, options, 'manual');
    for (const ref of unknown) res.skipped.push({ callId: 0, reason: `no call ${ref}` });
    let summary: RunSummary | null = null;
    if (flags.wait && res.queued.length + res.alreadyQueued.length > 0) summary = await withProgress(core, ctx, () => core.jobs.runUntilIdle());
    const jobs = [...res.queued, ...res.alreadyQueued].map((q) => core.jobs.get(q.jobId)).filter((j): j is JobInfo => j !== null);
    if (ctx.json) out(JSON.stringify({ ...res, jobs, run: summary }, null, 2));
    else {
      out(`${res.queued.length} queued, ${res.alreadyQueued.length} already queued, ${res.skipped.length} skipped`);
      for (const s of res.skipped) err(`skipped: ${s.callId === 0 ? '' : `call ${s.callId}: `}${s.reason}`);
      if (summary) out(describeRun(summary));
      for (const j of jobs.filter((j) => j.state === 'failed')) err(`failed: job ${j.id} (call ${j.callId}): ${j.errorMessage}`);
    }
    return res.skipped.length > 0 || jobs.some((j) => j.state === 'failed') ? 1 : 0;
  } finally {
    core.close();
  }
}

/** `worker`: runs queued jobs until the queue is empty (or paused); exit 1 when any failed. */
export async function runWorker(ctx: CliContext): Promise<number> {
  const core = createCore(ctx.dataDir, { log: (m) => err(m) });
  try {
    const summary = await withProgress(core, ctx, () => core.jobs.runUntilIdle());
    if (ctx.json) out(JSON.stringify(summary, null, 2));
    else out(describeRun(summary));
    return summary.failed > 0 ? 1 : 0;
  } finally {
    core.close();
  }
}

const STATES: readonly JobState[] = ['queued', 'running', 'succeeded', 'failed', 'canceled'];

/** `jobs [--json] [--state S]`: lists jobs, newest first. */
export function runJobs(ctx: CliContext, state: string | undefined): number {
  if (state !== undefined && !STATES.includes(state as JobState)) {
    err(`callreview: --state must be one of ${STATES.join(', ')}, not ${state}`);
    return 2;
  }
  const core = createCore(ctx.dataDir);
  try {
    const jobs = core.jobs.list(state === undefined ? {} : { states: [state as JobState] });
    if (ctx.json) {
      out(JSON.stringify({ status: core.jobs.status(), jobs }, null, 2));
      return 0;
    }
    const st = core.jobs.status();
    out(`queue ${st.paused ? 'paused' : 'running'}, concurrency ${st.concurrency}: ${STATES.map((s) => `${st.counts[s]} ${s}`).join(', ')}`);
    for (const j of jobs) {
      const progress = j.state === 'running' && j.progress !== null ? ` ${Math.round(j.progress * 100)}%` : '';
      const error = j.errorMessage ? `  ${j.errorMessage}` : '';
      out([j.id, j.type, j.callId ?? '—', `${j.state}${progress}`, `${j.attempts}/${j.maxAttempts}`, j.updatedAt].join('\t') + error);
    }
    return 0;
  } finally {
    core.close();
  }
}
