/**
 * Redacted exports of the sess-7f3k9d fixture, whose transcript holds a phone number, an e-mail
 * address and a card number (and whose party, comment and analysis repeat them): no format, file
 * name or index row carries any of them, the tags stand in their place, and the library keeps the originals.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallExport, EXPORT_FORMATS, type ExportResult } from '../../../shared/export.js';
import { exportRig, F7, pdfText, SECRETS, type ExportRig } from './export-rig.js';

let rig: ExportRig;
let result: ExportResult;
/** Each text output by name (the PDF as pdftotext reads it). */
const outputs = new Map<string, string>();

beforeAll(async () => {
  rig = await exportRig('cr-export-redact-', [F7]);
  result = await rig.core.exports.run({
    callIds: [rig.ids.f7],
    formats: [...EXPORT_FORMATS],
    options: { redact: true, allVersions: true, txt: { speakers: true, timestamps: true } },
    target: { dir: path.join(rig.tmp, 'out') },
    overwrite: false,
    index: true,
  });
  for (const f of result.files) {
    const file = path.join(result.dir!, f.name);
    if (f.format === 'wav') continue;
    outputs.set(f.name, f.format === 'pdf' ? pdfText(file) : fs.readFileSync(file, 'utf8'));
  }
}, 60_000);
afterAll(() => rig?.close());

/** Any spelling of a secret, also with its separators dropped. */
function leaks(text: string): string[] {
  const squeezed = text.replace(/[\s().+-]/g, '');
  return SECRETS.filter((s) => text.includes(s) || squeezed.includes(s.replace(/[\s().+-]/g, '')));
}

describe('redacted export', () => {
  it('covers every text format, the PDF and the index', () => {
    expect([...outputs.keys()].map((n) => path.extname(n)).sort()).toEqual(['.csv', '.csv', '.json', '.pdf', '.srt', '.txt', '.vtt']);
    expect(result.calls[0]!.status).toBe('ok');
  });

  for (const ext of ['.txt', '.json', '.srt', '.vtt', '.csv', '.pdf']) {
    it(`${ext}: no phone number, e-mail or card number; tags instead`, () => {
      const [name, text] = [...outputs].find(([n]) => n.endsWith(ext) && n !== 'index.csv')!;
      expect(leaks(text), name).toEqual([]);
      expect(text).toContain('[PHONE]');
      expect(text).toContain('[EMAIL]');
      expect(text).toContain('[CARD]');
    });
  }

  it('index.csv and file names carry none of them either', () => {
    expect(leaks(outputs.get('index.csv')!)).toEqual([]);
    expect(leaks(result.files.map((f) => f.name).join('\n'))).toEqual([]);
  });

  it('the JSON says it is redacted, and every place is: transcript, party, comment, summary, action item, question', () => {
    const json = CallExport.parse(JSON.parse([...outputs].find(([n]) => n.endsWith('.json'))![1]));
    expect(json.redacted).toBe(true);
    expect(json.transcript!.segments.map((s) => s.text)).toEqual(['Phone [PHONE]. Email [EMAIL].', 'Updated.', 'Card [CARD].']);
    expect(json.parties).toEqual([{ role: 'from', phone: '[PHONE]', name: null }]);
    expect(json.comments[0]!.text).toBe('Card [CARD] read out; mail [EMAIL]');
    expect(json.analysis!.payload.summary).toBe('Caller updates phone [PHONE] and e-mail [EMAIL].');
    expect(json.analysis!.payload.actionItems[0]!.text).toBe('Charge card [CARD]');
    expect(json.analysis!.payload.questions[0]!.text).toBe('Is [PHONE] right?');
  });

  it('without redaction the same export does carry them (so the checks above can fail)', async () => {
    const plain = await rig.core.exports.run({ callIds: [rig.ids.f7], formats: ['txt', 'pdf'], options: { redact: false, allVersions: false, txt: { speakers: true, timestamps: true } }, target: { dir: path.join(rig.tmp, 'plain') }, overwrite: false, index: false });
    const txt = fs.readFileSync(path.join(plain.dir!, plain.files[0]!.name), 'utf8');
    const pdf = pdfText(path.join(plain.dir!, plain.files[1]!.name));
    expect(leaks(txt)).toEqual(expect.arrayContaining(['415 555 0132', 'jane.doe@example.com', '4111 1111 1111 1111']));
    expect(leaks(pdf)).toEqual(expect.arrayContaining(['415 555 0132', 'jane.doe@example.com', '4111 1111 1111 1111', '+1 415 555 0132']));
  });

  it('leaves the library untouched', () => {
    const { repos } = rig.core;
    const id = rig.ids.f7;
    expect(repos.transcripts.active(id)!.segments[0]!.text).toBe('Phone 415 555 0132. Email jane.doe@example.com.');
    expect(repos.contacts.forCall(id)[0]!.phone).toBe('+1 415 555 0132');
    expect(repos.comments.list(id)[0]!.text).toContain('4111-1111-1111-1111');
    expect(JSON.stringify(repos.analyses.latest(id, 'llm')!.payload)).toContain('jane.doe@example.com');
    const activity = repos.activities.forCall(id).find((a) => a.type === 'export')!;
    expect(activity.payload).toMatchObject({ redacted: true, formats: [...EXPORT_FORMATS] });
  });
});
