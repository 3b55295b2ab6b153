/**
 * The built CLI's `sync twilio` as a child process against the fake in this process: killed
 * with SIGKILL mid-download and run again, exit codes, and `calls --json` for Twilio calls.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/app-core.js';
import { envCredentialStore } from '../../../electron/core/library/twilio/credentials.js';
import { CallSummary } from '../../../shared/types.js';
import { SyncReport } from '../../../shared/twilio-types.js';
import { REPO_ROOT, waitFor } from '../../helpers/recorder-folder.js';
import { dbRows, filesUnder, partialFiles, sha256File, twilioWorld, type TwilioWorld } from '../../helpers/twilio-sync.js';

const CLI = path.join(REPO_ROOT, 'dist', 'cli', 'callreview.js');

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

let w: TwilioWorld;

beforeAll(() => {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} does not exist: run \`npm run build\` before the unit tests.`);
});
beforeEach(async () => {
  w = await twilioWorld('cr-twilio-cli-');
});
afterEach(async () => {
  await w.cleanup();
});

/** The child's environment: credentials and base URL of the fake, nothing from the user's own setup. */
function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('TWILIO_') && !k.startsWith('CALLREVIEW_')) env[k] = v;
  return {
    ...env,
    HOME: path.join(w.tmp, 'home'),
    XDG_CONFIG_HOME: path.join(w.tmp, 'xdg'),
    TWILIO_ACCOUNT_SID: w.fake.accountSid,
    TWILIO_AUTH_TOKEN: w.fake.authToken,
    TWILIO_API_BASE_URL: w.fake.baseUrl,
    ...extra,
  };
}

/** Starts the built CLI on the test's data dir (async: the fake answers from this process). */
function start(args: string[], extra: Record<string, string> = {}): { child: ChildProcess; done: Promise<Run> } {
  const child = spawn(process.execPath, [CLI, '--data-dir', w.dataDir, ...args], { cwd: REPO_ROOT, env: cliEnv(extra), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr?.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const done = new Promise<Run>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`callreview ${args.join(' ')} did not finish within 20 s; stderr: ${stderr}`));
    }, 20_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, done };
}

const cli = (args: string[], extra: Record<string, string> = {}): Promise<Run> => start(args, extra).done;

describe('callreview sync twilio (built CLI)', () => {
  it('a sync killed mid-download and run again leaves every recording exactly once, whole, and a sound database', async () => {
    const recs = w.fake.addRecordings(20, { channels: 2 });
    const libraryDir = path.join(w.dataDir, 'recordings', w.fake.accountSid);
    const partialDir = path.join(w.dataDir, 'recordings', '.partial');
    w.fake.slowMedia(15, 20);

    const first = start(['sync', 'twilio'], { CALLREVIEW_TWILIO_CONCURRENCY: '4' });
    // Kill once some downloads have finished and others are half-written.
    const midway = await waitFor(() => filesUnder(libraryDir).length >= 2 && filesUnder(partialDir).length >= 1, 15_000, 5);
    first.child.kill('SIGKILL');
    const killed = await first.done;
    expect(midway, `no download was caught mid-way; stderr: ${killed.stderr}`).toBe(true);
    expect(killed.signal).toBe('SIGKILL');
    expect(partialFiles(w.dataDir).length).toBeGreaterThanOrEqual(1);
    const finishedBefore = filesUnder(libraryDir).length;
    expect(finishedBefore).toBeLessThan(20);

    w.fake.clearFaults();
    const second = await cli(['sync', 'twilio']);
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    const m = /^(\d+) downloaded, (\d+) already in the library, 0 still processing, 0 unavailable, 0 missing, 0 failed \(20 recordings on 1 pages, /.exec(second.stdout);
    expect(m, second.stdout).not.toBeNull();
    expect(Number(m![1]) + Number(m![2])).toBe(20);
    expect(Number(m![2])).toBeLessThanOrEqual(finishedBefore);

    const core = createCore(w.dataDir, { credentials: envCredentialStore({}) });
    try {
      const db = dbRows(core);
      const sids = recs.map((r) => r.sid).sort();
      expect(db.recordings().map((r) => `${r.sid}:${r.state}`)).toEqual(sids.map((s) => `${s}:downloaded`));
      const audio = db.audio();
      expect(audio.map((a) => a.external_id)).toEqual(sids);
      expect(db.calls().map((c) => c.external_id)).toEqual(recs.map((r) => r.callSid).sort());
      const children = db.activities().filter((a) => a.type === 'call_recording');
      expect(children.map((a) => (JSON.parse(a.payload) as { recordingSid: string }).recordingSid).sort()).toEqual(sids);
      expect(db.activities().filter((a) => a.type === 'call')).toHaveLength(20);
      // Every library file is a downloaded row's file, with its hash; nothing half-written anywhere.
      const files = filesUnder(libraryDir);
      expect(files).toEqual(audio.map((a) => a.path).sort());
      for (const a of audio) {
        expect(sha256File(a.path)).toBe(a.sha256);
        expect(fs.readFileSync(a.path).equals(w.fake.mediaBytes(a.external_id, 'wav', 2))).toBe(true);
      }
      expect(partialFiles(w.dataDir)).toEqual([]);
      expect(filesUnder(path.join(w.dataDir, 'recordings'))).toEqual(files);
      expect(core.repos.db.prepare('PRAGMA integrity_check').pluck().all()).toEqual(['ok']);
    } finally {
      core.close();
    }
  });

  it('exits 1 and names the recording whose media is missing; the others are downloaded', async () => {
    const recs = w.fake.addRecordings(3, { durationSec: 3 });
    const newest = recs[2]!;
    w.fake.fail('media', { status: 404 });
    const run = await cli(['sync', 'twilio'], { CALLREVIEW_TWILIO_CONCURRENCY: '1' });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^2 downloaded, 0 already in the library, 0 still processing, 0 unavailable, 1 missing, 0 failed \(3 recordings on 1 pages, [\d.]+ MB in [\d.]+ s\)\n$/);
    expect(run.stderr).toBe(`failed: ${newest.sid} (call ${newest.callSid}): Twilio has no media for this recording (HTTP 404)\n`);

    // --json prints the report; with nothing left to fetch but the missing one (now served), exit 0.
    const again = await cli(['sync', 'twilio', '--json']);
    expect(again.code).toBe(0);
    const report = SyncReport.parse(JSON.parse(again.stdout));
    expect(report).toMatchObject({ accountSid: w.fake.accountSid, seen: 3, downloaded: 1, alreadyHad: 2, missing: [], failed: [] });
  });

  it('exits 1 with the reason when the credentials are rejected', async () => {
    w.fake.addRecordings(1);
    const run = await cli(['sync', 'twilio'], { TWILIO_AUTH_TOKEN: '0123456789abcdef0123456789abcdef' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^callreview: sync stopped: Twilio credentials rejected \(HTTP 401\)/);
    expect(run.stdout).toBe('');
  });

  it('exits 2 for sync without twilio and for a bad --since', async () => {
    for (const args of [['sync'], ['sync', 'folder'], ['sync', 'twilio', 'extra'], ['sync', 'twilio', '--since', 'yesterday'], ['sync', 'twilio', '--since', '2024-13-01'], ['sync', 'twilio', '--since', '2024-02-30']]) {
      const run = await cli(args);
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(2);
      expect(run.stderr).toMatch(args.includes('--since') ? /--since must be/ : /sync takes one source: twilio/);
      expect(run.stdout).toBe('');
    }
    expect(w.fake.requests).toEqual([]);
  });

  it('sync twilio --since lists from that day; calls --json shows the Twilio calls', async () => {
    const old = w.fake.addRecording({ durationSec: 3, dateCreated: new Date('2024-02-10T10:00:00Z') });
    const recent = w.fake.addRecording({ durationSec: 3, dateCreated: new Date('2024-03-10T10:00:00Z') });
    const run = await cli(['sync', 'twilio', '--since', '2024-03-01']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^1 downloaded, /);
    const list = w.fake.requests.find((r) => r.kind === 'list')!;
    expect(new URL(list.path, w.fake.baseUrl).searchParams.get('DateCreated>')).toMatch(/^2024-03-01T00:00:00(\.000)?Z$/);

    const calls = await cli(['calls', '--json']);
    expect(calls.code).toBe(0);
    const items = CallSummary.array().parse(JSON.parse(calls.stdout));
    expect(items).toHaveLength(1);
    const fc = w.fake.getCall(recent.callSid)!;
    expect(items[0]).toMatchObject({ source: 'twilio', externalId: recent.callSid, startedAt: fc.startTime.toISOString(), durationSec: fc.durationSec, channels: 2, hasAudio: true, direction: 'inbound' });
    expect(items.some((c) => c.externalId === old.callSid)).toBe(false);
  });
});
