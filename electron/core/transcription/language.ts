// Whisper's verbose_json names the detected language ("english"); requests take ISO-639-1 codes.
const CODES: Record<string, string> = {
  english: 'en', german: 'de', french: 'fr', spanish: 'es', italian: 'it', portuguese: 'pt', dutch: 'nl', polish: 'pl',
  swedish: 'sv', danish: 'da', norwegian: 'no', finnish: 'fi', czech: 'cs', turkish: 'tr', russian: 'ru', ukrainian: 'uk',
  greek: 'el', romanian: 'ro', hungarian: 'hu', japanese: 'ja', chinese: 'zh', korean: 'ko', arabic: 'ar', hebrew: 'he',
  hindi: 'hi', vietnamese: 'vi', thai: 'th', indonesian: 'id',
};

/** The ISO-639-1 code of a language as Whisper reports it (a code or an English name); null when unknown. */
export function languageCode(reported: string | null | undefined): string | null {
  if (!reported) return null;
  const v = reported.trim().toLowerCase();
  if (/^[a-z]{2}$/.test(v)) return v;
  return CODES[v] ?? null;
}
