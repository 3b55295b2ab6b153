import { AUDIO_URL, audioPath, type AudioRequestVariant } from '../../../shared/audio.js';

/** The URL of a call's audio (or its peaks): Electron's callaudio:// scheme when the bridge is there, else browser mode's HTTP route. */
export function audioUrl(callId: number, variant: AudioRequestVariant, peaks = false): string {
  const base = typeof window !== 'undefined' && window.api !== undefined ? AUDIO_URL.electron : AUDIO_URL.http;
  return base + audioPath(callId, variant, peaks);
}
