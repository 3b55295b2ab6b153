/**
 * `callreview export` through the CLI's entry point (main) in this process, against a real library:
 * one call to one file, several calls to a folder with index.csv, --json, --redact, --overwrite, exit codes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExportResult } from '../../../shared/export.js';
import { A1, exportRig, F7, pdfText, type ExportRig } from './export-rig.js';
import { runCliInProcess, type CliRun } from '../../helpers/cli-in-process.js';

let rig: ExportRig;

/** Runs the CLI in this process with stdout and stderr captured. */
const cli = (...args: string[]): Promise<CliRun> => runCliInProcess(rig.dataDir, args);

beforeAll(async () => {
  rig = await exportRig('cr-export-cli-', [A1, F7]);
  // The CLI opens the library itself.
  rig.core.close();
}, 60_000);
afterAll(() => rig?.close());

describe('callreview export', () => {
  it('one call and a file path writes exactly that file; again only with --overwrite', async () => {
    const file = path.join(rig.tmp, 'report.pdf');
    const run = await cli('export', A1, '--format', 'pdf', '--out', file);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe(`${A1}: ok (report.pdf)\n1 file written to ${rig.tmp}\n`);
    expect(pdfText(file)).toContain('Zürich');
    const before = fs.readFileSync(file);
    const again = await cli('export', A1, '--format', 'pdf', '--out', file);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/A file of this export exists already in .*: report\.pdf\. Add --overwrite to replace it\./);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect((await cli('export', A1, '--format', 'pdf', '--out', file, '--overwrite')).code).toBe(0);
  });

  it('several calls go to a folder with index.csv; formats repeat or take commas; --json prints the result', async () => {
    const dir = path.join(rig.tmp, 'batch');
    const run = await cli('export', A1, F7, '--format', 'txt,csv', '--format', 'vtt', '--out', dir, '--json');
    expect(run.code).toBe(0);
    const res = ExportResult.parse(JSON.parse(run.stdout));
    expect(res.dir).toBe(dir);
    expect(res.calls.map((c) => [c.externalId, c.status, c.files.length])).toEqual([[A1, 'ok', 3], [F7, 'ok', 3]]);
    const index = parseCsv(fs.readFileSync(path.join(dir, 'index.csv')), { bom: true, columns: true }) as Record<string, string>[];
    expect(index.map((r) => r.external_id)).toEqual([A1, F7]);
    expect(fs.readdirSync(dir)).toHaveLength(7);
  });

  it('--redact removes the phone number, e-mail and card number', async () => {
    const file = path.join(rig.tmp, 'redacted.txt');
    expect((await cli('export', F7, '--format', 'txt', '--out', file, '--redact')).code).toBe(0);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toContain('[0:00] Caller: Phone [PHONE]. Email [EMAIL].');
    expect(text).not.toMatch(/415|4111|jane/);
  });

  it('--no-speakers and --no-timestamps shape the text export', async () => {
    const file = path.join(rig.tmp, 'plain.txt');
    expect((await cli('export', F7, '--format', 'txt', '--out', file, '--no-speakers', '--no-timestamps')).code).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toContain('\n\nPhone 415 555 0132. Email jane.doe@example.com.\nUpdated.\n');
  });

  it('exit 1 for an unknown call (the known ones are still exported), 2 for usage errors', async () => {
    const dir = path.join(rig.tmp, 'partly');
    const some = await cli('export', 'nope', A1, '--format', 'json', '--out', dir);
    expect(some.code).toBe(1);
    expect(some.stderr).toContain('no call "nope"');
    expect(fs.readdirSync(dir).sort()).toEqual([`2026-03-02_091504_${A1}.json`, 'index.csv']);
    expect((await cli('export', 'nope', '--format', 'json', '--out', dir)).code).toBe(1);
    const bad = await cli('export', A1, '--format', 'docx');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--format must be one of txt, json, srt, vtt, csv, pdf, wav, not "docx"');
    expect((await cli('export', A1)).stderr).toContain('export needs --format');
    expect((await cli('export', '--format', 'txt')).code).toBe(2);
    const file = path.join(rig.tmp, 'report.pdf');
    expect((await cli('export', A1, F7, '--format', 'txt', '--out', file)).stderr).toContain('is a file; several calls or formats need a folder');
  });

  it('logs the export on the call timeline', async () => {
    const run = await cli('timeline', A1);
    expect(run.stdout).toMatch(/Exported {2}pdf → report\.pdf/);
  });
});
