import { AUDIO_URL, audioPath, overviewPath, type AudioRequestVariant } from '../../../shared/audio.js';

function base(): string {
  return typeof window !== 'undefined' && window.api !== undefined ? AUDIO_URL.electron : AUDIO_URL.http;
}

/** The URL of a call's audio (or its peaks): Electron's callaudio:// scheme when the bridge is there, else browser mode's HTTP route. */
export function audioUrl(callId: number, variant: AudioRequestVariant, peaks = false): string {
  return base() + audioPath(callId, variant, peaks);
}

/** The URL of a call's overview peaks: only the levels the player draws. */
export function overviewUrl(callId: number, variant: AudioRequestVariant): string {
  return base() + overviewPath(callId, variant);
}
