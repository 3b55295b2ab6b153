import { TranscriptionRunInfo, type TranscriptionModel } from '../../shared/transcription.js';
import type { TranscriptVersion } from '../../shared/types.js';
import { formatDateTime } from './format-date.js';

/** The models a run may use, with what each is good for. */
export const MODELS: ReadonlyArray<{ id: TranscriptionModel; label: string }> = [
  { id: 'whisper-1', label: 'whisper-1 (each channel on its own)' },
  { id: 'gpt-4o-transcribe-diarize', label: 'gpt-4o-transcribe-diarize (for mono calls)' },
];

/** Common ISO-639-1 languages offered in the language select; any other code can be typed. */
export const LANGUAGES: ReadonlyArray<{ code: string; name: string }> = [
  { code: 'en', name: 'English' },
  { code: 'de', name: 'German' },
  { code: 'fr', name: 'French' },
  { code: 'es', name: 'Spanish' },
  { code: 'it', name: 'Italian' },
  { code: 'pt', name: 'Portuguese' },
  { code: 'nl', name: 'Dutch' },
  { code: 'pl', name: 'Polish' },
  { code: 'sv', name: 'Swedish' },
  { code: 'da', name: 'Danish' },
  { code: 'no', name: 'Norwegian' },
  { code: 'fi', name: 'Finnish' },
  { code: 'cs', name: 'Czech' },
  { code: 'tr', name: 'Turkish' },
  { code: 'ru', name: 'Russian' },
  { code: 'uk', name: 'Ukrainian' },
  { code: 'el', name: 'Greek' },
  { code: 'ro', name: 'Romanian' },
  { code: 'hu', name: 'Hungarian' },
  { code: 'ja', name: 'Japanese' },
  { code: 'zh', name: 'Chinese' },
  { code: 'ko', name: 'Korean' },
  { code: 'ar', name: 'Arabic' },
  { code: 'he', name: 'Hebrew' },
  { code: 'hi', name: 'Hindi' },
];

/** True for a language value the API takes: auto, or two lowercase letters. */
export function isLanguage(value: string): boolean {
  return value === 'auto' || /^[a-z]{2}$/.test(value);
}

/** A progress fraction as a whole percentage ("42%"), or null before any was reported. */
export function formatPercent(progress: number | null): string | null {
  if (progress === null || !Number.isFinite(progress)) return null;
  return `${Math.floor(Math.min(Math.max(progress, 0), 1) * 100)}%`;
}

/** Time left in words ("about 40 s left", "about 2 min 5 s left"), or null when unknown. */
export function formatEta(sec: number | null): string | null {
  if (sec === null || !Number.isFinite(sec)) return null;
  const s = Math.max(0, Math.round(sec));
  if (s < 60) return `about ${s} s left`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 === 0 ? `about ${m} min left` : `about ${m} min ${s % 60} s left`;
  return `about ${Math.floor(m / 60)} h ${m % 60} min left`;
}

/** The language a version was made in, when it is a real code (not auto or unknown). */
function versionLanguage(v: Pick<TranscriptVersion, 'params'>): string | null {
  const lang = v.params['language'];
  return typeof lang === 'string' && /^[a-z]{2}$/.test(lang) ? lang : null;
}

/** A version's short name: "v1 · recorder", "v2 · whisper-1 · en". */
export function versionLabel(v: Pick<TranscriptVersion, 'version' | 'source' | 'engine' | 'model' | 'params'>): string {
  const what = v.model ?? v.engine ?? v.source;
  return [`v${v.version}`, what, versionLanguage(v)].filter((x) => x !== null).join(' · ');
}

/** A version as the picker lists it: name, when it was made, and whether it is the active one. */
export function versionOptionLabel(v: TranscriptVersion): string {
  return `${versionLabel(v)} · ${formatDateTime(v.createdAt)}${v.active ? ' · active' : ''}`;
}

/** Names a job type for people. */
export function jobTypeLabel(type: string): string {
  const names: Record<string, string> = { transcribe: 'Transcription', metrics: 'Metrics', analyze: 'Analysis' };
  return names[type] ?? type.charAt(0).toUpperCase() + type.slice(1);
}

/** What a finished transcription job made ("whisper-1 · en · 12 segments · 18 s billed · ≈ $0.002"), or null for other results. */
export function describeRunResult(result: unknown): string | null {
  const r = TranscriptionRunInfo.safeParse(result);
  if (!r.success) return null;
  const { model, language, segments, billedSec, costUsd } = r.data;
  const lang = /^[a-z]{2}$/.test(language) ? language : null;
  return [model, lang, `${segments} segment${segments === 1 ? '' : 's'}`, `${Math.round(billedSec)} s billed`, `≈ $${costUsd.toFixed(3)}`]
    .filter((x) => x !== null)
    .join(' · ');
}
