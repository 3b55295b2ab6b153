// `callreview search` from the built CLI (dist/cli/callreview.js) as a child process: --json field names, text output, exit codes.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_RECORDINGS, REPO_ROOT, makeTempDir } from '../../helpers/recorder-folder.js';

const CLI = path.join(REPO_ROOT, 'dist', 'cli', 'callreview.js');
let tmp: string;
let dataDir: string;

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: path.join(tmp, 'home'), XDG_CONFIG_HOME: path.join(tmp, 'xdg') };
  delete env.CALLREVIEW_DATA_DIR;
  const res = spawnSync(process.execPath, [CLI, '--data-dir', dataDir, ...args], { cwd: REPO_ROOT, env, encoding: 'utf8', timeout: 20_000 });
  if (res.error) throw res.error;
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

interface JsonHit {
  callId: number;
  segmentId: number | null;
  speaker: string | null;
  start: number | null;
  end: number | null;
  text: string;
  snippet: Array<{ text: string; hit: boolean }>;
  externalId: string;
  kind: string;
}

beforeAll(() => {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} does not exist: run \`npm run build\` before the unit tests.`);
  tmp = makeTempDir('cr-search-cli-');
  dataDir = path.join(tmp, 'data');
  expect(cli('import', '--no-watch', FIXTURE_RECORDINGS).code).toBe(0);
});
afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('callreview search', () => {
  it('--json prints hits with callId, segmentId, speaker, start, end, text, snippet', () => {
    const run = cli('search', 'refund', 'order', '--json', '--order', 'newest');
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout) as { hits: JsonHit[]; calls: Array<{ externalId: string; hitCount: number }>; total: unknown; parsed: unknown };
    expect(out.hits.map((h) => [h.externalId, h.kind, h.speaker, h.text])).toEqual([
      ['sess-a1b2c3_20260302_091504', 'segment', 'caller', 'Refund order 48213 please, it went to Zürich.'],
      ['sess-a1b2c3_20260302_091504', 'segment', 'bot', "Sorry, I can't refund that order, but I can offer"],
    ]);
    for (const h of out.hits) {
      for (const key of ['callId', 'segmentId', 'speaker', 'start', 'end', 'text', 'snippet']) expect(h, key).toHaveProperty(key);
      expect(typeof h.segmentId).toBe('number');
      expect(h.end!).toBeGreaterThan(h.start!);
      expect(h.snippet.map((r) => r.text).join('')).toBe(h.text);
    }
    expect(out.hits[0]!.snippet.filter((r) => r.hit).map((r) => r.text)).toEqual(['Refund', 'order']);
    expect(out.calls).toEqual([expect.objectContaining({ externalId: 'sess-a1b2c3_20260302_091504', hitCount: 2 })]);
    expect(out.total).toEqual({ hits: 2, exact: true });
  });

  it('no hits is exit 0 with an empty list; --limit pages; -- lets a query start with -', () => {
    const none = cli('search', 'nothingsaysthis', '--json');
    expect(none.code).toBe(0);
    expect(JSON.parse(none.stdout)).toMatchObject({ hits: [], calls: [], hasMore: false });
    const text = cli('search', 'nothingsaysthis');
    expect(text).toMatchObject({ code: 0, stdout: 'No hits.\n' });
    const one = JSON.parse(cli('search', 'refund', '--json', '--limit', '1').stdout) as { hits: JsonHit[]; hasMore: boolean };
    expect([one.hits.length, one.hasMore]).toEqual([1, true]);
    const excl = JSON.parse(cli('search', '--json', '--', '-order', 'refund').stdout) as { hits: JsonHit[] };
    expect(excl.hits).toEqual([]);
    const plain = cli('search', '--json', 'email:jane');
    expect(plain.code).toBe(0);
    expect(plain.stderr).toBe('note: searched as plain text: email:jane\n');
    expect((JSON.parse(plain.stdout) as { hits: JsonHit[] }).hits.map((h) => h.text)).toEqual(['Phone 415 555 0132. Email jane.doe@example.com.']);
  });

  it('prints hits grouped by call as text', () => {
    const run = cli('search', 'zurich');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^1 hit, showing 1–1 \(best first\)\n\nsess-a1b2c3_20260302_091504 {2}#\d+ {2}2026-03-02T09:15:04\.120Z {2}1 hit\n {2}\[0:00\] caller: Refund order 48213 please, it went to Zürich\.\n$/);
  });

  it('--rebuild remakes the indexes', () => {
    const run = cli('search', '--rebuild');
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').filter(Boolean).map((l) => l.replace(/[\d.]+ s$/, 'N s'))).toEqual([
      'rebuilt segments_fts in N s',
      'rebuilt segments_trigram in N s',
      'rebuilt analysis_fts in N s',
      'rebuilt segment_lengths in N s',
    ]);
    expect(JSON.parse(cli('search', '*213*', '--json').stdout).hits).toHaveLength(1);
  });

  it('bad flags and a missing query are usage errors (exit 2)', () => {
    for (const args of [['search'], ['search', 'x', '--limit', '0'], ['search', 'x', '--limit', 'ten'], ['search', 'x', '--order', 'oldest'], ['search', 'x', '--offset', '-1'], ['search', 'x', '--bogus']]) {
      const run = cli(...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^callreview: /);
    }
  });
});
