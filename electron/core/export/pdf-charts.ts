import type { CallMetrics } from '../../../shared/analysis.js';
import { formatDuration, speakerLabel } from '../../../shared/format.js';
import type { LlmAnalysis } from '../../../shared/llm-analysis.js';
import type { Speaker } from '../../../shared/types.js';
import { INK, type ReportWriter } from './pdf-writer.js';

/** One colour per speaker, the same as the app's charts. */
export const SPEAKER_COLORS: Record<Speaker, string> = { caller: '#2563eb', agent: '#059669', bot: '#7c3aed', unknown: '#6b7280' };

const CHART_WIDTH = 360;

/** A stacked bar of each speaker's share of the talk time, with a legend (drawn with vector calls). */
export function talkTimeBar(w: ReportWriter, metrics: CallMetrics): void {
  const shares = (Object.entries(metrics.speakers) as [Speaker, NonNullable<CallMetrics['speakers'][Speaker]>][]).filter(([, s]) => s.talkSec > 0);
  if (shares.length === 0) {
    w.note('Nobody spoke, so there is no talk time to chart.');
    return;
  }
  w.ensureSpace(50);
  const { doc } = w;
  const x0 = w.left;
  const y0 = doc.y + 2;
  let x = x0;
  for (const [speaker, s] of shares) {
    const width = CHART_WIDTH * s.talkRatio;
    doc.rect(x, y0, width, 14).fill(SPEAKER_COLORS[speaker]);
    x += width;
  }
  doc.rect(x0, y0, CHART_WIDTH, 14).lineWidth(0.5).strokeColor(INK.rule).stroke();
  let lx = x0;
  const ly = y0 + 20;
  for (const [speaker, s] of shares) {
    const label = `${speakerLabel(speaker)} ${Math.round(s.talkRatio * 100)} % (${formatDuration(s.talkSec)})`;
    doc.rect(lx, ly + 1.5, 7, 7).fill(SPEAKER_COLORS[speaker]);
    doc.font('body').fontSize(8.5).fillColor(INK.text).text(label, lx + 10, ly, { lineBreak: false });
    lx += 10 + doc.widthOfString(label) + 14;
  }
  doc.x = x0;
  doc.y = ly + 16;
}

/** A sparkline of sentiment over time (score −1..1 per window, placed at the window's middle on the call's time axis). */
export function sentimentSparkline(w: ReportWriter, overTime: LlmAnalysis['sentiment']['overTime'], durationSec: number): void {
  if (overTime.length === 0) {
    w.note('The analysis has no sentiment over time.');
    return;
  }
  const height = 44;
  w.ensureSpace(height + 24);
  const { doc } = w;
  const x0 = w.left + 22;
  const y0 = doc.y + 4;
  const end = Math.max(durationSec, ...overTime.map((p) => p.end), 1);
  const px = (t: number): number => x0 + (CHART_WIDTH - 22) * Math.min(1, Math.max(0, t / end));
  const py = (score: number): number => y0 + (height / 2) * (1 - Math.max(-1, Math.min(1, score)));
  doc.rect(x0, y0, CHART_WIDTH - 22, height).lineWidth(0.5).strokeColor(INK.rule).stroke();
  doc.moveTo(x0, py(0)).lineTo(x0 + CHART_WIDTH - 22, py(0)).dash(2, { space: 2 }).strokeColor(INK.muted).stroke().undash();
  const points = overTime.map((p) => [px((p.start + p.end) / 2), py(p.score)] as const);
  doc.moveTo(points[0]![0], points[0]![1]);
  for (const [x, y] of points.slice(1)) doc.lineTo(x, y);
  doc.lineWidth(1.2).strokeColor(INK.accent).stroke();
  for (const [x, y] of points) doc.circle(x, y, 1.8).fill(INK.accent);
  doc.font('body').fontSize(7).fillColor(INK.muted);
  doc.text('+1', w.left, y0 - 3, { lineBreak: false });
  doc.text('0', w.left + 6, py(0) - 3.5, { lineBreak: false });
  doc.text('−1', w.left, y0 + height - 5, { lineBreak: false });
  doc.text('0:00', x0, y0 + height + 3, { lineBreak: false });
  const endLabel = formatDuration(end);
  doc.text(endLabel, x0 + CHART_WIDTH - 22 - doc.widthOfString(endLabel), y0 + height + 3, { lineBreak: false });
  doc.x = w.left;
  doc.y = y0 + height + 16;
}
