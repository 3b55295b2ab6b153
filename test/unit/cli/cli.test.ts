// The built CLI (dist/cli/callreview.js) run as a child process: output, JSON shape and exit codes.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { CallDetail, CallSummary } from '../../../shared/types.js';
import { sineWav } from '../../helpers/wav-builder.js';
import { FIXTURE_RECORDINGS, FIXTURE_SESSIONS, REPO_ROOT, fixtureText, makeTempDir, writeSession } from '../../helpers/recorder-folder.js';

const CLI = path.join(REPO_ROOT, 'dist', 'cli', 'callreview.js');
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

let tmp: string;
let dataDir: string;

/** Runs the built CLI; `env` is added to a copy of the environment without CALLREVIEW_DATA_DIR. */
function cli(args: string[], env: Record<string, string> = {}): Run {
  const base = { ...process.env };
  delete base.CALLREVIEW_DATA_DIR;
  // Keeps a run without --data-dir from ever touching the real per-user folder.
  base.XDG_CONFIG_HOME = path.join(tmp, 'xdg');
  base.HOME = path.join(tmp, 'home');
  const res = spawnSync(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, env: { ...base, ...env }, encoding: 'utf8', timeout: 20_000 });
  if (res.error) throw res.error;
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

/** Runs the CLI against the shared test library. */
const withData = (...args: string[]): Run => cli(['--data-dir', dataDir, ...args]);

function parseCalls(stdout: string): CallSummary[] {
  return CallSummary.array().parse(JSON.parse(stdout));
}

beforeAll(() => {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} does not exist: run \`npm run build\` before the unit tests.`);
  tmp = makeTempDir('cr-cli-');
  dataDir = path.join(tmp, 'data');
});
afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('callreview CLI', () => {
  it('--version prints the package version', () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    const run = cli(['--version']);
    expect(run).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it('import reports 3 new calls, then 0 new on the second run', () => {
    const first = withData('import', FIXTURE_RECORDINGS);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^3 new, 0 updated, 0 unchanged, 0 failed \(3 scanned in [\d.]+ s\)\n$/);
    expect(fs.existsSync(path.join(dataDir, 'callreview.db'))).toBe(true);

    const second = withData('import', FIXTURE_RECORDINGS);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^0 new, 0 updated, 3 unchanged, 0 failed/);
  });

  it('calls --json lists each session once with the public fields', () => {
    const run = withData('calls', '--json');
    expect(run.code).toBe(0);
    const raw = JSON.parse(run.stdout) as Record<string, unknown>[];
    const calls = parseCalls(run.stdout);
    expect(calls.map((c) => c.externalId).sort()).toEqual([...FIXTURE_SESSIONS].sort());
    for (const [i, c] of calls.entries()) {
      for (const key of ['id', 'source', 'externalId', 'startedAt', 'durationSec', 'channels', 'hasAudio', 'hasTranscript', 'warnings']) {
        expect(raw[i], `${c.externalId} has ${key}`).toHaveProperty(key);
      }
      expect(c).toMatchObject({ source: 'folder', channels: 2, hasAudio: true, hasTranscript: true, warnings: [] });
      expect(c.startedAt).toMatch(ISO_8601);
      expect(new Date(c.startedAt!).toISOString()).toBe(c.startedAt);
      // Session folders are named after their UTC start second.
      expect(c.startedAt!.slice(0, 19).replace(/[-:]/g, '').replace('T', '_')).toBe(c.externalId.split('_').slice(1).join('_'));
      expect(c.durationSec).toBeGreaterThan(5);
    }
  });

  it('show finds a call by id (--json) and by external id (text)', () => {
    const calls = parseCalls(withData('calls', '--json').stdout);
    const target = calls.find((c) => c.externalId === 'sess-a1b2c3_20260302_091504')!;

    const byId = withData('show', String(target.id), '--json');
    expect(byId.code).toBe(0);
    const d = CallDetail.parse(JSON.parse(byId.stdout));
    expect(d).toMatchObject({ id: target.id, externalId: target.externalId, channels: 2, channelRoles: ['caller', 'bot'], functionCallCount: 2 });
    expect(d.transcript?.segments.map((s) => s.speaker)).toEqual(['caller', 'bot', 'caller']);
    expect(d.audio.map((a) => a.fileName).sort()).toEqual(['bot_audio.wav', 'caller_audio.wav', 'final_stereo_recording.wav']);

    const byName = withData('show', target.externalId);
    expect(byName.code).toBe(0);
    const lines = byName.stdout.split('\n');
    expect(lines[0]).toBe(`${target.externalId} (#${target.id}, folder)`);
    expect(byName.stdout).toContain('caller: Refund order 48213 please, it went to Zürich.');
    expect(byName.stdout).toContain('function lookup_order at');
  });

  it('show exits 1 with a message for a call that does not exist', () => {
    const run = withData('show', 'no-such-call');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('No call matches "no-such-call"');
  });

  it('import exits 1 and lists the warnings when a folder has a bad file', () => {
    const root = path.join(tmp, 'bad_recordings');
    const session = writeSession(root, 'sess-bad_20260501_120000', {
      'final_stereo_recording.wav': sineWav(1, { channels: 2, sampleRate: 16000 }),
      'transcript.json': fixtureText('sess-a1b2c3_20260302_091504', 'transcript.json').slice(0, 200),
    });
    fs.writeFileSync(path.join(root, 'voicemail.mp3'), Buffer.from('ID3\x04\x00\x00\x00\x00\x00\x00', 'latin1'));
    const run = cli(['--data-dir', path.join(tmp, 'bad-data'), 'import', root]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^1 new, 0 updated, 0 unchanged, 1 failed/);
    const warnings = run.stderr.trimEnd().split('\n');
    expect(warnings).toEqual([
      expect.stringMatching(new RegExp(`^warning: ${escape(session)}: transcript\\.json is not valid JSON`)),
      // A ten-byte "MP3" with no audio frames: imported as nothing, with the reason.
      `warning: ${path.join(root, 'voicemail.mp3')}: voicemail.mp3: No MPEG audio frames were found in it; it is not an MP3 file.`,
    ]);
  });

  it('import exits 1 for a folder that does not exist', () => {
    const missing = path.join(tmp, 'nope');
    const run = cli(['--data-dir', path.join(tmp, 'missing-data'), 'import', missing]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`warning: ${missing}: The folder ${missing} does not exist.`);
  });

  it.each([
    ['an unknown command', ['frobnicate'], 'unknown command "frobnicate"'],
    ['show without an id', ['show'], 'show takes exactly one call id'],
    ['show with two ids', ['show', '1', '2'], 'show takes exactly one call id'],
    ['import without a folder', ['import'], 'import needs at least one folder'],
    ['a --port that is not a number', ['serve', '--port', 'abc'], '--port must be a number from 0 to 65535, not abc'],
    ['a --port out of range', ['serve', '--port', '70000'], '--port must be a number from 0 to 65535, not 70000'],
    ['an unknown option', ['calls', '--bogus'], "Unknown option '--bogus'"],
    ['no command at all', [], 'Usage: callreview'],
  ])('exits 2 for %s', (_label, args, message) => {
    const run = withData(...args);
    expect(run.code).toBe(2);
    expect(run.stdout + run.stderr).toContain(message);
    expect(run.stdout + run.stderr).toContain('Usage: callreview');
  });

  it('uses CALLREVIEW_DATA_DIR when --data-dir is absent, and --data-dir wins over it', () => {
    const envDir = path.join(tmp, 'env-data');
    const imported = cli(['import', FIXTURE_RECORDINGS], { CALLREVIEW_DATA_DIR: envDir });
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/^3 new/);
    expect(fs.existsSync(path.join(envDir, 'callreview.db'))).toBe(true);
    expect(fs.existsSync(path.join(tmp, 'xdg'))).toBe(false);

    expect(parseCalls(cli(['calls', '--json'], { CALLREVIEW_DATA_DIR: envDir }).stdout)).toHaveLength(3);
    const other = path.join(tmp, 'explicit-data');
    expect(parseCalls(cli(['--data-dir', other, 'calls', '--json'], { CALLREVIEW_DATA_DIR: envDir }).stdout)).toEqual([]);
  });
});

/** Escapes a string for use inside a RegExp. */
function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
