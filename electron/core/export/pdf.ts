import { speakerLabel } from '../../../shared/format.js';
import type { CallExport } from '../../../shared/export.js';
import { PLACEHOLDER } from './pdf-fonts.js';
import { SPEAKER_COLORS } from './pdf-charts.js';
import { analysisSection, at, commentsSection, headerSection, metricsSection, scorecardSection } from './pdf-sections.js';
import { ReportWriter } from './pdf-writer.js';

/** The transcript with a bold, coloured speaker and the time before each line. */
function transcriptSection(w: ReportWriter, data: CallExport): void {
  w.heading('Transcript');
  const t = data.transcript;
  if (!t || t.segments.length === 0) {
    w.note('There is no transcript.');
    return;
  }
  for (const s of t.segments) {
    w.ensureSpace(16);
    w.doc.x = w.left;
    w.text(`[${at(s.start)}] `, { color: '#6b7280', continued: true });
    w.text(`${speakerLabel(s.speaker)}: `, { bold: true, color: SPEAKER_COLORS[s.speaker], continued: true });
    w.text(s.text.replace(/\s+/g, ' ').trim());
    w.doc.moveDown(0.2);
  }
}

/** Says which characters the font could not show (the other exports keep them). */
function missingNote(w: ReportWriter): void {
  if (w.missing.count === 0) return;
  const samples = [...w.missing.samples].map((ch) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(', ');
  w.heading('Characters not shown');
  w.note(
    `${w.missing.count} character${w.missing.count === 1 ? '' : 's'} of this report (such as ${samples}) are not in its font, DejaVu Sans, and are shown as ${PLACEHOLDER}. ` +
      'The TXT, JSON, CSV and subtitle exports keep the original text.',
  );
}

/**
 * The PDF report of a call: header with call details and parties; summary, sentiment, key phrases,
 * action items and questions; metrics with a talk-time bar and a sentiment sparkline; reviewer
 * comments and the scorecard; the transcript; "Page n of m" on every page. All text is DejaVu Sans
 * (Latin, Greek, Cyrillic and more); anything it lacks becomes a placeholder and a closing note.
 */
export async function renderPdf(data: CallExport): Promise<Buffer> {
  const w = new ReportWriter({ title: `Call report ${data.call.externalId}`, createdAt: new Date(data.exportedAt) });
  headerSection(w, data);
  analysisSection(w, data);
  metricsSection(w, data);
  commentsSection(w, data);
  scorecardSection(w, data);
  transcriptSection(w, data);
  missingNote(w);
  return w.finish();
}
