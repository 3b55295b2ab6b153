/** Masks a SID for display, the way the core masks it in logs: AC12…cdef. */
export function maskSid(sid: string): string {
  return sid.length > 10 ? `${sid.slice(0, 4)}…${sid.slice(-4)}` : sid;
}

/** Formats a byte count in megabytes with one decimal, for sync progress. */
export function formatMegabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Human label for Twilio's call direction (inbound, outbound-api, outbound-dial); other values pass through. */
export function directionLabel(direction: string | null): string {
  switch (direction) {
    case null:
      return '—';
    case 'inbound':
      return 'Inbound';
    case 'outbound-api':
      return 'Outbound (API)';
    case 'outbound-dial':
      return 'Outbound (dialled)';
    default:
      return direction;
  }
}

/** Human label for a party role: from/to read as From/To, anything else is capitalised. */
export function partyLabel(role: string): string {
  return role === '' ? '—' : role.charAt(0).toUpperCase() + role.slice(1);
}
