import { z } from 'zod';
import { LlmModel, QaFlagName } from '../../../shared/llm-analysis.js';
import type { Repos } from '../db/repos/index.js';
import { JobError } from '../jobs/job-error.js';
import type { JobContext, JobHandler } from '../jobs/types.js';
import { addReviewActivity } from '../transcription/transcription-activity.js';
import { AnalysisBreak, readPartAnswer, type PartResult } from './llm-answer.js';
import type { Analyzer } from './llm-client.js';
import { mergeParts } from './llm-merge.js';
import { partPrompt, SYSTEM_PROMPT } from './llm-prompt.js';
import { ANALYSIS_SCHEMA_NAME, partAnswerSchema, partJsonSchema } from './llm-schema.js';
import { speakersOf, splitTranscript, transcriptLines, type TranscriptPart } from './transcript-parts.js';

/** The job type name, as `callreview jobs` lists it. */
export const ANALYZE_JOB = 'analyze';

/** An analysis job's payload: the transcript version and the settings are fixed when it is requested. */
export const AnalyzePayload = z.object({
  callId: z.number().int().positive(),
  /** The version that was active at the request; a later switch does not change what this job analyses. */
  transcriptId: z.number().int().positive(),
  model: LlmModel,
  flags: z.array(QaFlagName).max(20),
  partTokenBudget: z.number().int().min(50),
  windowSec: z.number().int().min(10),
  reason: z.enum(['auto', 'manual']),
});
export type AnalyzePayload = z.infer<typeof AnalyzePayload>;

/** What the job needs: the library and an analyzer (null when no key is set). */
export interface AnalyzeDeps {
  repos: Repos;
  now: () => string;
  analyzer: () => Analyzer | null;
}

/** How many times one part is asked: an answer that breaks the schema gets one more try. */
const ASKS_PER_PART = 2;

/** The analysis job: each part asked (again once if its answer breaks the schema), then combined and stored as the version's next run. */
export function analyzeJob(deps: AnalyzeDeps): JobHandler<AnalyzePayload> {
  return {
    type: ANALYZE_JOB,
    payload: AnalyzePayload,
    maxAttempts: 5,
    service: 'OpenAI',
    dedupeKey: (p) => `analyze:${p.callId}`,
    async run(p, ctx) {
      const transcript = deps.repos.transcripts.get(p.transcriptId);
      if (!deps.repos.calls.row(p.callId)) throw new JobError('no-call', 'The call was removed from the library before it could be analysed.', { retryable: false });
      if (!transcript || transcript.callId !== p.callId) throw new JobError('no-transcript', 'The transcript version to analyse was removed; request the analysis again.', { retryable: false });
      const lines = transcriptLines(transcript.segments);
      if (lines.length === 0) throw new JobError('no-transcript', 'The transcript has no lines to analyse.', { retryable: false });
      const analyzer = deps.analyzer();
      if (!analyzer) throw new JobError('no-key', 'No OpenAI API key is set. Add one in Settings (or set OPENAI_API_KEY), then retry.', { retryable: false });
      const parts = splitTranscript(lines, p.partTokenBudget, p.windowSec);
      const usage = { requests: 0, promptTokens: 0, completionTokens: 0 };
      const results: PartResult[] = [];
      for (const part of parts) {
        ctx.progress(results.length / parts.length, parts.length > 1 ? `Part ${part.index + 1} of ${parts.length}` : 'Analysing');
        results.push(await askPart(analyzer, part, parts.length, p, usage, ctx));
      }
      const analysis = mergeParts(results, { model: p.model, windowSec: p.windowSec, flags: p.flags, usage });
      const summary = { model: p.model, transcriptId: p.transcriptId, version: transcript.version, parts: parts.length, ...usage };
      return {
        result: summary,
        commit: () => {
          const now = deps.now();
          const { id, run } = deps.repos.analyses.add(p.callId, p.transcriptId, 'llm', p.model, analysis, now);
          addReviewActivity(deps.repos, p.callId, 'analysis_completed', { label: 'Analysed', analysisId: id, run, ...summary, jobId: ctx.job.id }, now);
        },
      };
    },
    onFailed(job, error) {
      if (job.callId === null || !deps.repos.calls.row(job.callId)) return;
      addReviewActivity(deps.repos, job.callId, 'analysis_failed', { label: 'Analysis failed', code: error.code, message: error.message, jobId: job.id }, deps.now());
    },
  };
}

/** Asks for one part; an unusable answer is asked again once, a second one fails the job for good. */
async function askPart(analyzer: Analyzer, part: TranscriptPart, partCount: number, p: AnalyzePayload, usage: { requests: number; promptTokens: number; completionTokens: number }, ctx: JobContext): Promise<PartResult> {
  const input = { flags: p.flags, speakers: speakersOf(part.lines), windows: part.windows.map((w) => w.id) };
  const schema = partAnswerSchema(input);
  const request = { model: p.model, system: SYSTEM_PROMPT, user: partPrompt(part, partCount, p.flags), schemaName: ANALYSIS_SCHEMA_NAME, schema: partJsonSchema(input) };
  for (let ask = 1; ; ask++) {
    const answer = await analyzer.complete(request, ctx.signal);
    usage.requests++;
    usage.promptTokens += answer.promptTokens;
    usage.completionTokens += answer.completionTokens;
    try {
      return readPartAnswer(answer, schema, part, p.flags);
    } catch (err) {
      if (!(err instanceof AnalysisBreak)) throw err;
      if (ask >= ASKS_PER_PART) {
        const where = partCount > 1 ? ` (part ${part.index + 1} of ${partCount})` : '';
        throw new JobError('bad-analysis', `${err.message} The model was asked twice${where}; no analysis was saved.`, { retryable: false, cause: err });
      }
    }
  }
}
