/**
 * Twilio sync benchmark: a full first sync through the real core against an in-process FakeTwilio that
 * adds a fixed latency to every request, per download concurrency, beside the ideal for that latency and a
 * plain-fetch baseline of the same media downloads. Prints figures; fails only when a recording is missing.
 *
 * Env: BENCH_RECORDINGS (default 1000), BENCH_CONCURRENCY (default "4,8,16"; the app uses 8), BENCH_RUNS (default 3),
 * BENCH_LATENCY_MS (default 50).
 */
import { rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../electron/core/app-core.js';
import { envCredentialStore } from '../../electron/core/library/twilio/credentials.js';
import { runPool } from '../../electron/core/pool.js';
import { FakeTwilio, type FakeRecording, type RequestKind } from '../fakes/twilio/fake-twilio.js';
import { fmtMiB, fmtSeconds, fmtSummary, envNumber, machineInfo, peakRssMiB, round, runInTempDir, summarize, timed, type Summary } from './lib/measure.js';

function envList(name: string, fallback: number[], min: number, max: number): number[] {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  return raw.split(',').map((part) => {
    const n = Number(part.trim());
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be integers from ${min} to ${max}, comma-separated, not "${raw}"`);
    return n;
  });
}

const RECORDINGS = Math.trunc(envNumber('BENCH_RECORDINGS', 1000, 1, 100_000));
const CONCURRENCY = envList('BENCH_CONCURRENCY', [4, 8, 16], 1, 256);
const RUNS = Math.trunc(envNumber('BENCH_RUNS', 3, 1, 100));
const LATENCY_MS = envNumber('BENCH_LATENCY_MS', 50, 0, 5000);
const PAGE_SIZE = 100;
/** Recording lengths cycle through these (seconds), so media stays small: 64–128 KB of 8 kHz stereo. */
const DURATIONS = [2, 3, 4];

/** Time spent waiting for response headers, summed over requests: divided by wall time it is the mean number in flight. */
interface Meter {
  busyMs: number;
  requests: number;
}

/** Node's fetch, counting requests and the time each spends until its headers arrive. */
function meteredFetch(meter: Meter): typeof fetch {
  return async (input, init) => {
    const t0 = performance.now();
    try {
      return await fetch(input, init);
    } finally {
      meter.busyMs += performance.now() - t0;
      meter.requests++;
    }
  };
}

/** Requests the fake logged, by kind. */
type KindCounts = Record<RequestKind, number>;

function countKinds(fake: FakeTwilio, from: number): { counts: KindCounts; notOk: number } {
  const counts: KindCounts = { list: 0, recording: 0, call: 0, account: 0, media: 0, delete: 0, unknown: 0 };
  let notOk = 0;
  for (const r of fake.requests.slice(from)) {
    counts[r.kind]++;
    if (r.status >= 300) notOk++;
  }
  return { counts, notOk };
}

/** The ideal wall time: `pages` list requests one after another, then `perRecording` round trips `c` at a time. */
function idealSeconds(pages: number, perRecording: number, c: number): number {
  return ((pages + Math.ceil(perRecording / c)) * LATENCY_MS) / 1000;
}

interface SyncRun {
  seconds: number;
  counts: KindCounts;
  bytes: number;
  inFlight: number;
  sqlite: string;
}

/** One first sync into a fresh data dir; throws unless every recording landed on disk with the fake's exact bytes. */
async function syncRun(fake: FakeTwilio, recordings: FakeRecording[], expectedBytes: Map<string, number>, dataDir: string, c: number): Promise<SyncRun> {
  const meter: Meter = { busyMs: 0, requests: 0 };
  const core = createCore(dataDir, {
    credentials: envCredentialStore({ TWILIO_ACCOUNT_SID: fake.accountSid, TWILIO_AUTH_TOKEN: fake.authToken }),
    fetch: meteredFetch(meter),
    twilio: { env: { TWILIO_API_BASE_URL: fake.baseUrl }, concurrency: c, pageSize: PAGE_SIZE },
  });
  try {
    const from = fake.requests.length;
    const { value: report, seconds } = await timed(() => core.twilio.sync());
    const { counts, notOk } = countKinds(fake, from);
    const problems: string[] = [];
    if (notOk > 0) problems.push(`${notOk} request(s) were not answered 2xx`);
    if (report.seen !== recordings.length || report.downloaded !== recordings.length) problems.push(`seen ${report.seen}, downloaded ${report.downloaded} of ${recordings.length}`);
    if (report.failed.length + report.missing.length > 0) problems.push(`failed: ${JSON.stringify([...report.failed, ...report.missing].slice(0, 3))}`);
    const libraryDir = join(dataDir, 'recordings', fake.accountSid);
    let onDisk = 0;
    let bytes = 0;
    for (const rec of recordings) {
      const path = join(libraryDir, `${rec.sid}.wav`);
      const size = (() => {
        try {
          return statSync(path).size;
        } catch {
          return -1;
        }
      })();
      if (size === expectedBytes.get(rec.sid)) {
        onDisk++;
        bytes += size;
      }
    }
    if (onDisk !== recordings.length) problems.push(`${recordings.length - onDisk} recording(s) missing or of the wrong size in ${libraryDir}`);
    const source = core.repos.sources.findTwilio(fake.accountSid);
    const states = source ? core.repos.twilio.counts(source.id) : null;
    if (states?.downloaded !== recordings.length) problems.push(`the library records ${JSON.stringify(states)}`);
    if (bytes !== report.bytes) problems.push(`the report counts ${report.bytes} bytes, the files hold ${bytes}`);
    if (problems.length > 0) throw new Error(`sync at concurrency ${c} did not download every recording: ${problems.join('; ')}`);
    const sqlite = (core.repos.db.prepare('select sqlite_version() as v').get() as { v: string }).v;
    return { seconds, counts, bytes, inFlight: meter.busyMs / 1000 / seconds, sqlite };
  } finally {
    core.close();
  }
}

/** The least a sync's downloads need: the same media URLs fetched `c` at a time with plain fetch, bodies read and dropped. */
async function baselineRun(urls: string[], authorization: string, c: number): Promise<{ seconds: number; bytes: number; inFlight: number }> {
  const meter: Meter = { busyMs: 0, requests: 0 };
  const get = meteredFetch(meter);
  let bytes = 0;
  const { seconds } = await timed(() =>
    runPool(urls, c, async (url) => {
      const res = await get(url, { headers: { Authorization: authorization } });
      const body = await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`baseline: HTTP ${res.status} for ${url}`);
      bytes += body.byteLength;
    }),
  );
  return { seconds, bytes, inFlight: meter.busyMs / 1000 / seconds };
}

interface ConcurrencyResult {
  c: number;
  sync: Summary;
  baseline: Summary;
  pages: number;
  calls: number;
  media: number;
  other: number;
  bytes: number;
  idealSec: number;
  baselineIdealSec: number;
  syncInFlight: number;
  baselineInFlight: number;
}

async function main(tmp: string): Promise<void> {
  const machine = machineInfo();
  console.log(`twilio sync benchmark: ${RECORDINGS} dual-channel recordings of ${DURATIONS.join('/')} s, ${LATENCY_MS} ms per request, concurrency ${CONCURRENCY.join(', ')}, ${RUNS} runs each`);
  const fake = await FakeTwilio.start();
  try {
    // Oldest first, a minute apart, ending a minute ago; each recording has its own call.
    const start = Date.now() - (RECORDINGS + 1) * 60_000;
    const recordings = Array.from({ length: RECORDINGS }, (_, i) =>
      fake.addRecording({ channels: 2, durationSec: DURATIONS[i % DURATIONS.length], dateCreated: new Date(start + i * 60_000) }),
    );
    const expectedBytes = new Map(recordings.map((r) => [r.sid, fake.mediaBytes(r.sid, 'wav', 2).length]));
    const totalBytes = [...expectedBytes.values()].reduce((a, b) => a + b, 0);
    const mediaUrls = recordings.map((r) => `${fake.baseUrl}/2010-04-01/Accounts/${fake.accountSid}/Recordings/${r.sid}.wav?RequestedChannels=2`);
    const authorization = `Basic ${Buffer.from(`${fake.accountSid}:${fake.authToken}`).toString('base64')}`;

    // Untimed warm-up: module loading, the first SQLite open, connection setup and the fake's media cache.
    fake.setLatency(0);
    await syncRun(fake, recordings, expectedBytes, join(tmp, 'warm-up'), 8);
    rmSync(join(tmp, 'warm-up'), { recursive: true, force: true });
    await baselineRun(mediaUrls, authorization, 8);
    fake.setLatency(LATENCY_MS);

    const results: ConcurrencyResult[] = [];
    let sqlite = '';
    for (const c of CONCURRENCY) {
      const syncs: number[] = [];
      const bases: number[] = [];
      let last: SyncRun | null = null;
      let syncInFlight = 0;
      let baselineInFlight = 0;
      for (let run = 0; run < RUNS; run++) {
        const dataDir = join(tmp, `data-c${c}-${run}`);
        const s = await syncRun(fake, recordings, expectedBytes, dataDir, c);
        rmSync(dataDir, { recursive: true, force: true });
        const b = await baselineRun(mediaUrls, authorization, c);
        if (b.bytes !== totalBytes) throw new Error(`baseline read ${b.bytes} bytes, expected ${totalBytes}`);
        syncs.push(s.seconds);
        bases.push(b.seconds);
        syncInFlight += s.inFlight / RUNS;
        baselineInFlight += b.inFlight / RUNS;
        last = s;
        sqlite = s.sqlite;
        process.stdout.write(`  C=${c} run ${run + 1}/${RUNS}: sync ${fmtSeconds(s.seconds)}, baseline ${fmtSeconds(b.seconds)}\n`);
      }
      if (!last) throw new Error('no runs');
      const k = last.counts;
      // A recording's call fetch and media download run side by side: one round trip per slot.
      const perRecording = k.media;
      results.push({
        c,
        sync: summarize(syncs),
        baseline: summarize(bases),
        pages: k.list,
        calls: k.call,
        media: k.media,
        other: k.account + k.recording + k.delete + k.unknown,
        bytes: last.bytes,
        idealSec: idealSeconds(k.list, perRecording, c),
        baselineIdealSec: idealSeconds(0, RECORDINGS, c),
        syncInFlight,
        baselineInFlight,
      });
    }

    const rss = peakRssMiB();
    const rows: [string, string][] = [
      ['machine', `${machine.cpu}, ${machine.cores} cores, ${machine.totalMemGiB} GiB RAM`],
      ['runtime', `Node ${machine.node}, ${machine.platform}, SQLite ${sqlite}; data dirs under ${tmpdir()}`],
      ['recordings', `${RECORDINGS} dual-channel 8 kHz WAVs of ${DURATIONS.join('/')} s, ${fmtMiB(totalBytes)}; each on its own call; PageSize ${PAGE_SIZE}`],
      ['fake', `in-process FakeTwilio, ${LATENCY_MS} ms added to every request; one untimed warm-up sync first`],
      ['runs', `${RUNS} per figure; median [min – max]`],
      ['ideal', `pages × ${LATENCY_MS} ms in a row + ceil(recordings / C) × ${LATENCY_MS} ms (call fetch and media overlap)`],
      ['baseline', `the same ${RECORDINGS} media URLs, plain fetch, C at a time, bodies read and dropped (no SDK, DB, files)`],
    ];
    for (const r of results) {
      const wallIdeal = r.sync.median / r.idealSec;
      rows.push(
        [`C=${r.c} sync`, `${fmtSummary(r.sync)}  ideal ${fmtSeconds(r.idealSec)}  wall/ideal ${wallIdeal.toFixed(2)}  ${(RECORDINGS / r.sync.median).toFixed(1)} recordings/s`],
        [`  requests`, `${r.pages} pages + ${r.calls} calls + ${r.media} media${r.other ? ` + ${r.other} other` : ''}; ${fmtMiB(r.bytes)}; mean in flight ${r.syncInFlight.toFixed(2)} of ${r.c}`],
        [`  baseline`, `${fmtSummary(r.baseline)}  ideal ${fmtSeconds(r.baselineIdealSec)}  wall/ideal ${(r.baseline.median / r.baselineIdealSec).toFixed(2)}  mean in flight ${r.baselineInFlight.toFixed(2)}`],
        [`  sync/baseline`, `${(r.sync.median / r.baseline.median).toFixed(2)}× (the sync makes ${((r.pages + r.calls + r.media) / RECORDINGS).toFixed(2)} requests per recording, the baseline 1)`],
      );
    }
    rows.push(['peak RSS', `${rss} MiB (whole process, fake included)`]);
    const width = Math.max(...rows.map(([key]) => key.length));
    console.log('');
    for (const [key, v] of rows) console.log(`  ${key.padEnd(width)}  ${v}`);

    const s = (x: Summary) => ({ median: round(x.median), min: round(x.min), max: round(x.max), runs: x.runs.map((v) => round(v)) });
    const json = {
      bench: 'twilio-sync',
      recordings: RECORDINGS,
      durationsSec: DURATIONS,
      channels: 2,
      mediaBytes: totalBytes,
      latencyMs: LATENCY_MS,
      pageSize: PAGE_SIZE,
      runs: RUNS,
      concurrency: results.map((r) => ({
        c: r.c,
        syncSec: s(r.sync),
        idealSec: round(r.idealSec),
        wallToIdeal: round(r.sync.median / r.idealSec, 3),
        recordingsPerSec: round(RECORDINGS / r.sync.median, 1),
        requests: { pages: r.pages, calls: r.calls, media: r.media, other: r.other },
        bytes: r.bytes,
        syncMeanInFlight: round(r.syncInFlight, 2),
        baselineSec: s(r.baseline),
        baselineIdealSec: round(r.baselineIdealSec),
        baselineToIdeal: round(r.baseline.median / r.baselineIdealSec, 3),
        baselineMeanInFlight: round(r.baselineInFlight, 2),
        syncToBaseline: round(r.sync.median / r.baseline.median, 3),
      })),
      peakRssMiB: rss,
      machine: { ...machine, sqlite },
    };
    console.log(`BENCH_JSON ${JSON.stringify(json)}`);
  } finally {
    await fake.stop();
  }
}

await runInTempDir('twilio-sync', main);
