import { useEffect, useState } from 'react';
import { decodePeaks, type Peaks } from '../../../shared/audio.js';

/** Where loading a peaks file is. */
export type PeaksState = { status: 'loading' } | { status: 'ready'; peaks: Peaks } | { status: 'error'; message: string };

/** Why a failed response failed, in the reviewer's words, with the server's own text when it sent some. */
async function describeFailure(res: Response): Promise<string> {
  const text = (await res.text().catch(() => '')).trim().slice(0, 200).replace(/[.\s]+$/, '');
  return `The waveform could not be loaded (HTTP ${res.status}${text === '' ? '' : `: ${text}`}).`;
}

// A few recent peaks by URL: opening a call starts the fetch at once, so it runs beside the detail request.
const CACHE_SIZE = 6;
const cache = new Map<string, Promise<PeaksState>>();
// The same entries once they have answered, so a player mounting after its prefetch landed draws on
// its first render instead of waiting a render cycle for the promise.
const settled = new Map<string, PeaksState>();

function load(url: string): Promise<PeaksState> {
  return fetch(url)
    .then(async (res): Promise<PeaksState> => {
      if (!res.ok) return { status: 'error', message: await describeFailure(res) };
      return { status: 'ready', peaks: decodePeaks(await res.arrayBuffer()) };
    })
    .catch((err: unknown): PeaksState => ({ status: 'error', message: `The waveform could not be loaded (${err instanceof Error ? err.message : String(err)}).` }));
}

/** Starts (or reuses) the fetch of a peaks file; errors are not cached, so a retry fetches again. */
export function prefetchPeaks(url: string): Promise<PeaksState> {
  let p = cache.get(url);
  if (!p) {
    p = load(url);
    cache.set(url, p);
    const mine = p;
    void p.then((s) => {
      if (s.status === 'error') cache.delete(url);
      else if (cache.get(url) === mine) settled.set(url, s);
    });
    if (cache.size > CACHE_SIZE) {
      const oldest = cache.keys().next().value!;
      cache.delete(oldest);
      settled.delete(oldest);
    }
  }
  return p;
}

/** Forgets cached peaks (the library changed, so a file may have been replaced). */
export function clearPeaksCache(): void {
  cache.clear();
  settled.clear();
}

/** Fetches and decodes the peaks file at `url`; a new URL starts over and a stale reply is dropped. */
export function usePeaks(url: string): PeaksState {
  const [state, setState] = useState<{ url: string; value: PeaksState }>(() => ({ url, value: settled.get(url) ?? { status: 'loading' } }));

  useEffect(() => {
    let live = true;
    void prefetchPeaks(url).then((value) => {
      // The same answer the first render already drew from (prefetched): keep the state, render nothing.
      if (live) setState((s) => (s.url === url && s.value === value ? s : { url, value }));
    });
    return () => {
      live = false;
    };
  }, [url]);

  // Until the effect for a new URL has answered, the old URL's result must not show.
  return state.url === url ? state.value : { status: 'loading' };
}
