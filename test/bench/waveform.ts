/**
 * Waveform benchmark: a 60-minute stereo 16 kHz call.
 * 1. Peaks: our streaming computePeaks vs a `sox <file> -n stat` pass over the same file.
 * 2. In one Chromium: time to first drawn waveform and JS heap for our player (peaks + duration,
 *    opened from the call list) vs wavesurfer.js decoding the same file itself.
 * Env: BENCH_MINUTES (default 60), BENCH_RUNS (default 3).
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { computePeaks } from '../../electron/core/audio/peaks.js';
import { startBrowserMode } from '../e2e/helpers/browser-mode.js';
import { envNumber, fmtSummary, machineInfo, round, runInTempDir, summarize, timed, type Summary } from './lib/measure.js';

const MINUTES = envNumber('BENCH_MINUTES', 60, 1, 600);
const RUNS = Math.trunc(envNumber('BENCH_RUNS', 3, 1, 100));
const WAVESURFER_UMD = join(process.cwd(), 'node_modules', 'wavesurfer.js', 'dist', 'wavesurfer.min.js');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-precise-memory-info'];

/**
 * JS heap after a forced GC, in MiB, through the DevTools protocol: the V8 heap plus ArrayBuffer
 * backing stores, which is where decoded audio lives (usedSize alone would hide it).
 */
async function heapMiB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number; embedderHeapUsedSize?: number };
  await cdp.detach();
  return (usage.usedSize + (usage.backingStorageSize ?? 0) + (usage.embedderHeapUsedSize ?? 0)) / 2 ** 20;
}

/** A tiny static server for the decode-it-yourself page: wavesurfer's UMD build and the WAV with Range. */
async function decodePageServer(wav: string): Promise<{ server: Server; origin: string }> {
  const size = statSync(wav).size;
  const html = `<!doctype html><meta charset="utf-8"><div id="w"></div><script src="/ws.js"></script><script>
    const t0 = performance.now();
    const ws = WaveSurfer.create({ container: '#w', url: '/call.wav', splitChannels: [{}, {}], height: 80 });
    ws.once('redrawcomplete', () => { window.__drawnMs = performance.now() - t0; });
    ws.on('error', (e) => { window.__error = String(e); });
  </script>`;
  const server = createServer((req, res) => {
    if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html' }).end(html);
    else if (req.url === '/ws.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(WAVESURFER_UMD));
    else if (req.url === '/call.wav') {
      res.writeHead(200, { 'content-type': 'audio/wav', 'content-length': String(size) });
      createReadStream(wav).pipe(res);
    } else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Time from opening the page to wavesurfer's first complete draw, when it decodes the whole file. */
async function measureDecode(browser: Browser, origin: string): Promise<{ seconds: number; heap: number }> {
  const page = await browser.newPage();
  try {
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => (window as unknown as { __drawnMs?: number; __error?: string }).__drawnMs !== undefined || (window as unknown as { __error?: string }).__error !== undefined, undefined, { timeout: 300_000, polling: 50 });
    const err = await page.evaluate(() => (window as unknown as { __error?: string }).__error);
    if (err) throw new Error(`wavesurfer failed to decode: ${err}`);
    const ms = await page.evaluate(() => (window as unknown as { __drawnMs: number }).__drawnMs);
    return { seconds: ms / 1000, heap: await heapMiB(page) };
  } finally {
    await page.close();
  }
}

/** Our player's figures for one opening: click → waveform on its canvases, click → controls live, and the heap. */
interface OursRun {
  seconds: number;
  readySeconds: number;
  heap: number;
}

/**
 * Time from clicking the call in our app to wavesurfer's first complete draw ('redrawcomplete', the
 * event the decoding page is timed by too; the player marks it as data-drawn), and to the player
 * saying its controls are live (data-ready).
 */
async function measureOurs(browser: Browser, loginUrl: string): Promise<OursRun> {
  const page = await browser.newPage();
  try {
    await page.goto(loginUrl);
    const row = page.getByTestId('call-row').first();
    await row.waitFor();
    // Timed inside the page: from the click to the marks (no polling lag).
    await page.evaluate(() => {
      const w = window as unknown as { __t0: number; __drawnMs?: number; __readyMs?: number };
      w.__t0 = performance.now();
      // The clock starts when the click reaches the page, not when Playwright begins its checks.
      document.addEventListener('click', () => (w.__t0 = performance.now()), { capture: true, once: true });
      const seen = new MutationObserver(() => {
        if (w.__drawnMs === undefined && document.querySelector('[data-testid="waveform"][data-drawn="true"]')) w.__drawnMs = performance.now() - w.__t0;
        if (w.__readyMs === undefined && document.querySelector('[data-testid="player"][data-ready="true"]')) w.__readyMs = performance.now() - w.__t0;
        if (w.__drawnMs !== undefined && w.__readyMs !== undefined) seen.disconnect();
      });
      seen.observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    await row.click();
    type Marks = { __drawnMs?: number; __readyMs?: number };
    await page.waitForFunction(() => (window as unknown as Marks).__drawnMs !== undefined && (window as unknown as Marks).__readyMs !== undefined, undefined, { timeout: 120_000 });
    const [drawnMs, readyMs] = await page.evaluate(() => {
      const w = window as unknown as Required<Marks>;
      return [w.__drawnMs, w.__readyMs] as const;
    });
    return { seconds: drawnMs / 1000, readySeconds: readyMs / 1000, heap: await heapMiB(page) };
  } finally {
    await page.close();
  }
}

async function main(tmp: string): Promise<void> {
  const dir = join(tmp, 'call_recordings', `bench-hour_20260101_090000`);
  mkdirSync(dir, { recursive: true });
  const wav = join(dir, 'final_stereo_recording.wav');
  console.log(`waveform benchmark: ${MINUTES}-minute stereo 16 kHz call, ${RUNS} runs each`);
  // Speech-like loudness changes so the waveform is not a flat band.
  execFileSync('sox', ['-n', '-r', '16000', '-c', '2', '-b', '16', wav, 'synth', String(MINUTES * 60), 'pinknoise', 'tremolo', '0.3', '80', 'vol', '0.5']);
  const bytes = statSync(wav).size;

  const ours: number[] = [];
  const sox: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    ours.push((await timed(() => computePeaks(wav, 'wav'))).seconds);
    sox.push((await timed(() => execFileSync('sox', [wav, '-n', 'stat'], { stdio: 'ignore' }))).seconds);
  }
  const peaks = summarize(ours);
  const soxStat = summarize(sox);

  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const app = await startBrowserMode();
  const deco = await decodePageServer(wav);
  const player: OursRun[] = [];
  const decode: { seconds: number; heap: number }[] = [];
  try {
    const auth = { authorization: `Bearer ${app.token}`, 'content-type': 'application/json' };
    const added = await fetch(`${app.origin}/api/invoke/sources:addFolder`, { method: 'POST', headers: auth, body: JSON.stringify({ path: join(tmp, 'call_recordings'), watch: false }) });
    if (!added.ok) throw new Error(`import failed: HTTP ${added.status}`);
    // Peaks are computed in the background after import; fetching them once waits for the cache.
    const warm = await fetch(`${app.origin}/audio/call/1/best/peaks`, { headers: auth });
    if (!warm.ok) throw new Error(`peaks failed: HTTP ${warm.status}`);
    for (let i = 0; i < RUNS; i++) {
      player.push(await measureOurs(browser, app.loginUrl));
      decode.push(await measureDecode(browser, deco.origin));
      const last = player.at(-1)!;
      console.log(`  run ${i + 1}/${RUNS}: our player drawn ${last.seconds.toFixed(3)} s (controls live ${last.readySeconds.toFixed(3)} s), wavesurfer decoding ${decode.at(-1)!.seconds.toFixed(3)} s`);
    }
  } finally {
    await browser.close();
    await app.stop();
    deco.server.close();
  }
  const s = (xs: { seconds: number }[]): Summary => summarize(xs.map((x) => x.seconds));
  const h = (xs: { heap: number }[]): Summary => summarize(xs.map((x) => x.heap));
  const firstDraw = { ours: s(player), decode: s(decode) };
  const controlsLive = summarize(player.map((x) => x.readySeconds));
  const heap = { ours: h(player), decode: h(decode) };
  const m = machineInfo();
  const speedup = firstDraw.decode.median / firstDraw.ours.median;
  const peaksToSox = peaks.median / soxStat.median;
  console.log('');
  console.log(`  machine             ${m.cpu}, ${m.cores} cores, ${m.totalMemGiB} GiB RAM, Node ${m.node}`);
  console.log(`  file                ${MINUTES} min, 2 ch, 16 kHz, 16-bit: ${(bytes / 2 ** 20).toFixed(1)} MiB`);
  console.log(`  first waveform      ours ${fmtSummary(firstDraw.ours)}   wavesurfer decoding ${fmtSummary(firstDraw.decode)}   → ${speedup.toFixed(1)}× faster (goal ≥ 50×)`);
  console.log(`  controls live       ours ${fmtSummary(controlsLive)}   → ${(firstDraw.decode.median / controlsLive.median).toFixed(1)}× faster than the decoding page's first draw`);
  console.log(`  JS heap after draw  ours ${heap.ours.median.toFixed(1)} MiB   wavesurfer decoding ${heap.decode.median.toFixed(1)} MiB   (goal ≤ 50 MiB)`);
  console.log(`  peaks computation   ours ${fmtSummary(peaks)}   sox stat ${fmtSummary(soxStat)}   → ${peaksToSox.toFixed(2)}× sox (goal ≤ 1.5×)`);
  const json = {
    bench: 'waveform',
    minutes: MINUTES,
    bytes,
    runs: RUNS,
    firstDrawSec: { ours: firstDraw.ours, decode: firstDraw.decode },
    firstDrawSpeedup: round(speedup, 2),
    controlsLiveSec: controlsLive,
    heapMiB: { ours: round(heap.ours.median, 1), decode: round(heap.decode.median, 1) },
    peaksSec: peaks,
    soxStatSec: soxStat,
    peaksToSox: round(peaksToSox, 3),
    machine: m,
  };
  console.log(`BENCH_JSON ${JSON.stringify(json)}`);
}

await runInTempDir('waveform', main);
