import PDFDocument from 'pdfkit';
import { join } from 'node:path';
import { dejavuDir, MissingGlyphs, reportFonts, type ReportFonts } from './pdf-fonts.js';

/** A pdfkit document. */
export type PdfDoc = InstanceType<typeof PDFDocument>;

/** Colours of the report. */
export const INK = { text: '#111827', muted: '#6b7280', rule: '#d1d5db', accent: '#1d4ed8' } as const;

const MARGIN = 50;

/** Styling of one run of text. */
export interface RunStyle {
  bold?: boolean;
  size?: number;
  color?: string;
  /** More text follows on the same line (a run in another style). */
  continued?: boolean;
  indent?: number;
}

/**
 * The report's page writer over pdfkit: every string goes through the font's coverage check, so a
 * character DejaVu Sans lacks shows as a placeholder (counted for the closing note), never as nothing.
 */
export class ReportWriter {
  readonly doc: PdfDoc;
  readonly missing = new MissingGlyphs();
  private readonly fonts: ReportFonts;

  constructor(info: { title: string; createdAt: Date }) {
    this.fonts = reportFonts();
    // bufferPages: the page numbers ("Page n of m") are written once the page count is known.
    // `font`: the first page starts in DejaVu Sans, so pdfkit never needs its built-in Helvetica.
    this.doc = new PDFDocument({ size: 'A4', margin: MARGIN, font: join(dejavuDir(), 'DejaVuSans.ttf'), bufferPages: true, autoFirstPage: false, info: { Title: info.title, Creator: 'CallReview', CreationDate: info.createdAt } });
    this.doc.registerFont('body', this.fonts.regular);
    this.doc.registerFont('bold', this.fonts.bold);
    this.doc.addPage();
    this.doc.font('body').fontSize(10).fillColor(INK.text);
  }

  /** Left edge and width of the text column. */
  get left(): number {
    return this.doc.page.margins.left;
  }

  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  /** The text as the given font can show it. */
  safe(text: string, bold = false): string {
    return this.missing.clean(text, bold ? this.fonts.covers.bold : this.fonts.covers.regular);
  }

  /** Writes a run of text at the current position, wrapping within the column. */
  text(text: string, style: RunStyle = {}): this {
    const { bold = false, size = 10, color = INK.text, continued = false, indent = 0 } = style;
    this.doc
      .font(bold ? 'bold' : 'body')
      .fontSize(size)
      .fillColor(color)
      .text(this.safe(text, bold), { continued, indent, width: this.width, lineGap: 1.5 });
    return this;
  }

  /** Starts a new page when less than `height` points are left on this one. */
  ensureSpace(height: number): void {
    if (this.doc.y + height > this.doc.page.height - this.doc.page.margins.bottom) this.doc.addPage();
  }

  /** A section title with a rule under it. */
  heading(title: string): void {
    this.ensureSpace(70);
    this.doc.moveDown(0.8);
    this.text(title, { bold: true, size: 13, color: INK.accent });
    const y = this.doc.y + 2;
    this.doc.moveTo(this.left, y).lineTo(this.left + this.width, y).lineWidth(0.5).strokeColor(INK.rule).stroke();
    this.doc.x = this.left;
    this.doc.y = y + 6;
  }

  /** A small bold title inside a section, kept on one page with the `keepWith` points that follow it. */
  subheading(title: string, keepWith = 40): void {
    this.ensureSpace(keepWith);
    this.doc.moveDown(0.4);
    this.text(title, { bold: true, size: 10.5 });
    this.doc.moveDown(0.15);
  }

  /** A muted line (explanations, "none" notes). */
  note(text: string): void {
    this.text(text, { size: 9, color: INK.muted });
  }

  /** Label/value rows with the labels in a column of their own. */
  rows(items: readonly (readonly [string, string])[], labelWidth = 120): void {
    for (const [label, value] of items) {
      const valueText = this.safe(value);
      this.doc.font('body').fontSize(10);
      const height = Math.max(14, this.doc.heightOfString(valueText, { width: this.width - labelWidth }));
      this.ensureSpace(height);
      const y = this.doc.y;
      this.doc.font('bold').fontSize(9.5).fillColor(INK.muted).text(this.safe(label, true), this.left, y, { width: labelWidth - 8 });
      this.doc.font('body').fontSize(10).fillColor(INK.text).text(valueText, this.left + labelWidth, y, { width: this.width - labelWidth, lineGap: 1.5 });
      this.doc.x = this.left;
      this.doc.y = Math.max(this.doc.y, y + 14);
    }
  }

  /** A bulleted list; each item may start with a bold part. */
  bullets(items: readonly { bold?: string; text: string }[]): void {
    for (const item of items) {
      this.ensureSpace(16);
      this.doc.x = this.left;
      this.text('•  ', { continued: true });
      if (item.bold !== undefined) this.text(item.bold, { bold: true, continued: true });
      this.text(item.text);
    }
  }

  /** Writes "Page n of m" at the foot of every page and ends the document; resolves with its bytes. */
  finish(): Promise<Buffer> {
    const { doc } = this;
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      // Writing below the bottom margin would otherwise start a new page.
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc
        .font('body')
        .fontSize(8)
        .fillColor(INK.muted)
        .text(`Page ${i - range.start + 1} of ${range.count}`, this.left, doc.page.height - MARGIN / 2 - 6, { width: this.width, align: 'center', lineBreak: false });
      doc.page.margins.bottom = bottom;
    }
    const chunks: Buffer[] = [];
    return new Promise((resolve, reject) => {
      doc.on('data', (c: Buffer) => chunks.push(c));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
      doc.end();
    });
  }
}
