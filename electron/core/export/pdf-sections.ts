import { formatDuration, speakerLabel } from '../../../shared/format.js';
import type { CallExport, ExportScore } from '../../../shared/export.js';
import type { LlmAnalysis, Sentiment } from '../../../shared/llm-analysis.js';
import { sentimentSparkline, talkTimeBar } from './pdf-charts.js';
import type { ReportWriter } from './pdf-writer.js';

/** m:ss of a moment in the call, floored like the transcript's. */
export function at(sec: number): string {
  return formatDuration(Math.floor(sec));
}

function sentimentText(s: Sentiment): string {
  return `${s.label} (${s.score >= 0 ? '+' : '−'}${Math.abs(s.score).toFixed(2)})`;
}

/** The header: title, call and when the report was made, and whether it is redacted. */
export function headerSection(w: ReportWriter, data: CallExport): void {
  w.text('Call report', { bold: true, size: 20 });
  w.text(data.call.externalId, { bold: true, size: 12 });
  w.note(`Made by CallReview on ${data.exportedAt}${data.redacted ? ' · personal data redacted (phone numbers, e-mails, card numbers, national ids)' : ''}`);
  w.heading('Call details');
  const c = data.call;
  const t = data.transcript;
  w.rows([
    ['Call', `#${c.id} (${c.source})`],
    ['Started', c.startedAt ?? '—'],
    ['Ended', c.endedAt ?? '—'],
    ['Duration', formatDuration(c.durationSec)],
    ['Direction', c.direction ?? '—'],
    ['Channels', c.channels === null ? '—' : `${c.channels}${c.channelRoles.length > 0 ? ` (${c.channelRoles.map(speakerLabel).join(' / ')})` : ''}`],
    ['Transcript', t ? `version ${t.version} of ${data.transcriptVersions} (${t.source}${t.model ? `, ${t.model}` : ''}), ${t.segments.length} lines` : 'none'],
  ]);
  w.subheading('Parties');
  if (data.parties.length === 0) w.note('No phone numbers or names are recorded for this call.');
  else w.rows(data.parties.map((p) => [p.role, [p.name, p.phone].filter((x) => x !== null).join(' · ') || '—'] as const));
}

/** Summary, sentiment, key phrases, action items, questions and QA flags of the LLM analysis. */
export function analysisSection(w: ReportWriter, data: CallExport): void {
  w.heading('Summary');
  const a = data.analysis;
  if (!a) {
    w.note('There is no LLM analysis of the active transcript version.');
    return;
  }
  const p: LlmAnalysis = a.payload;
  w.note(`Run ${a.run} · ${p.model} · ${a.createdAt}`);
  w.doc.moveDown(0.3);
  w.text(p.summary || '—');
  w.subheading('Sentiment');
  w.rows([
    ['Overall', sentimentText(p.sentiment.overall)],
    ...p.sentiment.bySpeaker.map((s) => [speakerLabel(s.speaker), sentimentText(s)] as const),
  ]);
  w.subheading('Key phrases');
  if (p.keyPhrases.length === 0) w.note('None.');
  else w.text(p.keyPhrases.map((k) => k.text).join(' · '));
  w.subheading('Action items');
  if (p.actionItems.length === 0) w.note('None.');
  else w.bullets(p.actionItems.map((i) => ({ bold: `[${at(i.at)}] `, text: `${i.text} — ${speakerLabel(i.owner)}${i.due ? `, due ${i.due}` : ''}` })));
  w.subheading('Questions');
  if (p.questions.length === 0) w.note('None.');
  else w.bullets(p.questions.map((q) => ({ bold: `[${at(q.at)}] `, text: `${q.text} — asked by ${speakerLabel(q.askedBy)}, ${q.answered ? 'answered' : 'not answered'}` })));
  if (p.qaFlags.length > 0) {
    w.subheading('QA flags');
    w.bullets(p.qaFlags.map((f) => ({ bold: `${f.flag}: `, text: `${f.present ? 'present' : 'not present'}${f.note ? ` — ${f.note}` : ''}` })));
  }
}

/** Conversation metrics with the talk-time bar and the sentiment sparkline. */
export function metricsSection(w: ReportWriter, data: CallExport): void {
  w.heading('Metrics');
  const m = data.metrics;
  if (!m) w.note('No metrics have been computed for this call yet.');
  else {
    w.subheading('Talk time', 70);
    talkTimeBar(w, m);
    const latency = m.latency.medianSec === null ? '—' : `${m.latency.medianSec.toFixed(2)} s median, ${(m.latency.worstSec ?? 0).toFixed(2)} s worst (${m.latency.count} hand-overs)`;
    w.rows([
      ['Measured from', m.basis],
      ['Duration', formatDuration(m.durationSec)],
      ['Speech', `${formatDuration(m.speechSec)}; silence ${formatDuration(m.silence.totalSec)} (${Math.round(m.silence.ratio * 100)} %)`],
      ['Turns', String(m.turns)],
      ['Overlaps', `${m.overlaps.count} (${m.overlaps.totalSec.toFixed(1)} s), ${m.interruptions.count} interruptions`],
      ['Response latency', latency],
      ['Longest monologue', m.monologue ? `${speakerLabel(m.monologue.speaker)}, ${m.monologue.durationSec.toFixed(1)} s from ${at(m.monologue.start)}` : '—'],
      ['Function calls', String(m.functionCalls.count)],
    ]);
  }
  if (data.analysis) {
    w.subheading('Sentiment over time', 90);
    sentimentSparkline(w, data.analysis.payload.sentiment.overTime, data.call.durationSec ?? m?.durationSec ?? 0);
  }
}

/** The reviewers' live comments in time order. */
export function commentsSection(w: ReportWriter, data: CallExport): void {
  w.heading('Reviewer comments');
  if (data.comments.length === 0) {
    w.note('No comments.');
    return;
  }
  w.bullets(data.comments.map((c) => ({ bold: `[${at(c.start)}${c.end === null ? '' : `–${at(c.end)}`}] ${c.author ? `${c.author}: ` : ''}`, text: c.text.replace(/\s+/g, ' ').trim() })));
}

function answerText(c: ExportScore['sections'][number]['criteria'][number]): string {
  if (c.answer === null) return 'not answered';
  if (c.answer === 'na') return 'N/A';
  return typeof c.answer === 'number' ? `${c.answer} of 5` : c.answer;
}

/** Every score of the call: rubric, state and percent, then each section and criterion with its answer. */
export function scorecardSection(w: ReportWriter, data: CallExport): void {
  w.heading('Scorecard');
  if (data.scores.length === 0) {
    w.note('The call has not been scored.');
    return;
  }
  for (const s of data.scores) {
    const percent = s.percent === null ? '—' : `${s.percent} %`;
    w.subheading(`${s.rubricName} v${s.rubricVersion}: ${percent}${s.autoFailed ? ' (auto-fail)' : ''} · ${s.state}`);
    for (const sec of s.sections) {
      w.text(`${sec.title}: ${sec.percent === null ? '—' : `${sec.percent} %`}`, { bold: true, size: 9.5 });
      w.bullets(sec.criteria.map((c) => ({ bold: `${answerText(c)} `, text: `${c.text}${c.autoFail ? ' (auto-fail)' : ''}${c.note ? ` — ${c.note}` : ''}` })));
    }
  }
}
