import { useEffect, useRef } from 'react';
import { useApp } from './store-context.js';

/**
 * Logs "Transcript viewed" once per opening of a call's transcript: the first time a version shows
 * in the Transcript tab while this call is open (the hook's component lives as long as the call is
 * open). Re-renders, tab switches and StrictMode's doubled effects do not log again, since the
 * versions already logged are remembered across them; opening the call again is a new opening.
 */
export function useTranscriptViewed(callId: number, shownTranscriptId: number | null): void {
  const log = useApp((s) => s.logTranscriptViewed);
  const logged = useRef<Set<number>>(new Set());
  useEffect(() => {
    if (shownTranscriptId === null || logged.current.has(shownTranscriptId)) return;
    logged.current.add(shownTranscriptId);
    void log(callId, shownTranscriptId);
  }, [callId, shownTranscriptId, log]);
}
