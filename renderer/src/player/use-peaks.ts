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
    void p.then((s) => s.status === 'error' && cache.delete(url));
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  }
  return p;
}

/** Forgets cached peaks (the library changed, so a file may have been replaced). */
export function clearPeaksCache(): void {
  cache.clear();
}

/** Fetches and decodes the peaks file at `url`; a new URL starts over and a stale reply is dropped. */
export function usePeaks(url: string): PeaksState {
  const [state, setState] = useState<{ url: string; value: PeaksState }>({ url, value: { status: 'loading' } });

  useEffect(() => {
    let live = true;
    void prefetchPeaks(url).then((value) => {
      if (live) setState({ url, value });
    });
    return () => {
      live = false;
    };
  }, [url]);

  // Until the effect for a new URL has answered, the old URL's result must not show.
  return state.url === url ? state.value : { status: 'loading' };
}
