/** Formats seconds as m:ss or h:mm:ss for lists and transcripts. */
export function formatDuration(totalSec: number | null | undefined): string {
  if (totalSec === null || totalSec === undefined || !Number.isFinite(totalSec)) return '—';
  const s = Math.max(0, Math.round(totalSec));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** Formats a transcript timestamp as m:ss.t so neighbouring lines can be told apart. */
export function formatTimestamp(sec: number): string {
  const safe = Math.max(0, sec);
  const m = Math.floor(safe / 60);
  const s = (safe - m * 60).toFixed(1).padStart(4, '0');
  return `${m}:${s}`;
}

/** Human label for a speaker value. */
export function speakerLabel(speaker: string): string {
  switch (speaker) {
    case 'caller':
      return 'Caller';
    case 'agent':
      return 'Agent';
    case 'bot':
      return 'Bot';
    default:
      return 'Unknown';
  }
}
