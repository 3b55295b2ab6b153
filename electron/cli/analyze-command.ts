import type { JobInfo } from '../../shared/jobs.js';
import { LlmModel, type AnalyzeRequestResult } from '../../shared/llm-analysis.js';
import { createCore } from '../core/app-core.js';
import type { RunSummary } from '../core/jobs/types.js';
import type { CliContext } from './commands.js';
import { resolveCallRefs } from './call-refs.js';

const out = (s: string) => process.stdout.write(s + '\n');
const err = (s: string) => process.stderr.write(s + '\n');

/** Command-line options of `analyze`. */
export interface AnalyzeFlags {
  wait: boolean;
  model?: string;
}

/**
 * `analyze <call…>`: queues an LLM analysis of each call's active transcript version; with --wait
 * runs the queue here until it is empty. Exit 1 when a call was skipped or its job failed, 2 for a bad --model.
 */
export async function runAnalyze(ctx: CliContext, refs: string[], flags: AnalyzeFlags): Promise<number> {
  const model = flags.model === undefined ? undefined : LlmModel.safeParse(flags.model);
  if (model && !model.success) {
    err(`callreview: --model: ${model.error.issues[0]?.message ?? 'invalid'}`);
    return 2;
  }
  const core = createCore(ctx.dataDir, { log: (m) => err(m) });
  try {
    const { ids, unknown } = resolveCallRefs(core, refs);
    const res: AnalyzeRequestResult = core.llm.request(ids, { model: model?.data, reason: 'manual' });
    for (const ref of unknown) res.skipped.push({ callId: 0, reason: `no call ${ref}` });
    let run: RunSummary | null = null;
    if (flags.wait && res.queued.length + res.alreadyQueued.length > 0) run = await core.jobs.runUntilIdle();
    const jobs = [...res.queued, ...res.alreadyQueued].map((q) => core.jobs.get(q.jobId)).filter((j): j is JobInfo => j !== null);
    // What each call now has for its active version, once the jobs ran.
    const analyses = run ? jobs.filter((j) => j.state === 'succeeded' && j.callId !== null).map((j) => ({ callId: j.callId!, analysis: core.llm.current(j.callId!) })) : [];
    if (ctx.json) out(JSON.stringify({ ...res, jobs, run, analyses }, null, 2));
    else {
      out(`${res.queued.length} queued, ${res.alreadyQueued.length} already queued, ${res.skipped.length} skipped`);
      for (const s of res.skipped) err(`skipped: ${s.callId === 0 ? '' : `call ${s.callId}: `}${s.reason}`);
      if (run) out(`${run.succeeded} succeeded, ${run.failed} failed, ${run.retried} retries${run.paused ? ' (the queue is paused: resume it to run the rest)' : ''}`);
      for (const a of analyses) if (a.analysis) out(`call ${a.callId}: run ${a.analysis.run} (${a.analysis.payload.model}): ${a.analysis.payload.summary.split('\n')[0] ?? ''}`);
      for (const j of jobs.filter((j) => j.state === 'failed')) err(`failed: job ${j.id} (call ${j.callId}): ${j.errorMessage}`);
    }
    return res.skipped.length > 0 || jobs.some((j) => j.state === 'failed') ? 1 : 0;
  } finally {
    core.close();
  }
}
