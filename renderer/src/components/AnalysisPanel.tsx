import { useEffect } from 'react';
import type { LlmAnalysis } from '../../../shared/llm-analysis.js';
import { speakerLabel } from '../../../shared/format.js';
import type { CallDetail } from '../../../shared/types.js';
import { formatScore, METRICS_JOB } from '../analysis-logic.js';
import { sentimentColor } from '../chart-colors.js';
import { isActiveJob } from '../jobs-logic.js';
import { bestAudio } from '../player/player-logic.js';
import { useApp } from '../store-context.js';
import { AnalysisLists, KeyPhrases } from './AnalysisLists.js';
import { AnalysisRuns, AnalyzeControls, AnalyzeFailure } from './AnalyzeControls.js';
import { LatencyChart, TalkTimeBar } from './MetricsCharts.js';
import { SentimentTimeline } from './SentimentTimeline.js';
import './analysis.css';

/** A sentiment as a coloured label with its score. */
function SentimentBadge({ s, testId }: { s: LlmAnalysis['sentiment']['overall']; testId: string }) {
  return (
    <span className="sentiment-badge" data-testid={testId} data-label={s.label} style={{ borderColor: sentimentColor(s.label), color: sentimentColor(s.label) }}>
      {s.label} {formatScore(s.score)}
    </span>
  );
}

/** Summary, overall and per-speaker sentiment and key phrases of an LLM analysis. */
function Overview({ llm, call }: { llm: LlmAnalysis; call: CallDetail }) {
  const segments = call.transcript?.segments;
  return (
    <section className="analysis-card analysis-summary" aria-labelledby="summary-title">
      <h4 id="summary-title">Summary</h4>
      <p className="summary-text" data-testid="analysis-summary">
        {llm.summary}
      </p>
      <div className="sentiment-row">
        <span className="muted small">Sentiment</span>
        <SentimentBadge s={llm.sentiment.overall} testId="sentiment-overall" />
        {llm.sentiment.bySpeaker.map((s) => (
          <span key={s.speaker} className="sentiment-speaker" data-testid="sentiment-speaker" data-speaker={s.speaker}>
            {speakerLabel(s.speaker)} <SentimentBadge s={s} testId="sentiment-speaker-badge" />
          </span>
        ))}
      </div>
      <h4 className="subhead">Key phrases</h4>
      <KeyPhrases llm={llm} segments={segments} />
    </section>
  );
}

/**
 * The Analysis tab: Run analysis and which run is shown, sentiment over time aligned with the
 * waveform, summary, talk time, latency, key phrases, action items, questions and QA flags. Local
 * metrics show without an LLM analysis.
 */
export function AnalysisPanel({ call }: { call: CallDetail }) {
  const view = useApp((s) => (s.analysisCallId === call.id ? s.analysis : null));
  const viewed = useApp((s) => (s.analysisCallId === call.id ? s.viewedRun : null));
  const load = useApp((s) => s.loadAnalysis);
  const metricsRunning = useApp((s) => s.jobs.some((j) => j.type === METRICS_JOB && j.callId === call.id && isActiveJob(j)));
  const activeVersion = call.transcript?.id ?? null;
  // A new active version (a transcription, a switch) has its own analyses.
  useEffect(() => void load(call.id), [load, call.id, activeVersion]);

  const record = viewed ?? view?.llm ?? null;
  const llm = record?.payload ?? null;
  const metrics = view?.metrics?.payload ?? null;
  // Cited lines are looked up in the transcript shown, which is the analysed one unless versions moved on.
  const segments = record !== null && call.transcript !== null && record.transcriptId === call.transcript.id ? call.transcript.segments : undefined;
  const duration = bestAudio(call.audio)?.durationSec ?? metrics?.durationSec ?? call.durationSec ?? 0;

  return (
    <div className="analysis" data-testid="analysis-panel" data-llm-run={record?.id ?? undefined}>
      {/* Head and timeline do not scroll: a scrollbar would narrow the timeline and break its alignment with the waveform. */}
      <div className="analysis-top">
        <div className="analysis-head">
          <h3>Analysis</h3>
          {view !== null && <AnalysisRuns view={view} shownId={record?.id ?? null} />}
          {viewed !== null && (
            <span className="transcript-viewing analysis-viewing" data-testid="analysis-viewing">
              An earlier run
            </span>
          )}
          <AnalyzeControls call={call} hasRun={view?.llm !== null && view?.llm !== undefined} />
        </div>
        <AnalyzeFailure callId={call.id} />
        {llm !== null && llm.sentiment.overTime.length > 0 && <SentimentTimeline overTime={llm.sentiment.overTime} duration={duration} windowSec={llm.windowSec} />}
      </div>
      <div className="analysis-body">
        {view === null ? (
          <p className="muted">Loading the analysis…</p>
        ) : (
          <>
            <div className="analysis-grid">
              {llm !== null ? (
                <Overview llm={llm} call={call} />
              ) : (
                <section className="analysis-card analysis-summary analysis-empty" data-testid="analysis-empty">
                  <h4>No LLM analysis yet</h4>
                  <p className="muted small">
                    {call.transcript === null
                      ? 'Transcribe the call first; the analysis reads its active transcript version.'
                      : 'Run analysis for a summary, sentiment over time, key phrases, action items, questions and QA flags of the active transcript version.'}
                  </p>
                </section>
              )}
              {metrics !== null ? (
                <>
                  <TalkTimeBar metrics={metrics} />
                  <LatencyChart metrics={metrics} />
                </>
              ) : (
                <section className="analysis-card" data-testid="metrics-empty">
                  <h4>Conversation metrics</h4>
                  <p className="muted small">{metricsRunning ? 'Measuring talk time and latency…' : 'No metrics for this call yet: they are measured after import and after each transcription.'}</p>
                </section>
              )}
            </div>
            {llm !== null && <AnalysisLists llm={llm} segments={segments} />}
          </>
        )}
      </div>
    </div>
  );
}
