import { useEffect, useState } from 'react';
import { decodePeaks, type Peaks } from '../../../shared/audio.js';

/** Where loading a peaks file is. */
export type PeaksState = { status: 'loading' } | { status: 'ready'; peaks: Peaks } | { status: 'error'; message: string };

/** Why a failed response failed, in the reviewer's words, with the server's own text when it sent some. */
async function describeFailure(res: Response): Promise<string> {
  const text = (await res.text().catch(() => '')).trim().slice(0, 200).replace(/[.\s]+$/, '');
  return `The waveform could not be loaded (HTTP ${res.status}${text === '' ? '' : `: ${text}`}).`;
}

/** Fetches and decodes the peaks file at `url`; a new URL starts over and a stale reply is dropped. */
export function usePeaks(url: string): PeaksState {
  const [state, setState] = useState<{ url: string; value: PeaksState }>({ url, value: { status: 'loading' } });

  useEffect(() => {
    const abort = new AbortController();
    const settle = (value: PeaksState): void => {
      if (!abort.signal.aborted) setState({ url, value });
    };
    fetch(url, { signal: abort.signal })
      .then(async (res) => {
        if (!res.ok) return settle({ status: 'error', message: await describeFailure(res) });
        settle({ status: 'ready', peaks: decodePeaks(await res.arrayBuffer()) });
      })
      .catch((err: unknown) => {
        settle({ status: 'error', message: `The waveform could not be loaded (${err instanceof Error ? err.message : String(err)}).` });
      });
    return () => abort.abort();
  }, [url]);

  // Until the effect for a new URL has answered, the old URL's result must not show.
  return state.url === url ? state.value : { status: 'loading' };
}
