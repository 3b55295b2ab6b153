import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { SyncFailure, SyncReport } from '../../../../shared/twilio-types.js';
import type { Repos } from '../../db/repos/index.js';
import type { EventBus } from '../../events.js';
import { maskSid, type TwilioCredentials } from './credentials.js';
import { downloadVerified, MediaMissing } from './download.js';
import { basicAuth, type TwilioHttpOptions } from './http-client.js';
import type { RetryPolicy } from './retry.js';
import { BoundedRunner } from '../../pool.js';
import { writeDownloaded, writeProblem } from './sync-writer.js';
import { CredentialsRejected, TwilioApi, type RemoteCall, type RemoteRecording } from './twilio-api.js';

/** Knobs of a sync; tests shrink the delays, the benchmark varies concurrency. */
export interface SyncDeps {
  repos: Repos;
  bus: EventBus;
  dataDir: string;
  fetch: typeof fetch;
  baseUrl: string;
  now: () => string;
  retry: RetryPolicy;
  concurrency: number;
  pageSize: number;
  timeoutMs: number;
  log: (m: string) => void;
}

/** Recordings in these states are picked up by a later sync. */
const NOT_READY = new Set(['in-progress', 'paused', 'stopped', 'processing']);
/** Recordings in these states have no media to fetch, ever. */
const GONE = new Set(['absent', 'deleted']);
/** How far before the cursor a sync looks again, for recordings whose creation raced the last sync. */
export const CURSOR_OVERLAP_MS = 60 * 60 * 1000;

/** Builds the SDK-backed API over the shared HTTP settings. */
export function apiFor(creds: TwilioCredentials, d: Pick<SyncDeps, 'fetch' | 'baseUrl' | 'retry' | 'timeoutMs' | 'log'>): TwilioApi {
  const http: TwilioHttpOptions = { fetch: d.fetch, baseUrl: d.baseUrl, retry: d.retry, timeoutMs: d.timeoutMs, onRetry: (m, ms) => d.log(`twilio: ${m}; retrying in ${ms} ms`) };
  return new TwilioApi(creds, http);
}

/** One sync run: lists recordings page by page, downloads new ones in parallel, records everything. */
export async function runSync(d: SyncDeps, creds: TwilioCredentials, opts: { since?: Date; deleteAfterDownload: boolean }): Promise<SyncReport> {
  const started = Date.now();
  const api = apiFor(creds, d);
  const source = d.repos.sources.ensureTwilio(creds.accountSid, `Twilio ${maskSid(creds.accountSid)}`, d.now());
  const cursor = d.repos.sources.cursor(source.id);
  const since = opts.since ?? (cursor ? new Date(Date.parse(cursor) - CURSOR_OVERLAP_MS) : null);
  const libraryDir = join(d.dataDir, 'recordings', creds.accountSid);
  const partialDir = join(d.dataDir, 'recordings', '.partial');
  // Whatever a killed sync left half-written is thrown away before anything else.
  await rm(partialDir, { recursive: true, force: true });

  const report: SyncReport = { accountSid: creds.accountSid, since: since?.toISOString() ?? null, pages: 0, seen: 0, downloaded: 0, alreadyHad: 0, pending: 0, unavailable: 0, missing: [], failed: [], deletedRemote: 0, bytes: 0, durationMs: 0 };
  const progress = (finished: boolean, error: string | null = null) =>
    d.bus.emit('twilio:syncProgress', { pages: report.pages, seen: report.seen, downloaded: report.downloaded, alreadyHad: report.alreadyHad, failed: report.failed.length + report.missing.length, bytes: report.bytes, finished, error });
  const calls = new Map<string, Promise<RemoteCall>>();
  const callOf = (sid: string) => {
    let p = calls.get(sid);
    if (!p) {
      p = api.fetchCall(sid);
      calls.set(sid, p);
    }
    return p;
  };
  let newest = cursor ? Date.parse(cursor) : 0;

  const one = async (rec: RemoteRecording): Promise<void> => {
    report.seen++;
    if (rec.dateCreated) newest = Math.max(newest, rec.dateCreated.getTime());
    const known = d.repos.twilio.get(rec.sid);
    if (known?.state === 'downloaded' && known.call_id !== null && d.repos.audio.forCall(known.call_id).some((a) => a.external_id === rec.sid && existsSync(a.path))) {
      report.alreadyHad++;
      return;
    }
    if (NOT_READY.has(rec.status)) {
      report.pending++;
      writeProblem(d.repos, source.id, null, rec, 'pending', null, d.now());
      return;
    }
    const fail = (call: RemoteCall | null, err: unknown, prefix = ''): void => {
      if (err instanceof CredentialsRejected) throw err;
      const failure: SyncFailure = { recordingSid: rec.sid, callSid: rec.callSid, message: `${prefix}${(err as Error).message}` };
      if (err instanceof MediaMissing) report.missing.push(failure);
      else report.failed.push(failure);
      writeProblem(d.repos, source.id, call, rec, err instanceof MediaMissing ? 'missing' : 'failed', failure.message, d.now());
    };
    try {
      if (GONE.has(rec.status) || !rec.callSid) {
        const call = rec.callSid ? await callOf(rec.callSid).catch((err: unknown) => void fail(null, err, 'fetching the call failed: ')) : null;
        if (call === undefined) return;
        report.unavailable++;
        writeProblem(d.repos, source.id, call, rec, 'unavailable', call ? `Twilio lists this recording as ${rec.status}` : 'the recording has no call', d.now());
        return;
      }
      const dual = rec.channels >= 2;
      // The call's details and the media come in side by side: two round trips overlap instead of queueing.
      const [callRes, fileRes] = await Promise.allSettled([
        callOf(rec.callSid),
        downloadVerified({
          url: `${d.baseUrl.replace(/\/$/, '')}/2010-04-01/Accounts/${creds.accountSid}/Recordings/${rec.sid}.wav${dual ? '?RequestedChannels=2' : ''}`,
          authorization: basicAuth(creds.username, creds.password),
          partialDir,
          finalPath: join(libraryDir, `${rec.sid}.wav`),
          expectChannels: dual ? 2 : 1,
          expectDurationSec: rec.durationSec,
          fetch: d.fetch,
          retry: d.retry,
          idleTimeoutMs: d.timeoutMs,
          onBytes: (n) => (report.bytes += n),
          onRetry: (m, ms) => d.log(`twilio: ${rec.sid}: ${m}; retrying in ${ms} ms`),
        }),
      ]);
      for (const r of [callRes, fileRes]) if (r.status === 'rejected' && r.reason instanceof CredentialsRejected) throw r.reason;
      if (callRes.status === 'rejected') {
        // Without its call the file cannot be recorded; it is fetched again next sync.
        if (fileRes.status === 'fulfilled') await rm(fileRes.value.path, { force: true });
        return fail(null, callRes.reason, 'fetching the call failed: ');
      }
      if (fileRes.status === 'rejected') return fail(callRes.value, fileRes.reason);
      writeDownloaded(d.repos, source.id, callRes.value, rec, fileRes.value, d.now());
      report.downloaded++;
      if (opts.deleteAfterDownload) await deleteRemote(rec);
    } finally {
      progress(false);
    }
  };

  // The file is safe in the library by now: a failed delete is reported, never undoes the download.
  const deleteRemote = async (rec: RemoteRecording): Promise<void> => {
    try {
      await api.deleteRecording(rec.sid);
      d.repos.twilio.markDeletedRemote(rec.sid);
      report.deletedRemote++;
    } catch (err) {
      if (err instanceof CredentialsRejected) throw err;
      report.failed.push({ recordingSid: rec.sid, callSid: rec.callSid, message: `downloaded, but deleting it on Twilio failed: ${(err as Error).message}` });
    }
  };

  try {
    // One runner across pages: the next page is listed while downloads run, and no worker idles at a page end.
    const runner = new BoundedRunner(d.concurrency);
    try {
      for await (const page of api.recordingPages(since, d.pageSize)) {
        report.pages++;
        progress(false);
        for (const rec of page) {
          if (runner.failed) break;
          await runner.add(() => one(rec));
        }
        if (runner.failed) break;
      }
    } finally {
      await runner.drain();
    }
  } catch (err) {
    report.durationMs = Date.now() - started;
    progress(true, (err as Error).message);
    throw err;
  }
  // The next sync starts from the newest recording seen, or from the oldest one still owed.
  const owed = d.repos.twilio.oldestUnfinished(source.id);
  d.repos.sources.setCursor(source.id, owed ?? (newest > 0 ? new Date(newest).toISOString() : cursor));
  d.repos.sources.markScanned(source.id, d.now());
  report.durationMs = Date.now() - started;
  progress(true);
  if (report.downloaded > 0 || report.unavailable > 0) d.bus.emit('library:changed', { reason: 'twilio-sync' });
  return report;
}
